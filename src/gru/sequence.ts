// nn.GRU with one layer, one direction, sequence-first (batch_first=False):
// h_t = GRUCell(x_t, h_{t−1}); outputs stacks every h_t. Source: torch/nn/modules/rnn.py.
import { createGruWorkspace, gruStep, type GruWorkspace } from './cell';
import { assertLength, assertSize, validateWeights, type GruWeights } from './weights';

export interface GruSequenceResult {
  /** h_t for every step (steps × batch × H). */
  outputs: Float32Array;
  /** The last hidden state (batch × H). */
  h: Float32Array;
  /** Gate activations per step (steps × batch × H), for plotting over time. */
  r: Float32Array;
  z: Float32Array;
  n: Float32Array;
}

/** Where the step loop writes: hs holds h0 in row 0 and h_t in row t (steps + 1 rows of batch × H); r, z, n row t − 1. */
export interface SequenceRecord {
  hs: Float32Array;
  r: Float32Array;
  z: Float32Array;
  n: Float32Array;
}

/** Checks nn.GRU's arguments (xs steps × batch × I, h0 batch × H) and returns the sizes I and H. */
export function checkSequence(
  weights: GruWeights,
  xs: ArrayLike<number>,
  h0: ArrayLike<number>,
  steps: number,
  batch: number,
): { I: number; H: number } {
  validateWeights(weights);
  assertSize('steps', steps, 1_000_000);
  assertSize('batch', batch);
  const { inputSize: I, hiddenSize: H } = weights;
  assertLength('xs', xs, steps * batch * I, `(steps, batch, I) = (${steps}, ${batch}, ${I})`);
  assertLength('h0', h0, batch * H, `(batch, H) = (${batch}, ${H})`);
  return { I, H };
}

/**
 * The step loop: gruStep from row t of hs into row t + 1 for t = 0 … steps − 1, keeping r, z and n.
 * `afterStep` sees the workspace of each step (the training tape keeps W_hn h + b_hn from it).
 */
export function unrollInto(
  weights: GruWeights,
  xs: Float32Array,
  steps: number,
  batch: number,
  ws: GruWorkspace,
  record: SequenceRecord,
  afterStep?: (t: number) => void,
): void {
  const BH = batch * weights.hiddenSize;
  const BI = batch * weights.inputSize;
  for (let t = 0; t < steps; t++) {
    gruStep(weights, xs.subarray(t * BI, (t + 1) * BI), record.hs.subarray(t * BH, (t + 1) * BH), batch, ws);
    record.hs.set(ws.h.subarray(0, BH), (t + 1) * BH);
    record.r.set(ws.r.subarray(0, BH), t * BH);
    record.z.set(ws.z.subarray(0, BH), t * BH);
    record.n.set(ws.n.subarray(0, BH), t * BH);
    afterStep?.(t);
  }
}

export function gruSequence(
  weights: GruWeights,
  xs: ArrayLike<number>,
  h0: ArrayLike<number>,
  steps: number,
  batch = 1,
): GruSequenceResult {
  const { I, H } = checkSequence(weights, xs, h0, steps, batch);
  const BH = batch * H;
  const record: SequenceRecord = {
    hs: new Float32Array((steps + 1) * BH),
    r: new Float32Array(steps * BH),
    z: new Float32Array(steps * BH),
    n: new Float32Array(steps * BH),
  };
  record.hs.set(h0);
  unrollInto(weights, Float32Array.from(xs), steps, batch, createGruWorkspace(I, H, batch), record);
  return { outputs: record.hs.slice(BH), h: record.hs.slice(steps * BH), r: record.r, z: record.z, n: record.n };
}
