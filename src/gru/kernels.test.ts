import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cellCases from './fixtures/gru-cell.json';
import sequenceCases from './fixtures/gru-sequence.json';
import { decodeF32, goldenWeights, maxAbsDiff } from './fixtures/golden';
import { affineRows } from './affine';
import { createGruWorkspace, gruCell, gruCellInto } from './cell';
import { gruSequence } from './sequence';
import { initKernels, kernelsInUse, useKernels, WASM_MIN_PRODUCT, type KernelKind } from '../kernels';
import { gruCellVariant } from '../layouts/variants';
import { LIMITS } from '../model/model';
import { seededRng } from '../init/random';
import type { GruWeights } from './weights';

// The golden values come from real PyTorch (scripts/make_fixtures.py). Every case is run with each
// kernel forced for every product size, so the small cases test the WebAssembly kernel too.
const TARGET = 2e-6;

function randomWeights(I: number, H: number, seed: number): GruWeights {
  const rng = seededRng(seed);
  const k = 1 / Math.sqrt(H);
  const fill = (n: number) => Float32Array.from({ length: n }, () => (2 * rng() - 1) * k);
  return { inputSize: I, hiddenSize: H, weightIh: fill(3 * H * I), weightHh: fill(3 * H * H), biasIh: fill(3 * H), biasHh: fill(3 * H) };
}
const inputs = (n: number, seed: number) => {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => 2 * rng() - 1);
};

beforeAll(async () => {
  expect(await initKernels()).toBe('wasm');
});
afterAll(() => useKernels('fastest'));

for (const kind of ['js', 'wasm'] as KernelKind[]) {
  describe(`with the ${kind} kernel at every size`, () => {
    beforeAll(() => useKernels(kind));

    it('gruCell is within 2e-6 of PyTorch nn.GRUCell on every golden case', () => {
      expect(kernelsInUse()).toBe(kind);
      for (const c of cellCases.cases) {
        const out = gruCell(goldenWeights(c), decodeF32(c.x), decodeF32(c.h), c.batch);
        const worst = Math.max(
          maxAbsDiff(out.h, decodeF32(c.hNext)),
          maxAbsDiff(out.r, decodeF32(c.r)),
          maxAbsDiff(out.z, decodeF32(c.z)),
          maxAbsDiff(out.n, decodeF32(c.n)),
        );
        expect(worst, c.name).toBeLessThanOrEqual(TARGET);
      }
    });

    it('NaN where PyTorch gives NaN, z = 1 for an infinite bias', () => {
      const nan = cellCases.cases.find((k) => k.name === 'nan_weight')!;
      const out = gruCell(goldenWeights(nan), decodeF32(nan.x), decodeF32(nan.h), nan.batch);
      expect(Array.from(out.h, Number.isNaN)).toEqual(Array.from(decodeF32(nan.hNext), Number.isNaN));
      const inf = cellCases.cases.find((k) => k.name === 'inf_bias')!;
      const step = gruCell(goldenWeights(inf), decodeF32(inf.x), decodeF32(inf.h), inf.batch);
      expect(step.z[0]).toBe(1);
      expect(step.h[0]).toBe(decodeF32(inf.hNext)[0]);
    });

    it('gruSequence is within 2e-6 of PyTorch nn.GRU on every golden case', () => {
      for (const c of sequenceCases.cases) {
        const result = gruSequence(goldenWeights(c), decodeF32(c.xs), decodeF32(c.h0), c.steps, c.batch);
        expect(maxAbsDiff(result.outputs, decodeF32(c.outputs)), c.name).toBeLessThanOrEqual(TARGET);
      }
    });

    it('the reset-after σ variant is gruCell (bit for bit in JS; its gates stay in JS, so within 2e-6 with wasm)', () => {
      const w = randomWeights(24, 40, 5);
      const x = inputs(3 * 24, 6);
      const h = inputs(3 * 40, 7);
      const variant = gruCellVariant(w, x, h, 3).h;
      if (kind === 'js') expect(variant).toEqual(gruCell(w, x, h, 3).h);
      else expect(maxAbsDiff(variant, gruCell(w, x, h, 3).h)).toBeLessThanOrEqual(TARGET);
    });

    it('saturated gates are exactly 0 or 1 and n exactly ±1, as in float32 PyTorch', () => {
      // One weight column carries ±scale·x into every gate: pre-activations of ±20 … ±1e6 (and 88.8, where
      // float32 e^a overflows), so σ and tanh must round to their limits, not to 1 − 1e-9.
      const H = 8;
      const w = randomWeights(1, H, 41);
      const scales = [20, -20, 60, -60, 88.8, -88.8, 1e6, -1e6];
      for (let j = 0; j < 3 * H; j++) w.weightIh[j] = scales[j % H];
      w.biasIh.fill(0);
      w.biasHh.fill(0);
      w.weightHh.fill(0);
      const out = gruCell(w, [1], inputs(H, 42));
      for (let j = 0; j < H; j++) {
        const a = scales[j];
        for (const gate of [out.r[j], out.z[j]]) {
          if (a > 0) expect(gate, `σ(${a})`).toBe(1);
          else if (a <= -88.8)
            expect(gate, `σ(${a})`).toBe(0); // e^88.8 overflows float32
          else expect(gate / (1 / (1 + Math.exp(-a))), `σ(${a})`).toBeCloseTo(1, 5); // tiny, not 0
        }
        expect(out.n[j], `tanh(${a})`).toBe(Math.sign(a));
      }
    });
  });
}

