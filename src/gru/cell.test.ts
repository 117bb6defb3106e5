import { describe, expect, it } from 'vitest';
import cellCases from './fixtures/gru-cell.json';
import { decodeF32, goldenWeights, maxAbs, maxAbsDiff } from './fixtures/golden';
import { createGruWorkspace, gruCell, gruCellInto } from './cell';
import { zeroWeights } from './weights';

// Golden values from real PyTorch (scripts/make_fixtures.py, torch.nn.GRUCell in float32).
const TOLERANCE = 1e-5;
const TARGET = 2e-6;

describe('gruCell matches PyTorch nn.GRUCell', () => {
  it('has golden cases covering batch > 1, I or H = 1, H up to 256 and saturation', () => {
    const cases = cellCases.cases;
    expect(cases.some((c) => c.batch > 1)).toBe(true);
    expect(cases.some((c) => c.inputSize === 1)).toBe(true);
    expect(cases.some((c) => c.hiddenSize === 1)).toBe(true);
    expect(Math.max(...cases.map((c) => c.hiddenSize))).toBeGreaterThanOrEqual(256);
    expect(cases.some((c) => c.name.includes('saturated'))).toBe(true);
  });

  for (const c of cellCases.cases) {
    it(`${c.name} (I=${c.inputSize}, H=${c.hiddenSize}, batch=${c.batch})`, () => {
      const w = goldenWeights(c);
      const out = gruCell(w, decodeF32(c.x), decodeF32(c.h), c.batch);
      const worst = Math.max(
        maxAbsDiff(out.h, decodeF32(c.hNext)),
        maxAbsDiff(out.r, decodeF32(c.r)),
        maxAbsDiff(out.z, decodeF32(c.z)),
        maxAbsDiff(out.n, decodeF32(c.n)),
      );
      expect(worst).toBeLessThanOrEqual(TOLERANCE);
      expect(worst).toBeLessThanOrEqual(TARGET);
      // Pre-activations are sums PyTorch rounds in float32: compare relative to their size
      // (the saturated cases reach |gh| ≈ 300, where one float32 ulp is 3e-5).
      for (const key of ['gi', 'gh'] as const) {
        const expected = decodeF32(c[key]);
        expect(maxAbsDiff(out[key], expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, maxAbs(expected)));
      }
    });
  }

  it('propagates NaN in a weight to exactly the outputs PyTorch makes NaN', () => {
    const c = cellCases.cases.find((k) => k.name === 'nan_weight')!;
    const out = gruCell(goldenWeights(c), decodeF32(c.x), decodeF32(c.h), c.batch);
    const expected = decodeF32(c.hNext);
    expect(expected.some(Number.isNaN)).toBe(true);
    expect(Array.from(out.h, Number.isNaN)).toEqual(Array.from(expected, Number.isNaN));
  });

  it('saturates z to exactly 1 for an infinite bias, as PyTorch does', () => {
    const c = cellCases.cases.find((k) => k.name === 'inf_bias')!;
    const out = gruCell(goldenWeights(c), decodeF32(c.x), decodeF32(c.h), c.batch);
    const H = c.hiddenSize;
    for (let b = 0; b < c.batch; b++) expect(out.z[b * H]).toBe(1);
    // PyTorch computes (h − n)·z + n: with z = 1 it gives h up to one rounding of (h − n) + n.
    expect(out.h[0]).toBe(decodeF32(c.hNext)[0]);
  });
});

describe('gruCellInto', () => {
  const c = cellCases.cases.find((k) => k.name === 'I32_H64_B8_default')!;
  const w = goldenWeights(c);

  it('writes into a reusable workspace with the same numbers as gruCell', () => {
    const ws = createGruWorkspace(c.inputSize, c.hiddenSize, 16);
    const x = decodeF32(c.x);
    const h = decodeF32(c.h);
    gruCellInto(w, x, h, c.batch, ws);
    const first = ws.h.slice(0, c.batch * c.hiddenSize);
    expect(maxAbsDiff(first, decodeF32(c.hNext))).toBeLessThanOrEqual(TARGET);
    gruCellInto(w, x, h, c.batch, ws); // same buffers, same result
    expect(ws.h.slice(0, c.batch * c.hiddenSize)).toEqual(first);
  });

  it('refuses a workspace of the wrong size', () => {
    const ws = createGruWorkspace(c.inputSize, c.hiddenSize, 2);
    expect(() => gruCellInto(w, decodeF32(c.x), decodeF32(c.h), c.batch, ws)).toThrow(/workspace is for/);
  });
});

describe('bad input', () => {
  const w = zeroWeights(3, 4);
  it('names the wrong length', () => {
    expect(() => gruCell(w, [1, 2], [0, 0, 0, 0])).toThrow(/x has 2 values but \(batch, I\) = \(1, 3\) needs 3/);
    expect(() => gruCell(w, [1, 2, 3], [0])).toThrow(/h has 1 values/);
    expect(() => gruCell({ ...w, biasHh: new Float32Array(5) }, [1, 2, 3], [0, 0, 0, 0])).toThrow(/bias_hh has 5 values/);
  });
  it('names non-integer and non-positive sizes', () => {
    expect(() => gruCell(w, [1, 2, 3], [0, 0, 0, 0], 0)).toThrow(/batch must be a positive integer, got 0/);
    expect(() => gruCell(w, [1, 2, 3], [0, 0, 0, 0], 1.5)).toThrow(/batch must be a positive integer/);
    expect(() => zeroWeights(3, -1)).toThrow(/hiddenSize must be a positive integer, got -1/);
    expect(() => zeroWeights(Number.NaN, 4)).toThrow(/inputSize must be a positive integer, got NaN/);
    expect(() => zeroWeights(3, 1e9)).toThrow(/larger than the maximum/);
  });
});
