// Backpropagation through time for nn.GRU (one layer, sequence-first), in PyTorch layout.
// The forward is the explorer's own step (gruStep, reset-after, gate rows r | z | n), recorded on a
// tape; the backward differentiates the same equations (torch/nn/modules/rnn.py, ATen RNN.cpp):
//   r = σ(a_r)  a_r = gi_r + gh_r        dσ = σ(1 − σ), from the stored activation as autograd does
//   z = σ(a_z)  a_z = gi_z + gh_z
//   n = tanh(a_n)  a_n = gi_n + r ⊙ gh_n  dtanh = 1 − n²
//   h' = (h − n) ⊙ z + n
// so with δ = ∂L/∂h':  δz = δ ⊙ (h − n),  δn = δ ⊙ (1 − z),  ∂L/∂h = δ ⊙ z + (∂L/∂gh) W_hh
//   ∂L/∂gi = [δa_r, δa_z, δa_n],  ∂L/∂gh = [δa_r, δa_z, δa_n ⊙ r],  δr = δa_n ⊙ gh_n.
// Weight gradients are summed over every step at once (one Gᵀ X product over T·batch rows).
import { createGruWorkspace } from '../gru/cell';
import { checkSequence, unrollInto } from '../gru/sequence';
import { assertLength, type GruWeights } from '../gru/weights';
import { createTrainKernels, type TrainKernels } from './kernels';

/** What the forward keeps for the backward: every h_t and the gate values of every step. */
export interface GruTape {
  steps: number;
  batch: number;
  /** xs (steps × batch × I), as given. */
  xs: Float32Array;
  /** h_0 … h_T ((steps + 1) × batch × H); outputs are rows 1 … T. */
  hs: Float32Array;
  r: Float32Array;
  z: Float32Array;
  n: Float32Array;
  /** W_hn h + b_hn of every step (steps × batch × H): the bracket the reset gate multiplies. */
  ghn: Float32Array;
}

export interface GruGradients {
  weightIh: Float32Array;
  weightHh: Float32Array;
  biasIh: Float32Array;
  biasHh: Float32Array;
}

export interface GruSequenceGradients extends GruGradients {
  /** ∂L/∂xs (steps × batch × I). */
  xs: Float32Array;
  /** ∂L/∂h0 (batch × H). */
  h0: Float32Array;
}

/** The forward of gruSequence (same step, same bits) keeping what the backward needs. */
export function gruForwardTape(
  weights: GruWeights,
  xs: Float32Array,
  h0: Float32Array,
  steps: number,
  batch: number,
  kernels?: TrainKernels,
): GruTape {
  const { inputSize: I, hiddenSize: H } = weights;
  const BH = batch * H;
  const tape: GruTape = {
    steps,
    batch,
    xs,
    hs: new Float32Array((steps + 1) * BH),
    r: new Float32Array(steps * BH),
    z: new Float32Array(steps * BH),
    n: new Float32Array(steps * BH),
    ghn: new Float32Array(steps * BH),
  };
  tape.hs.set(h0.subarray(0, BH));
  const ws = createGruWorkspace(I, H, batch, kernels?.affine);
  unrollInto(weights, xs, steps, batch, ws, tape, (t) => {
    for (let b = 0; b < batch; b++) {
      tape.ghn.set(ws.gh.subarray(b * 3 * H + 2 * H, (b + 1) * 3 * H), t * BH + b * H);
    }
  });
  return tape;
}

/**
 * Gradients of sum(outputs ⊙ gradOutputs) + sum(h_T ⊙ gradFinal) from a tape. `gradOutputs` is
 * steps × batch × H (or null), `gradFinal` batch × H (or null). The input gradient is computed
 * only when `withInputGrad` (training on data does not need it).
 */
