import { describe, expect, it } from 'vitest';
import { seededRng } from '../init/random';
import { TENSORS, getTensor, type GruWeights } from '../gru/weights';
import { withTensor } from '../gru/weights';
import { PYTORCH_ORDER, ZRN_ORDER, permuteRowBlocks, transposeMatrix } from '../layouts/blocks';
import { tensorCols } from '../gru/edit';
import { commonPart, TINY_DIFFERENCE, weightDifference } from './difference';
import { compareCells, explainDifference, toLayoutOf } from './explain';

function randomWeights(I: number, H: number, seed: number): GruWeights {
  const rng = seededRng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);
  return { inputSize: I, hiddenSize: H, weightIh: fill(3 * H * I), weightHh: fill(3 * H * H), biasIh: fill(3 * H), biasHh: fill(3 * H) };
}

const mapTensors = (w: GruWeights, f: (values: Float32Array, cols: number, name: (typeof TENSORS)[number]) => Float32Array) =>
  TENSORS.reduce((acc, t) => withTensor(acc, t, f(getTensor(w, t), tensorCols(w, t), t)), w);

describe('weightDifference', () => {
  it('counts equal, tiny, differing and non-finite cells per band, with max |Δ| and RMS', () => {
    const a = randomWeights(3, 4, 1);
    let b = withTensor(a, 'bias_hh', a.biasHh.slice());
    b.biasHh[4] += 0.5; // z band, unit 0
    b.biasHh[5] -= 0.25; // z band, unit 1
    b.biasHh[8] = Math.fround(a.biasHh[8] + 2 ** -22); // n band: a few float32 steps, below 1e-6
    b = withTensor(b, 'weight_hh', a.weightHh.slice());
    b.weightHh[0] = Number.NaN; // r band of weight_hh
    const d = weightDifference(a, b);
    const band = (t: string, g: string) => d.bands.find((x) => x.tensor === t && x.gate === g)!;
    expect(band('bias_hh', 'z')).toMatchObject({ equal: 2, tiny: 0, differ: 2 });
    expect(band('bias_hh', 'z').maxAbs).toBeCloseTo(0.5, 6);
    expect(band('bias_hh', 'z').rms).toBeCloseTo(Math.sqrt((0.25 + 0.0625) / 4), 6);
    expect(band('bias_hh', 'n')).toMatchObject({ equal: 3, tiny: 1, differ: 0 });
    expect(band('weight_hh', 'r')).toMatchObject({ equal: 15, nonFinite: 1 });
    expect(band('weight_ih', 'n')).toMatchObject({ equal: 12, tiny: 0, differ: 0, maxAbs: 0, rms: 0 });
    expect(Number.isNaN(d.delta.weight_hh[0])).toBe(true);
    expect(d.delta.bias_hh[4]).toBeCloseTo(0.5, 6);
    expect(d.changed).toBe(4);
  });

  it('refuses cells of different sizes, and commonPart cuts both to the shared units and columns', () => {
    const a = randomWeights(3, 4, 2);
    const b = randomWeights(2, 5, 3);
    expect(() => weightDifference(a, b)).toThrow(/common part/);
    const [ca, cb] = commonPart(a, b);
    expect([ca.inputSize, ca.hiddenSize, cb.inputSize, cb.hiddenSize]).toEqual([2, 4, 2, 4]);
    // z band, unit 1, input column 1 of A: row H + 1 = 5 in A (I = 3), row 5 in the cut (I = 2).
    expect(ca.weightIh[5 * 2 + 1]).toBe(a.weightIh[5 * 3 + 1]);
    // n band, unit 3 of B (H = 5): row 2·5 + 3 = 13 in B, row 2·4 + 3 = 11 in the cut.
    expect(cb.biasHh[11]).toBe(b.biasHh[13]);
    expect(cb.weightHh[11 * 4 + 3]).toBe(b.weightHh[13 * 5 + 3]);
  });
});

