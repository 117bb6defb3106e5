import { describe, expect, it } from 'vitest';
import cellCases from '../gru/fixtures/gru-cell.json';
import { decodeF32, goldenWeights, maxAbsDiff } from '../gru/fixtures/golden';
import { gruCell } from '../gru/cell';
import expected from '../formats/fixtures/onnx/expected.json';
import { fromKeras, toKeras } from './keras';
import { gruCellVariant } from './variants';
import { randomWeights, sameBits } from './fixtures/testWeights';

// Layout facts from docs/gru-conventions.md (keras/src/layers/rnn/gru.py): kernel (I, 3H) and
// recurrent_kernel (H, 3H) are transposed, with column blocks z | r | h; bias (2, 3H) = [input; recurrent].
describe('toKeras', () => {
  const I = 3;
  const H = 4;
  const w = randomWeights(I, H, 11);
  const k = toKeras(w);

  it('has the documented shapes', () => {
    expect(k.shapes).toEqual({ kernel: [I, 3 * H], recurrentKernel: [H, 3 * H], bias: [2, 3 * H] });
    expect(k.kernel.length).toBe(I * 3 * H);
    expect(k.recurrentKernel.length).toBe(H * 3 * H);
    expect(k.bias.length).toBe(6 * H);
    expect(k.resetAfter).toBe(true);
  });

  it('transposes and puts z in column block 0, r in block 1, h in block 2', () => {
    for (let j = 0; j < H; j++) {
      for (let c = 0; c < I; c++) {
        expect(k.kernel[c * 3 * H + 0 * H + j]).toBe(w.weightIh[(H + j) * I + c]); // z
        expect(k.kernel[c * 3 * H + 1 * H + j]).toBe(w.weightIh[j * I + c]); // r
        expect(k.kernel[c * 3 * H + 2 * H + j]).toBe(w.weightIh[(2 * H + j) * I + c]); // n
      }
      for (let c = 0; c < H; c++) {
        expect(k.recurrentKernel[c * 3 * H + j]).toBe(w.weightHh[(H + j) * H + c]);
        expect(k.recurrentKernel[c * 3 * H + H + j]).toBe(w.weightHh[j * H + c]);
        expect(k.recurrentKernel[c * 3 * H + 2 * H + j]).toBe(w.weightHh[(2 * H + j) * H + c]);
      }
    }
  });

  it('stacks the input bias in row 0 and the recurrent bias in row 1, each z | r | h', () => {
    for (let j = 0; j < H; j++) {
      expect(k.bias[j]).toBe(w.biasIh[H + j]);
      expect(k.bias[H + j]).toBe(w.biasIh[j]);
      expect(k.bias[2 * H + j]).toBe(w.biasIh[2 * H + j]);
      expect(k.bias[3 * H + j]).toBe(w.biasHh[H + j]);
      expect(k.bias[4 * H + j]).toBe(w.biasHh[j]);
      expect(k.bias[5 * H + j]).toBe(w.biasHh[2 * H + j]);
    }
  });

  it('weight_hh[H + 3, 1] is recurrent_kernel[1, 3] (the z block is Keras block 0)', () => {
    expect(k.recurrentKernel[1 * 3 * H + 3]).toBe(w.weightHh[(H + 3) * H + 1]);
  });
});

describe('PyTorch → Keras → PyTorch', () => {
  for (const c of cellCases.cases) {
    it(`round-trips ${c.name} bit for bit and keeps h′`, () => {
      const w = goldenWeights(c);
      const k = toKeras(w);
      const back = fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel, bias: k.bias });
      expect(back.resetAfter).toBe(true);
      expect(back.warnings).toEqual([]);
      expect(back.weights.inputSize).toBe(w.inputSize);
      expect(back.weights.hiddenSize).toBe(w.hiddenSize);
      for (const key of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const) expect(sameBits(back.weights[key], w[key])).toBe(true);
      const x = decodeF32(c.x);
      const h = decodeF32(c.h);
      // The Keras-layout tensors, evaluated as stored (transposed, z|r|n blocks), give PyTorch's cell exactly.
      const stored = {
        inputSize: w.inputSize,
        hiddenSize: w.hiddenSize,
        weightIh: k.kernel,
        weightHh: k.recurrentKernel,
        biasIh: k.bias.subarray(0, 3 * w.hiddenSize),
        biasHh: k.bias.subarray(3 * w.hiddenSize),
      };
      const viaKeras = gruCellVariant(stored, x, h, c.batch, { gateOrder: ['z', 'r', 'n'], transposed: true });
      const ref = gruCell(w, x, h, c.batch);
      expect(sameBits(viaKeras.h, ref.h)).toBe(true);
      expect(maxAbsDiff(viaKeras.h, decodeF32(c.hNext))).toBeLessThanOrEqual(1e-5);
    });
  }
});

