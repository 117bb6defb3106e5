import { describe, expect, it } from 'vitest';
import { gruCell } from '../gru/cell';
import { fillBand } from '../gru/edit';
import { defaultModel } from './defaults';
import { emptyModel, getGrid, gridShape, resizeModel, withGrid } from './model';

describe('model', () => {
  it('opens on the forum cell: I = 3, H = 4, batch 1, PyTorch default init', () => {
    const m = defaultModel();
    expect([m.weights.inputSize, m.weights.hiddenSize, m.batch]).toEqual([3, 4, 1]);
    expect(Math.max(...Array.from(m.weights.weightHh, Math.abs))).toBeLessThanOrEqual(0.5);
    expect(defaultModel()).toEqual(m); // fixed seed
  });

  it('gives every grid its drawn shape', () => {
    const m = emptyModel(3, 4, 2);
    expect(gridShape(m, 'weight_ih')).toEqual({ rows: 12, cols: 3 });
    expect(gridShape(m, 'weight_hh')).toEqual({ rows: 12, cols: 4 });
    expect(gridShape(m, 'bias_hh')).toEqual({ rows: 12, cols: 1 });
    expect(gridShape(m, 'x')).toEqual({ rows: 2, cols: 3 });
    expect(gridShape(m, 'h')).toEqual({ rows: 2, cols: 4 });
  });

  it("resizing keeps each gate band's values in the same gate", () => {
    let m = emptyModel(3, 4, 1);
    m = { ...m, weights: fillBand(m.weights, 'bias_hh', 'z', 20) };
    m = withGrid(
      m,
      'weight_hh',
      Float32Array.from({ length: 48 }, (_, i) => i),
    );
    const grown = resizeModel(m, 3, 6, 2);
    const kept = (a: Float32Array, idx: number[]) => idx.map((i) => a[i]);
    // The z band (rows 4..7 for H = 4) moves to rows 6..9 for H = 6; r and n stay 0.
    expect(kept(grown.weights.biasHh, [0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15])).toEqual([0, 0, 0, 0, 20, 20, 20, 20, 0, 0, 0, 0]);
    // New units get PyTorch's default init U(−1/√6, 1/√6), not zeros.
    for (const i of [4, 5, 10, 11, 16, 17]) {
      expect(Math.abs(grown.weights.biasHh[i])).toBeLessThanOrEqual(1 / Math.sqrt(6));
      expect(grown.weights.biasHh[i]).not.toBe(0);
    }
    // Row 4 (z, unit 0) of weight_hh moves to row 6 (z, unit 0) and keeps its 4 columns.
    expect(Array.from(grown.weights.weightHh.subarray(36, 40))).toEqual([16, 17, 18, 19]);
    expect(Array.from(grown.x.subarray(3, 6))).toEqual([0, 0, 0]); // new batch row of x is 0
    const shrunk = resizeModel(grown, 2, 2, 1);
    expect(Array.from(shrunk.weights.biasHh)).toEqual([0, 0, 20, 20, 0, 0]);
    expect(Array.from(shrunk.weights.weightHh.subarray(4, 6))).toEqual([16, 17]);
    expect(gruCell(shrunk.weights, shrunk.x, shrunk.h).h.length).toBe(2);
  });

  it('refuses sizes out of range with a clear message', () => {
    expect(() => resizeModel(emptyModel(3, 4), 3, 2000, 1)).toThrow(/hidden size H = 2000 is larger than the maximum 1024/);
    expect(() => resizeModel(emptyModel(3, 4), 0, 4, 1)).toThrow(/input size I must be a positive integer/);
    expect(() => withGrid(emptyModel(3, 4), 'x', new Float32Array(2))).toThrow(/x needs 3 values/);
    expect(getGrid(emptyModel(3, 4), 'h').length).toBe(4);
  });
});
