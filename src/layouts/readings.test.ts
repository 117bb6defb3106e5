// The detective's shared-product readings (readings.ts) against the straightforward computation: each of the
// 72 layouts normalised to PyTorch's layout (weights copied, transposed, blocks permuted) and stepped alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initKernels, useKernels } from '../kernels';
import { ALL_BLOCK_ORDERS, formatBlockOrder, type BlockOrder } from './blocks';
import { detectGruLayout, type DetectiveCandidate, type Observation } from './detective';
import { randomArray, randomWeights } from './fixtures/testWeights';
import { readingKeys } from './readings';
import { gruCellVariant, normalizeLayout, variantStep, type RecurrentActivation } from './variants';
import type { GruWeights } from '../gru/weights';

const ACTS: RecurrentActivation[] = ['sigmoid', 'hardSigmoid', 'hardSigmoid6'];
const TOLERANCE = 1e-5;

/** The straightforward per-layout maxError and match of every reading, in readingKeys order. */
function perLayout(w: GruWeights, obs: Observation[]): { err: number; fits: boolean }[] {
  return readingKeys(ACTS).map((k) => {
    const n = normalizeLayout(w, { gateOrder: k.gateOrder, transposed: k.transposed });
    let err = 0;
    let fits = true;
    for (const o of obs) {
      const out = variantStep(n, o.x, o.h, o.batch ?? 1, k.resetAfter, k.recurrentActivation).h;
      for (let i = 0; i < out.length; i++) {
        if (Number.isNaN(out[i]) && Number.isNaN(o.hNext[i])) continue;
        const d = Math.abs(out[i] - o.hNext[i]);
        err = Number.isNaN(d) ? Infinity : Math.max(err, d);
        if (!(d <= TOLERANCE)) fits = false;
      }
    }
    return { err, fits };
  });
}

const keyOf = (c: { gateOrder: BlockOrder; transposed: boolean; resetAfter: boolean; recurrentActivation: RecurrentActivation }): string =>
  `${formatBlockOrder(c.gateOrder)} ${c.transposed ? 'T' : '-'} ${c.resetAfter ? 'after' : 'before'} ${c.recurrentActivation}`;

/** Same value, or both finite and within `slack` (float32 rounding of a few products). */
const near = (a: number, b: number, slack: number): boolean =>
  Object.is(a, b) || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= slack);

function expectSameReport(w: GruWeights, obs: Observation[], slack: number): DetectiveCandidate[] {
  const want = perLayout(w, obs);
  const keys = readingKeys(ACTS).map(keyOf);
  const wantOf = new Map(keys.map((k, i) => [k, want[i]]));
  const r = detectGruLayout(w, obs, { tolerance: TOLERANCE });
  expect(r.candidates).toHaveLength(72);
  expect(new Set(r.candidates.map(keyOf))).toEqual(new Set(keys));
  for (const c of r.candidates) {
    const d = wantOf.get(keyOf(c))!;
    if (!near(c.maxError, d.err, slack)) expect([keyOf(c), c.maxError]).toEqual([keyOf(c), d.err]);
    // a match flips only for an error within rounding of the bar
    if (Math.abs(d.err - TOLERANCE) > slack) expect([keyOf(c), c.matches]).toEqual([keyOf(c), d.fits]);
  }
  // The ranking is the straightforward one up to rounding: each next candidate's direct error is not smaller
  // (beyond rounding) than the one before it.
  for (let i = 1; i < r.candidates.length; i++) {
    const prev = wantOf.get(keyOf(r.candidates[i - 1]))!.err;
    const next = wantOf.get(keyOf(r.candidates[i]))!.err;
    if (!(next >= prev - slack || Object.is(next, prev))) expect([i, next]).toEqual([i, prev]);
  }
  return r.candidates;
}

/** A random observation produced by one hypothesis (so one reading fits), batch rows of x and h. */
function observe(w: GruWeights, batch: number, seed: number, truth: Parameters<typeof gruCellVariant>[4]): Observation {
  const x = randomArray(batch * w.inputSize, seed, 2);
  const h = randomArray(batch * w.hiddenSize, seed + 1);
  return { x, h, hNext: gruCellVariant(w, x, h, batch, truth).h, batch };
}

const TRUTH = {
  gateOrder: ['z', 'n', 'r'] as BlockOrder,
  transposed: true,
  resetAfter: false,
  recurrentActivation: 'hardSigmoid' as const,
};

function cases(slack: number): void {
  // sizes around the kernels' tiles (rows by 4, batch by 4) and past the wasm threshold
  const sizes: [number, number, number][] = [
    [3, 5, 1],
    [16, 33, 2],
    [40, 64, 1],
    [7, 70, 5],
  ];
  for (const [I, H, batch] of sizes) {
    it(`matches the per-layout computation at I = ${I}, H = ${H}, batch ${batch}`, () => {
      const w = randomWeights(I, H, 3 * H + I, 1.2);
      for (const truth of [TRUTH, {}]) {
        const obs = [observe(w, batch, 11 * H, truth), observe(w, batch, 13 * H, truth)];
        const ranked = expectSameReport(w, obs, slack);
        expect(keyOf(ranked[0])).toBe(
          keyOf({
            ...{ gateOrder: ALL_BLOCK_ORDERS[0], transposed: false, resetAfter: true, recurrentActivation: 'sigmoid' as const },
            ...truth,
          }),
        );
      }
    });
  }

  it('agrees with NaN in x, in one weight and in the observed h′', () => {
    const I = 6;
    const H = 9;
    const w = randomWeights(I, H, 77);
    const nanX = observe(w, 2, 5, TRUTH);
    (nanX.x as Float32Array)[3] = NaN;
    expectSameReport(w, [nanX], slack);
    const nanW = randomWeights(I, H, 78);
    nanW.weightHh[2 * H + 4] = NaN; // one stored value: NaN in some readings' rows only
    expectSameReport(nanW, [observe(nanW, 3, 6, TRUTH)], slack);
    const nanH = observe(w, 1, 7, {});
    (nanH.hNext as Float32Array)[2] = NaN;
    const ranked = expectSameReport(w, [nanH], slack);
    // a NaN observed where every reading is finite: no reading fits
    expect(ranked.every((c) => c.maxError === Infinity && !c.matches)).toBe(true);
  });
}

describe('detective readings, plain-JS kernels (float64 sums)', () => cases(1e-6));

describe('detective readings, WebAssembly kernels (float32 sums)', () => {
  beforeAll(async () => {
    expect(await initKernels()).toBe('wasm');
    useKernels('wasm');
  });
  afterAll(() => useKernels('fastest'));
  cases(1e-5);
});

describe('detective readings, many batch rows', () => {
  it('stacks more reset-before rows than one kernel call takes (6 × 3000 > 16383) and still agrees', () => {
    const w = randomWeights(2, 3, 91);
    const obs = observe(w, 3000, 92, TRUTH);
    const r = detectGruLayout(w, obs);
    expect(keyOf(r.best)).toBe(keyOf(TRUTH));
    expect(r.best.maxError).toBeLessThan(1e-6);
  });
});
