import { describe, expect, it } from 'vitest';
import cellCases from '../gru/fixtures/gru-cell.json';
import { decodeF32, goldenWeights, maxAbsDiff } from '../gru/fixtures/golden';
import { gruCell } from '../gru/cell';
import expected from '../formats/fixtures/onnx/expected.json';
import { PYTORCH_ORDER, permuteRowBlocks, transposeMatrix, type BlockOrder } from './blocks';
import { fromTfjs } from './tfjs';
import { describeVariant, gruCellVariant, normalizeLayout, recurrentActivationFn } from './variants';
import { randomArray, randomWeights, sameBits } from './fixtures/testWeights';
import type { GruWeights } from '../gru/weights';

const sigma = (a: number): number => 1 / (1 + Math.exp(-a));

describe('gruCellVariant with the defaults is gruCell', () => {
  for (const c of cellCases.cases) {
    it(`${c.name}: bit for bit, NaN and ∞ included`, () => {
      const w = goldenWeights(c);
      const x = decodeF32(c.x);
      const h = decodeF32(c.h);
      const a = gruCellVariant(w, x, h, c.batch);
      const b = gruCell(w, x, h, c.batch);
      for (const k of ['h', 'r', 'z', 'n'] as const) expect(sameBits(a[k], b[k])).toBe(true);
    });
  }
});

describe('reset-before (ONNX linear_before_reset = 0, Keras reset_after=False, TF.js)', () => {
  it('follows ht = g(Xt W_hᵀ + (rt ⊙ Ht−1) R_hᵀ + Rb_h + Wb_h) — hand computation, I = 1, H = 2', () => {
    // PyTorch layout, rows r0 r1 z0 z1 n0 n1.
    const w: GruWeights = {
      inputSize: 1,
      hiddenSize: 2,
      weightIh: Float32Array.from([0.5, -0.25, 0.75, 0.125, -0.5, 1]),
      weightHh: Float32Array.from([0.25, -0.5, 0.5, 0.25, -0.75, 0.5, 0.125, 0.25, 1, -0.5, 0.5, 0.75]),
      biasIh: Float32Array.from([0.1, -0.2, 0.3, 0.05, -0.1, 0.2]),
      biasHh: Float32Array.from([-0.05, 0.15, -0.25, 0.1, 0.4, -0.3]),
    };
    const x = [0.8];
    const h = [0.6, -0.4];
    const out = gruCellVariant(w, x, h, 1, { resetAfter: false });
    // By hand, in float64:
    const r = [0, 1].map((j) =>
      sigma(w.weightIh[j] * x[0] + w.biasIh[j] + w.weightHh[2 * j] * h[0] + w.weightHh[2 * j + 1] * h[1] + w.biasHh[j]),
    );
    const z = [0, 1].map((j) =>
      sigma(w.weightIh[2 + j] * x[0] + w.biasIh[2 + j] + w.weightHh[4 + 2 * j] * h[0] + w.weightHh[5 + 2 * j] * h[1] + w.biasHh[2 + j]),
    );
    const rh = [r[0] * h[0], r[1] * h[1]];
    const n = [0, 1].map((j) =>
      Math.tanh(
        w.weightIh[4 + j] * x[0] + w.biasIh[4 + j] + w.weightHh[8 + 2 * j] * rh[0] + w.weightHh[9 + 2 * j] * rh[1] + w.biasHh[4 + j],
      ),
    );
    const hNext = [0, 1].map((j) => (1 - z[j]) * n[j] + z[j] * h[j]);
    expect(maxAbsDiff(out.h, hNext)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(out.r, r)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(out.n, n)).toBeLessThanOrEqual(1e-6);
    // …and it is a different function from PyTorch's reset-after cell.
    expect(maxAbsDiff(gruCell(w, x, h).h, hNext)).toBeGreaterThan(1e-3);
  });

  it('equals reset-after when h = 0 and b_hn = 0 (r multiplies nothing)', () => {
    const w = randomWeights(3, 4, 21);
    w.biasHh.fill(0, 8);
    const x = randomArray(3, 5);
    const h = new Float32Array(4);
    expect(maxAbsDiff(gruCellVariant(w, x, h, 1, { resetAfter: false }).h, gruCell(w, x, h).h)).toBeLessThanOrEqual(1e-7);
  });
});