describe('fromKeras', () => {
  it('reads a (3H) bias as reset_after=False, flagged, with the bias in bias_ih', () => {
    const H = 2;
    const I = 1;
    const k = toKeras(randomWeights(I, H, 3));
    const bias = Float32Array.from({ length: 3 * H }, (_, i) => i + 1); // z z r r h h
    const r = fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel, bias });
    expect(r.resetAfter).toBe(false);
    expect(r.warnings[0]).toMatch(/reset_after=False/);
    expect(Array.from(r.weights.biasIh)).toEqual([3, 4, 1, 2, 5, 6]);
    expect(Array.from(r.weights.biasHh)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('reproduces Keras reset_after=False (the cell TF.js ports) against real TF.js output', () => {
    for (const t of expected.tfjs.filter((c) => c.recurrentActivation === 'sigmoid')) {
      const r = fromKeras({
        kernel: decodeF32(t.kernel.data),
        recurrentKernel: decodeF32(t.recurrentKernel.data),
        bias: decodeF32(t.bias.data),
      });
      expect(r.resetAfter).toBe(false);
      const out = gruCellVariant(r.weights, decodeF32(t.x.data), decodeF32(t.h.data), t.batch, { resetAfter: false });
      expect(maxAbsDiff(out.h, decodeF32(t.hNext.data))).toBeLessThanOrEqual(1e-6);
    }
  });

  it('infers I and H from the lengths, or takes them', () => {
    const k = toKeras(randomWeights(5, 3, 4));
    const r = fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel, bias: k.bias });
    expect([r.weights.inputSize, r.weights.hiddenSize]).toEqual([5, 3]);
    const s = fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel, bias: k.bias, inputSize: 5, hiddenSize: 3 });
    expect(sameBits(s.weights.weightIh, r.weights.weightIh)).toBe(true);
  });

  it('treats a missing bias (use_bias=False) as zeros, reset_after=True unless told', () => {
    const k = toKeras(randomWeights(2, 2, 5));
    expect(fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel }).resetAfter).toBe(true);
    expect(fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel, resetAfter: false }).resetAfter).toBe(false);
  });

  it('throws clear errors on wrong lengths or contradictions', () => {
    const k = toKeras(randomWeights(2, 2, 6));
    expect(() => fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel, bias: new Float32Array(5) })).toThrow(/\(2, 3H\) = 12/);
    expect(() => fromKeras({ kernel: k.kernel.subarray(1), recurrentKernel: k.recurrentKernel, bias: k.bias })).toThrow(Error);
    expect(() => fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel.subarray(1) })).toThrow(/recurrent_kernel/);
    expect(() => fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel, bias: k.bias, resetAfter: false })).toThrow(
      /reset_after=True/,
    );
    expect(() => fromKeras({ kernel: k.kernel, recurrentKernel: k.recurrentKernel, bias: new Float32Array(6), resetAfter: true })).toThrow(
      /reset_after=False/,
    );
  });
});

describe('fromKeras size inference', () => {
  it('names the tensor whose length does not fit', () => {
    expect(() => fromKeras({ kernel: new Float32Array(35), recurrentKernel: new Float32Array(48) })).toThrow(
      /kernel has 35 values, not a positive multiple of 12/,
    );
    expect(() => fromKeras({ kernel: new Float32Array(36), recurrentKernel: new Float32Array(47) })).toThrow(
      /recurrent_kernel has 47 values; a GRU's \(H, 3H\) matrix has 3·H² values/,
    );
  });
});
