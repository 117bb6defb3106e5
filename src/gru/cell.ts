// PyTorch nn.GRUCell (the "reset after" variant, as cuDNN), gate rows r | z | n:
//   r  = σ(W_ir x + b_ir + W_hr h + b_hr)
//   z  = σ(W_iz x + b_iz + W_hz h + b_hz)
//   n  = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))     ← b_hn sits inside the r-gated bracket
//   h' = (1 − z) ⊙ n + z ⊙ h
// Source: torch/nn/modules/rnn.py (nn.GRU docstring); aten/src/ATen/native/RNN.cpp (GRUCell).
import { affine, tryWasm, wasmStepFor } from '../kernels';
import type { AffineKernel } from './affine';
import { assertLength, assertSize, validateWeights, type GruWeights } from './weights';

/** Everything one step computes, each row-major with `batch` rows. */
export interface GruCellOutputs {
  /** New hidden state h' (batch × H). */
  h: Float32Array;
  /** Reset gate activation (batch × H). */
  r: Float32Array;
  /** Update gate activation (batch × H). */
  z: Float32Array;
  /** Candidate ("new") activation (batch × H). */
  n: Float32Array;
  /** Input pre-activations W_ih x + b_ih (batch × 3H, blocks r | z | n). */
  gi: Float32Array;
  /** Hidden pre-activations W_hh h + b_hh (batch × 3H, blocks r | z | n). */
  gh: Float32Array;
}

/** Caller-owned buffers for {@link gruCellInto}: allocate once, step many times. */
export interface GruWorkspace extends GruCellOutputs {
  inputSize: number;
  hiddenSize: number;
  maxBatch: number;
  /** The products' kernel; by default the fastest loaded (see initKernels). */
  kernel: AffineKernel;
}

export function createGruWorkspace(inputSize: number, hiddenSize: number, maxBatch = 1, kernel: AffineKernel = affine): GruWorkspace {
  assertSize('inputSize', inputSize);
  assertSize('hiddenSize', hiddenSize);
  assertSize('batch', maxBatch);
  const bh = maxBatch * hiddenSize;
  return {
    inputSize,
    hiddenSize,
    maxBatch,
    kernel,
    h: new Float32Array(bh),
    r: new Float32Array(bh),
    z: new Float32Array(bh),
    n: new Float32Array(bh),
    gi: new Float32Array(3 * bh),
    gh: new Float32Array(3 * bh),
  };
}

// σ with exp taken in float32, as PyTorch evaluates it: exp(−a) overflows to ∞ for a < −88.7, so
// σ is exactly 0 there (σ(−100) prints 0 in PyTorch, not a float32 denormal).
function sigmoid(a: number): number {
  return 1 / (1 + Math.fround(Math.exp(-a)));
}

function checkStep(weights: GruWeights, x: ArrayLike<number>, h: ArrayLike<number>, batch: number): void {
  validateWeights(weights);
  assertSize('batch', batch);
  const { inputSize: I, hiddenSize: H } = weights;
  assertLength('x', x, batch * I, () => `(batch, I) = (${batch}, ${I})`);
  assertLength('h', h, batch * H, () => `(batch, H) = (${batch}, ${H})`);
}

/**
 * One GRU step into caller-owned buffers; no allocation. Validates shapes once per call
 * (cheap) so a wrong buffer never silently reads past the end. Outputs rows [0, batch) of `ws`.
 */
export function gruCellInto(weights: GruWeights, x: Float32Array, h: Float32Array, batch: number, ws: GruWorkspace): GruWorkspace {
  checkStep(weights, x, h, batch);
  const { inputSize: I, hiddenSize: H } = weights;
  if (ws.inputSize !== I || ws.hiddenSize !== H || batch > ws.maxBatch) {
    throw new Error(
      `workspace is for I = ${ws.inputSize}, H = ${ws.hiddenSize}, batch ≤ ${ws.maxBatch}; ` +
        `the step needs I = ${I}, H = ${H}, batch = ${batch}`,
    );
  }
  gruStep(weights, x, h, batch, ws);
  return ws;
}

/** The unchecked step shared by the cell and the sequence. */
export function gruStep(weights: GruWeights, x: Float32Array, h: Float32Array, batch: number, ws: GruWorkspace): void {
  const { inputSize: I, hiddenSize: H } = weights;
  // With the WebAssembly kernels the whole step runs there (float32 gates: within 2e-6 of PyTorch, see
  // kernels.test.ts); the plain-JS step below is the fallback and the reference.
  const simd = wasmStepFor(ws.kernel, H, batch);
  if (simd && tryWasm(() => simd.step(weights, x, h, batch, ws))) return;
  const G = 3 * H;
  const { gi, gh, r, z, n } = ws;
  ws.kernel(weights.weightIh, G, I, weights.biasIh, x, batch, gi);
  ws.kernel(weights.weightHh, G, H, weights.biasHh, h, batch, gh);
  const hOut = ws.h;
  for (let b = 0; b < batch; b++) {
    const g0 = b * G;
    const u0 = b * H;
    for (let j = 0; j < H; j++) {
      // Gates are rounded to float32 as PyTorch stores them; the blend then follows ATen's
      // float32 form (h − n) ⊙ z + n (equal to (1 − z) ⊙ n + z ⊙ h) rounding each step, so
      // saturated gates give PyTorch's exact bits (z = 1 keeps h up to ATen's own rounding).
      const rj = Math.fround(sigmoid(gi[g0 + j] + gh[g0 + j]));
      const zj = Math.fround(sigmoid(gi[g0 + H + j] + gh[g0 + H + j]));
      const nj = Math.fround(Math.tanh(gi[g0 + 2 * H + j] + rj * gh[g0 + 2 * H + j]));
      r[u0 + j] = rj;
      z[u0 + j] = zj;
      n[u0 + j] = nj;
      hOut[u0 + j] = Math.fround(Math.fround(h[u0 + j] - nj) * zj) + nj;
    }
  }
}

/** One GRU step (PyTorch nn.GRUCell). x is batch × I, h is batch × H, both row-major. */
export function gruCell(weights: GruWeights, x: ArrayLike<number>, h: ArrayLike<number>, batch = 1): GruCellOutputs {
  checkStep(weights, x, h, batch);
  const ws = createGruWorkspace(weights.inputSize, weights.hiddenSize, batch);
  gruStep(weights, Float32Array.from(x), Float32Array.from(h), batch, ws);
  const { h: hNext, r, z, n, gi, gh } = ws;
  return { h: hNext, r, z, n, gi, gh };
}