describe('gate activations', () => {
  it("'hardSigmoid' is TF.js's clip(0.2 a + 0.5, 0, 1)", () => {
    const f = recurrentActivationFn('hardSigmoid');
    expect(f(0)).toBe(0.5);
    expect(f(2.5)).toBe(1);
    expect(f(10)).toBe(1);
    expect(f(-2.5)).toBe(0);
    expect(f(1)).toBeCloseTo(0.7, 6);
  });

  it("'hardSigmoid6' is Keras 3's relu6(a + 3) / 6", () => {
    const f = recurrentActivationFn('hardSigmoid6');
    expect(f(0)).toBe(0.5);
    expect(f(3)).toBe(1);
    expect(f(-3)).toBe(0);
    expect(f(1.5)).toBeCloseTo(0.75, 6);
  });

  it('refuses unknown activations', () => {
    // @ts-expect-error a wrong name on purpose
    expect(() => recurrentActivationFn('relu')).toThrow(/unknown recurrentActivation/);
  });

  it('reproduces real TF.js GRUCell output (reset-before; hardSigmoid and sigmoid)', () => {
    expect(expected.tfjs.map((t) => t.recurrentActivation).sort()).toEqual(['hardSigmoid', 'sigmoid']);
    for (const t of expected.tfjs) {
      const { weights } = fromTfjs({
        kernel: decodeF32(t.kernel.data),
        recurrentKernel: decodeF32(t.recurrentKernel.data),
        bias: decodeF32(t.bias.data),
      });
      const act = t.recurrentActivation as 'hardSigmoid' | 'sigmoid';
      const out = gruCellVariant(weights, decodeF32(t.x.data), decodeF32(t.h.data), t.batch, {
        resetAfter: false,
        recurrentActivation: act,
      });
      expect(maxAbsDiff(out.h, decodeF32(t.hNext.data))).toBeLessThanOrEqual(1e-6);
      // the other activation is clearly wrong
      const other = gruCellVariant(weights, decodeF32(t.x.data), decodeF32(t.h.data), t.batch, {
        resetAfter: false,
        recurrentActivation: act === 'sigmoid' ? 'hardSigmoid' : 'sigmoid',
      });
      expect(maxAbsDiff(other.h, decodeF32(t.hNext.data))).toBeGreaterThan(1e-3);
    }
  });
});

describe('stored layouts', () => {
  const I = 3;
  const H = 4;
  const w = randomWeights(I, H, 31);
  const x = randomArray(2 * I, 7);
  const h = randomArray(2 * H, 8);
  const ref = gruCell(w, x, h, 2);

  const orders: BlockOrder[] = [
    ['z', 'r', 'n'],
    ['n', 'z', 'r'],
    ['r', 'n', 'z'],
  ];
  for (const order of orders) {
    for (const transposed of [false, true]) {
      it(`reads ${order.join('|')} blocks, ${transposed ? '' : 'not '}transposed, as gruCell on the PyTorch layout`, () => {
        const ih = permuteRowBlocks(w.weightIh, H, I, PYTORCH_ORDER, order);
        const hh = permuteRowBlocks(w.weightHh, H, H, PYTORCH_ORDER, order);
        const stored: GruWeights = {
          inputSize: I,
          hiddenSize: H,
          weightIh: transposed ? transposeMatrix(ih, 3 * H, I) : ih,
          weightHh: transposed ? transposeMatrix(hh, 3 * H, H) : hh,
          biasIh: permuteRowBlocks(w.biasIh, H, 1, PYTORCH_ORDER, order),
          biasHh: permuteRowBlocks(w.biasHh, H, 1, PYTORCH_ORDER, order),
        };
        const back = normalizeLayout(stored, { gateOrder: order, transposed });
        for (const k of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const) expect(sameBits(back[k], w[k])).toBe(true);
        expect(sameBits(gruCellVariant(stored, x, h, 2, { gateOrder: order, transposed }).h, ref.h)).toBe(true);
      });
    }
  }

  it('describes its options', () => {
    expect(describeVariant({ gateOrder: ['z', 'r', 'n'], transposed: true, resetAfter: false, recurrentActivation: 'hardSigmoid' })).toBe(
      'z|r|n blocks, transposed, reset-before, hardSigmoid',
    );
  });

  it('throws clear errors for a bad order or input length', () => {
    expect(() => gruCellVariant(w, x, h, 2, { gateOrder: ['r', 'r', 'n'] })).toThrow(/permutation/);
    expect(() => gruCellVariant(w, x.subarray(1), h, 2)).toThrow(/x has 5 values/);
    expect(() => gruCellVariant(w, x, h, 0)).toThrow(/batch/);
  });
});
