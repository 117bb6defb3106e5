import { describe, expect, it } from 'vitest';
import backwardCases from './fixtures/gru-backward.json';
import { decodeF32, goldenWeights, maxAbs, maxAbsDiff } from '../gru/fixtures/golden';
import { gruSequence } from '../gru/sequence';
import { gruSequenceBackward } from './backward';
import { createTrainKernels, transposeInto } from './kernels';

/** max |a − b| over max(1, max |b|): absolute for small gradients, relative for large ones. */
function scaledError(a: Float32Array, b: Float32Array): number {
  return maxAbsDiff(a, b) / Math.max(1, maxAbs(b));
}

describe('gruSequenceBackward matches torch.autograd through nn.GRU', () => {
  for (const c of backwardCases.cases) {
    it(`${c.name} (I=${c.inputSize}, H=${c.hiddenSize}, batch=${c.batch}, T=${c.steps})`, () => {
      const w = goldenWeights(c);
      const xs = decodeF32(c.xs);
      const h0 = decodeF32(c.h0);
      // The tape's forward is the explorer's forward: same outputs as PyTorch first.
      expect(maxAbsDiff(gruSequence(w, xs, h0, c.steps, c.batch).outputs, decodeF32(c.outputs))).toBeLessThanOrEqual(1e-5);
      const grads = gruSequenceBackward(
        w,
        xs,
        h0,
        c.steps,
        c.batch,
        c.gradOutputs ? decodeF32(c.gradOutputs) : null,
        c.gradFinal ? decodeF32(c.gradFinal) : null,
      );
      for (const key of ['weightIh', 'weightHh', 'biasIh', 'biasHh', 'xs', 'h0'] as const) {
        const expected = decodeF32(c.grad[key]);
        expect(grads[key].length, key).toBe(expected.length);
        expect(scaledError(grads[key], expected), key).toBeLessThanOrEqual(1e-5);
      }
    });
  }

  it('has non-trivial gradients in every case (the fixtures test something)', () => {
    for (const c of backwardCases.cases) expect(maxAbs(decodeF32(c.grad.weightHh)), c.name).toBeGreaterThan(1e-3);
  });

  it('gives zero gradients when both upstream gradients are null', () => {
    const c = backwardCases.cases[0];
    const g = gruSequenceBackward(goldenWeights(c), decodeF32(c.xs), decodeF32(c.h0), c.steps, c.batch, null, null);
    expect(maxAbs(g.weightHh)).toBe(0);
    expect(maxAbs(g.h0)).toBe(0);
  });

  it('rejects upstream gradients of the wrong shape', () => {
    const c = backwardCases.cases[1];
    expect(() =>
      gruSequenceBackward(goldenWeights(c), decodeF32(c.xs), decodeF32(c.h0), c.steps, c.batch, new Float32Array(3), null),
    ).toThrow(/gradOutputs has 3 values but \(steps, batch, H\)/);
  });
});

describe('training kernels', () => {
  const rand = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.37) * 2);
  it('productGW is G · W and accumulateOuter adds Gᵀ X, also over more rows than one kernel call takes', () => {
    const k = createTrainKernels();
    for (const [n, rows, cols] of [
      [5, 7, 3],
      [9000, 6, 4],
    ]) {
      const g = rand(n * rows, 1);
      const w = rand(rows * cols, 2);
      const x = rand(n * cols, 3);
      const out = new Float32Array(n * cols);
      k.productGW(g, n, rows, w, cols, out);
      const dW = Float32Array.from({ length: rows * cols }, () => 1);
      k.accumulateOuter(dW, g, x, n, rows, cols);
      for (const [i, c] of [
        [0, 0],
        [n - 1, cols - 1],
        [n >> 1, 1],
      ]) {
        let s = 0;
        for (let j = 0; j < rows; j++) s += g[i * rows + j] * w[j * cols + c];
        expect(out[i * cols + c]).toBeCloseTo(s, 4);
      }
      for (const [j, c] of [
        [0, 0],
        [rows - 1, cols - 1],
      ]) {
        let s = 1;
        for (let i = 0; i < n; i++) s += g[i * rows + j] * x[i * cols + c];
        expect(dW[j * cols + c] / Math.max(1, Math.abs(s))).toBeCloseTo(s / Math.max(1, Math.abs(s)), 5);
      }
    }
  });

  it('transposeInto swaps rows and columns', () => {
    const out = new Float32Array(6);
    transposeInto(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3, out);
    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
