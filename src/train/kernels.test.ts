import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import backwardCases from './fixtures/gru-backward.json';
import trajectoryCases from './fixtures/train-trajectory.json';
import { decodeF32, goldenWeights, maxAbs, maxAbsDiff } from '../gru/fixtures/golden';
import { initKernels, simdKernels, useKernels } from '../kernels';
import { seededRng } from '../init/random';
import { gruSequenceBackward } from './backward';
import { createJsTrainKernels, createTrainKernels } from './kernels';

// The backward pass on the WebAssembly kernels (float32 sums, float32 gates) against the plain-JS kernels
// (float64 sums) and against torch.autograd.
const scaled = (a: Float32Array, b: Float32Array) => maxAbsDiff(a, b) / Math.max(1e-30, maxAbs(b));
const KEYS = ['weightIh', 'weightHh', 'biasIh', 'biasHh', 'xs', 'h0'] as const;

beforeAll(async () => {
  expect(await initKernels()).toBe('wasm');
});
afterAll(() => useKernels('fastest'));

function randomCase(I: number, H: number, T: number, batch: number, seed: number) {
  const rng = seededRng(seed);
  const fill = (n: number, s: number) => Float32Array.from({ length: n }, () => (2 * rng() - 1) * s);
  const k = 1 / Math.sqrt(H);
  const w = {
    inputSize: I,
    hiddenSize: H,
    weightIh: fill(3 * H * I, k),
    weightHh: fill(3 * H * H, k),
    biasIh: fill(3 * H, k),
    biasHh: fill(3 * H, k),
  };
  return { w, xs: fill(T * batch * I, 1), h0: fill(batch * H, 0.5), gradOutputs: fill(T * batch * H, 1) };
}

describe('training on the WebAssembly kernels', () => {
  it('the gradients are within 1e-6 (relative to each tensor) of the plain-JS kernels at H = 64, T = 50, batch 32', () => {
    const { w, xs, h0, gradOutputs } = randomCase(16, 64, 50, 32, 3);
    useKernels('js');
    const js = gruSequenceBackward(w, xs, h0, 50, 32, gradOutputs, null);
    useKernels('wasm');
    const wasm = gruSequenceBackward(w, xs, h0, 50, 32, gradOutputs, null);
    for (const key of KEYS) expect(scaled(wasm[key], js[key]), key).toBeLessThanOrEqual(1e-6);
  }, 60_000);

  it('matches torch.autograd on every golden case, as the plain-JS kernels do', () => {
    useKernels('wasm');
    for (const c of backwardCases.cases) {
      const grads = gruSequenceBackward(
        goldenWeights(c),
        decodeF32(c.xs),
        decodeF32(c.h0),
        c.steps,
        c.batch,
        c.gradOutputs ? decodeF32(c.gradOutputs) : null,
        c.gradFinal ? decodeF32(c.gradFinal) : null,
      );
      for (const key of KEYS) {
        const expected = decodeF32(c.grad[key]);
        expect(maxAbsDiff(grads[key], expected) / Math.max(1, maxAbs(expected)), `${c.name} ${key}`).toBeLessThanOrEqual(1e-5);
      }
    }
  });

  it('the products agree with the plain-JS set, and an optimizer step reported with weightsChanged is seen', () => {
    useKernels('wasm');
    const fast = createTrainKernels();
    const plain = createJsTrainKernels();
    const rng = seededRng(9);
    const fill = (n: number) => Float32Array.from({ length: n }, () => 2 * rng() - 1);
    const [n, rows, cols] = [96, 48, 20];
    const g = fill(n * rows);
    const w = fill(rows * cols);
    const a = new Float32Array(n * cols);
    const b = new Float32Array(n * cols);
    fast.productGW(g, n, rows, w, cols, a);
    plain.productGW(g, n, rows, w, cols, b);
    expect(scaled(a, b)).toBeLessThan(1e-6);
    for (let i = 0; i < w.length; i += 7) w[i] *= -1; // a sparse in-place update the sampled check could miss
    fast.weightsChanged([w]);
    fast.productGW(g, n, rows, w, cols, a);
    plain.productGW(g, n, rows, w, cols, b);
    expect(scaled(a, b)).toBeLessThan(1e-6);
    expect(simdKernels()!.packStats().packs).toBeGreaterThan(0);
  });

  it('has trajectories to follow (the trajectory test runs them with whichever kernels are loaded)', () => {
    expect(trajectoryCases.cases.length).toBeGreaterThan(0);
  });
});
