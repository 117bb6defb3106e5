import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeF32, maxAbsDiff } from '../gru/fixtures/golden';
import { gruCell } from '../gru/cell';
import expected from '../formats/fixtures/onnx/expected.json';
import { readOnnxGru } from '../formats/onnx';
import { fromOnnx, toOnnx } from './onnx';
import { gruCellVariant } from './variants';
import { randomWeights, sameBits } from './fixtures/testWeights';
import type { GruWeights } from '../gru/weights';

const FIXTURES = new URL('../formats/fixtures/onnx/', import.meta.url);

function stateDictCell(m: (typeof expected.models)[number], suffix: string): GruWeights {
  const sd = m.stateDict as Record<string, { shape: number[]; data: string }>;
  const ih = sd[`weight_ih${suffix}`];
  return {
    inputSize: ih.shape[1],
    hiddenSize: m.hiddenSize,
    weightIh: decodeF32(ih.data),
    weightHh: decodeF32(sd[`weight_hh${suffix}`].data),
    biasIh: decodeF32(sd[`bias_ih${suffix}`].data),
    biasHh: decodeF32(sd[`bias_hh${suffix}`].data),
  };
}

// docs/gru-conventions.md (onnx/defs/rnn/defs.cc): W [D, 3H, I], R [D, 3H, H], blocks z | r | h,
// not transposed; B [D, 6H] = [Wb_zrh, Rb_zrh].
describe('toOnnx', () => {
  const I = 3;
  const H = 4;
  const w = randomWeights(I, H, 41);
  const o = toOnnx(w);

  it('has the documented shapes and linear_before_reset = 1', () => {
    expect(o.shapes).toEqual({ W: [1, 3 * H, I], R: [1, 3 * H, H], B: [1, 6 * H] });
    expect(o.linearBeforeReset).toBe(1);
  });

  it('puts z first, r second, h third, rows not transposed', () => {
    for (let j = 0; j < H; j++) {
      for (let c = 0; c < I; c++) {
        expect(o.W[j * I + c]).toBe(w.weightIh[(H + j) * I + c]);
        expect(o.W[(H + j) * I + c]).toBe(w.weightIh[j * I + c]);
        expect(o.W[(2 * H + j) * I + c]).toBe(w.weightIh[(2 * H + j) * I + c]);
      }
      expect(o.B[j]).toBe(w.biasIh[H + j]);
      expect(o.B[3 * H + H + j]).toBe(w.biasHh[j]);
      expect(o.B[3 * H + 2 * H + j]).toBe(w.biasHh[2 * H + j]);
    }
    // weight_hh[H + 3, 1] ↔ R[0, 3, 1]
    expect(o.R[3 * H + 1]).toBe(w.weightHh[(H + 3) * H + 1]);
  });

  it('round-trips one and two directions bit for bit', () => {
    const back = fromOnnx({ W: o.W, R: o.R, B: o.B, inputSize: I, hiddenSize: H });
    expect(back).toHaveLength(1);
    for (const k of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const) expect(sameBits(back[0][k], w[k])).toBe(true);
    const rev = randomWeights(I, H, 42);
    const bi = toOnnx([w, rev]);
    expect(bi.shapes.W).toEqual([2, 3 * H, I]);
    const both = fromOnnx({ W: bi.W, R: bi.R, B: bi.B, inputSize: I, hiddenSize: H, numDirections: 2 });
    for (const k of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const) expect(sameBits(both[1][k], rev[k])).toBe(true);
  });

  it('treats a missing B as zero biases', () => {
    const [c] = fromOnnx({ W: o.W, R: o.R, inputSize: I, hiddenSize: H });
    expect(c.biasIh.every((v) => v === 0) && c.biasHh.every((v) => v === 0)).toBe(true);
  });

  it('throws clear errors for wrong lengths and direction counts', () => {
    expect(() => fromOnnx({ W: o.W.subarray(1), R: o.R, inputSize: I, hiddenSize: H })).toThrow(/W has 35 values/);
    expect(() => fromOnnx({ W: o.W, R: o.R, B: o.B, inputSize: I, hiddenSize: H, numDirections: 3 })).toThrow(/1 or 2/);
    expect(() => toOnnx([w, randomWeights(2, H, 1)])).toThrow(/same input and hidden sizes/);
    expect(() => toOnnx([])).toThrow(/1 or 2 directions/);
  });
});

describe('against the real torch.onnx exporter (torch 1.13, opset 14)', () => {
  it('our toOnnx gives exactly the W, R, B initializers torch wrote (gru_3_4.onnx)', () => {
    const m = expected.models.find((k) => k.file === 'gru_3_4.onnx')!;
    const [cell] = readOnnxGru(readFileSync(new URL(m.file, FIXTURES))).cells;
    const sd = stateDictCell(m, '_l0');
    for (const k of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const) expect(sameBits(cell.weights[k], sd[k])).toBe(true);
  });

  it('the exporter wrote linear_before_reset = 1 for every GRU node', () => {
    for (const m of expected.models.filter((k) => !k.file.includes('lbr0'))) expect(m.linearBeforeReset.every((v) => v === 1)).toBe(true);
  });

  it('reset-before: gruCellVariant(resetAfter: false) reproduces onnxruntime on the linear_before_reset = 0 model', () => {
    const m = expected.models.find((k) => k.file === 'gru_3_4_lbr0.onnx')!;
    const model = readOnnxGru(readFileSync(new URL(m.file, FIXTURES)));
    expect(model.cells[0].linearBeforeReset).toBe(0);
    const w = model.cells[0].weights;
    const x = decodeF32(m.x.data);
    const h0 = decodeF32(m.h0.data);
    const ort = decodeF32(m.onnxruntime.hn.data);
    expect(maxAbsDiff(gruCellVariant(w, x, h0, m.batch, { resetAfter: false }).h, ort)).toBeLessThanOrEqual(1e-6);
    // PyTorch's cell on the same weights is a different function:
    expect(maxAbsDiff(gruCell(w, x, h0, m.batch).h, ort)).toBeGreaterThan(1e-3);
  });
});