export function gruTapeBackward(
  weights: GruWeights,
  tape: GruTape,
  gradOutputs: Float32Array | null,
  gradFinal: Float32Array | null,
  kernels: TrainKernels,
  withInputGrad = true,
): GruSequenceGradients {
  const { inputSize: I, hiddenSize: H } = weights;
  const { steps, batch } = tape;
  const G = 3 * H;
  const BH = batch * H;
  const BG = batch * G;
  const dGi = new Float32Array(steps * BG);
  const dGh = new Float32Array(steps * BG);
  const dh = new Float32Array(BH);
  const dhRec = new Float32Array(BH);
  if (gradFinal) dh.set(gradFinal.subarray(0, BH));
  for (let t = steps - 1; t >= 0; t--) {
    if (gradOutputs) {
      const o = t * BH;
      for (let i = 0; i < BH; i++) dh[i] += gradOutputs[o + i];
    }
    const u0 = t * BH;
    const hPrev = tape.hs.subarray(u0, u0 + BH);
    const gi = dGi.subarray(t * BG, (t + 1) * BG);
    const gh = dGh.subarray(t * BG, (t + 1) * BG);
    for (let b = 0; b < batch; b++) {
      const g0 = b * G;
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        const r = tape.r[u0 + k];
        const z = tape.z[u0 + k];
        const n = tape.n[u0 + k];
        const d = dh[k];
        const daN = d * (1 - z) * (1 - n * n);
        const daZ = d * (hPrev[k] - n) * z * (1 - z);
        const daR = daN * tape.ghn[u0 + k] * r * (1 - r);
        gi[g0 + j] = daR;
        gi[g0 + H + j] = daZ;
        gi[g0 + 2 * H + j] = daN;
        gh[g0 + j] = daR;
        gh[g0 + H + j] = daZ;
        gh[g0 + 2 * H + j] = daN * r;
        dh[k] = d * z; // the direct path h → h'; the path through W_hh is added below
      }
    }
    kernels.productGW(gh, batch, G, weights.weightHh, H, dhRec);
    for (let i = 0; i < BH; i++) dh[i] += dhRec[i];
  }
  const n = steps * batch;
  const grads: GruSequenceGradients = {
    weightIh: new Float32Array(G * I),
    weightHh: new Float32Array(G * H),
    biasIh: columnSums(dGi, n, G),
    biasHh: columnSums(dGh, n, G),
    xs: new Float32Array(steps * batch * I),
    h0: dh,
  };
  kernels.accumulateOuter(grads.weightIh, dGi, tape.xs, n, G, I);
  kernels.accumulateOuter(grads.weightHh, dGh, tape.hs, n, G, H); // rows 0 … T−1 of hs are each step's h_{t−1}
  if (withInputGrad) kernels.productGW(dGi, n, G, weights.weightIh, I, grads.xs);
  return grads;
}

function columnSums(a: Float32Array, n: number, cols: number): Float32Array {
  const sums = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) sums[j] += a[o + j];
  }
  return Float32Array.from(sums);
}

/**
 * ∂/∂(weights, xs, h0) of sum(outputs ⊙ gradOutputs) + sum(h_T ⊙ gradFinal) for nn.GRU run over
 * `steps` steps as gruSequence runs it: outputs steps × batch × H, xs steps × batch × I, h0 batch × H.
 * Either upstream gradient may be null (zero).
 */
export function gruSequenceBackward(
  weights: GruWeights,
  xs: ArrayLike<number>,
  h0: ArrayLike<number>,
  steps: number,
  batch: number,
  gradOutputs: ArrayLike<number> | null,
  gradFinal: ArrayLike<number> | null,
): GruSequenceGradients {
  const { H } = checkSequence(weights, xs, h0, steps, batch);
  if (gradOutputs) assertLength('gradOutputs', gradOutputs, steps * batch * H, `(steps, batch, H) = (${steps}, ${batch}, ${H})`);
  if (gradFinal) assertLength('gradFinal', gradFinal, batch * H, `(batch, H) = (${batch}, ${H})`);
  const kernels = createTrainKernels();
  const tape = gruForwardTape(weights, Float32Array.from(xs), Float32Array.from(h0), steps, batch, kernels);
  return gruTapeBackward(
    weights,
    tape,
    gradOutputs ? Float32Array.from(gradOutputs) : null,
    gradFinal ? Float32Array.from(gradFinal) : null,
    kernels,
  );
}