describe('the WebAssembly and plain-JS kernels agree', () => {
  afterAll(() => useKernels('fastest'));
  const both = (w: GruWeights, x: Float32Array, h: Float32Array, batch: number) => {
    useKernels('js');
    const js = gruCell(w, x, h, batch);
    useKernels('wasm');
    const wasm = gruCell(w, x, h, batch);
    return { js, wasm };
  };

  it('at the explorer limits: I = H = 1024 with a batch of 64', () => {
    const { inputSize: I, hiddenSize: H, batch } = LIMITS;
    const w = randomWeights(I, H, 11);
    const { js, wasm } = both(w, inputs(batch * I, 12), inputs(batch * H, 13), batch);
    expect(maxAbsDiff(wasm.h, js.h)).toBeLessThanOrEqual(TARGET);
    expect(maxAbsDiff(wasm.z, js.z)).toBeLessThanOrEqual(TARGET);
    expect(maxAbsDiff(wasm.gh, js.gh)).toBeLessThanOrEqual(1e-5);
  }, 60_000); // 400 million multiply-adds in plain JS: seconds on a busy machine

  it('with NaN, ±Inf and subnormal weights and inputs: the same NaNs and infinities', () => {
    const w = randomWeights(9, 12, 21);
    w.weightIh[0] = NaN;
    w.weightHh[5 * 12 + 3] = Infinity;
    w.weightHh[20 * 12 + 1] = -Infinity;
    w.weightIh[30 * 9 + 2] = 1e-41;
    w.biasHh[14] = -Infinity;
    w.biasIh[26] = Infinity;
    const x = inputs(2 * 9, 22);
    const h = inputs(2 * 12, 23);
    x[4] = 3e-40;
    h[3] = 0; // Inf · 0 in batch row 0
    h[12 + 1] = 1e-39;
    const { js, wasm } = both(w, x, h, 2);
    for (const key of ['h', 'r', 'z', 'n', 'gi', 'gh'] as const) {
      expect(Array.from(wasm[key], Number.isNaN), key).toEqual(Array.from(js[key], Number.isNaN));
      expect(maxAbsDiff(wasm[key], js[key]), key).toBeLessThan(1e-5);
    }
    expect(js.h.some(Number.isNaN)).toBe(true);
  });
});

describe('kernel choice by size', () => {
  afterAll(() => useKernels('fastest'));

  it('small products stay in plain JS (bit for bit the JS kernel), larger ones use the WebAssembly kernel', () => {
    useKernels('fastest');
    expect(kernelsInUse()).toBe('wasm');
    const small = randomWeights(3, 4, 31);
    const x = inputs(3, 32);
    const h = inputs(4, 33);
    const ws = createGruWorkspace(3, 4, 1, affineRows);
    gruCellInto(small, x, h, 1, ws);
    expect(3 * 4 * 4).toBeLessThan(WASM_MIN_PRODUCT);
    expect(gruCell(small, x, h).h).toEqual(ws.h);

    const big = randomWeights(64, 64, 34);
    const xb = inputs(64, 35);
    const hb = inputs(64, 36);
    const fastest = gruCell(big, xb, hb).gh;
    useKernels('wasm');
    expect(gruCell(big, xb, hb).gh).toEqual(fastest);
    useKernels('js');
    expect(gruCell(big, xb, hb).gh).not.toEqual(fastest); // float32 sums, not float64: not the same bits
  });
});