describe('explainDifference', () => {
  const a = randomWeights(3, 4, 7);

  it('finds an r/z swap (Keras and ONNX order) and converts B back to A exactly', () => {
    const b = mapTensors(a, (v, cols) => permuteRowBlocks(v, 4, cols, PYTORCH_ORDER, ZRN_ORDER));
    const cause = explainDifference(a, b);
    expect(cause.kind).toBe('layout');
    expect(cause.text).toBe('B is A with r and z swapped, exactly');
    if (cause.kind !== 'layout') return;
    expect(weightDifference(a, toLayoutOf(b, cause.change)).changed).toBe(0);
  });

  it('finds each gate block transposed (weight_hh; weight_ih too when I = H) and undoes it', () => {
    const square = randomWeights(4, 4, 8);
    const b = mapTensors(square, (v, _cols, t) => {
      if (t.startsWith('bias')) return v;
      const out = new Float32Array(v.length);
      for (let k = 0; k < 3; k++) out.set(transposeMatrix(v.subarray(k * 16, (k + 1) * 16), 4, 4), k * 16);
      return out;
    });
    const cause = explainDifference(square, b);
    expect(cause.text).toBe('B is A with each gate block transposed, exactly');
    if (cause.kind !== 'layout') throw new Error(cause.kind);
    expect(weightDifference(square, toLayoutOf(b, cause.change)).changed).toBe(0);
  });

  it('calls float32 rounding of the same values identical up to rounding, and equal cells identical', () => {
    expect(explainDifference(a, { ...a }).kind).toBe('identical');
    const rounded = withTensor(
      a,
      'weight_hh',
      a.weightHh.map((v) => Math.fround(v + 3e-8)),
    );
    const cause = explainDifference(a, rounded);
    expect(cause.kind).toBe('rounding');
    expect(cause.text).toMatch(/^identical up to float32 rounding \(max \|Δ\| \de-\d\)$/);
  });

  it('names the bands an edit touched, and calls an unrelated cell unrelated', () => {
    const edited = withTensor(
      a,
      'bias_hh',
      a.biasHh.map((v, i) => (i >= 4 && i < 8 ? 20 : v)),
    );
    expect(explainDifference(a, edited).text).toBe('B differs from A only in bias_hh z (update)');
    const other = randomWeights(3, 4, 99);
    const cause = explainDifference(a, other);
    expect(cause.kind).toBe('unrelated');
    expect(cause.text).toMatch(/^B differs from A in \d+ cells across 12 gate bands/);
  });

  it('says when the sizes differ', () => {
    expect(explainDifference(a, randomWeights(3, 5, 1))).toMatchObject({ kind: 'shape', text: 'A is I = 3, H = 4 and B is I = 3, H = 5' });
  });

  it('a permutation that also rounds is still found, within 1e-6', () => {
    const b = mapTensors(a, (v, cols) => permuteRowBlocks(v, 4, cols, PYTORCH_ORDER, ['n', 'z', 'r']).map((x) => Math.fround(x + 1e-7)));
    const cause = explainDifference(a, b);
    expect(cause.kind).toBe('layout');
    expect(cause.text).toMatch(/^B is A with r and n swapped, up to float32 rounding/);
    if (cause.kind === 'layout') expect(cause.maxAbs).toBeLessThan(TINY_DIFFERENCE);
  });
});

describe('compareCells', () => {
  it('compares cells of one size whole, cells of other sizes only on their common part when asked', () => {
    const a = randomWeights(3, 4, 5);
    const b = withTensor(a, 'bias_ih', a.biasIh.slice());
    b.biasIh[9] += 1; // n band, unit 1
    const same = compareCells(a, b, false)!;
    expect(same).toMatchObject({ cropped: false, cause: { kind: 'bands' } });
    expect(same.diff.changed).toBe(1);

    const bigger = randomWeights(3, 6, 6);
    expect(compareCells(a, bigger, false)).toBeNull();
    const cropped = compareCells(a, bigger, true)!;
    expect(cropped.cropped).toBe(true);
    expect([cropped.a.hiddenSize, cropped.b.hiddenSize, cropped.diff.delta.weight_hh.length]).toEqual([4, 4, 3 * 4 * 4]);
  });
});
