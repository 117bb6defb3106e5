// nn.GRU with one layer, one direction, sequence-first (batch_first=False):
// h_t = GRUCell(x_t, h_{t−1}); outputs stacks every h_t. Source: torch/nn/modules/rnn.py.
import { createGruWorkspace, gruStep, type GruCellOutputs } from './cell';
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

export function gruSequence(
  weights: GruWeights,
  xs: ArrayLike<number>,
  h0: ArrayLike<number>,
  steps: number,
  batch = 1,
): GruSequenceResult {
  validateWeights(weights);
  assertSize('steps', steps, 1_000_000);
  assertSize('batch', batch);
  const { inputSize: I, hiddenSize: H } = weights;
  assertLength('xs', xs, steps * batch * I, `(steps, batch, I) = (${steps}, ${batch}, ${I})`);
  assertLength('h0', h0, batch * H, `(batch, H) = (${batch}, ${H})`);

  const xAll = Float32Array.from(xs);
  const BH = batch * H;
  const outputs = new Float32Array(steps * BH);
  const gates: Pick<GruCellOutputs, 'r' | 'z' | 'n'> = {
    r: new Float32Array(steps * BH),
    z: new Float32Array(steps * BH),
    n: new Float32Array(steps * BH),
  };
  const ws = createGruWorkspace(I, H, batch);
  let h = Float32Array.from(h0);
  for (let t = 0; t < steps; t++) {
    gruStep(weights, xAll.subarray(t * batch * I, (t + 1) * batch * I), h, batch, ws);
    outputs.set(ws.h.subarray(0, BH), t * BH);
    gates.r.set(ws.r.subarray(0, BH), t * BH);
    gates.z.set(ws.z.subarray(0, BH), t * BH);
    gates.n.set(ws.n.subarray(0, BH), t * BH);
    h = outputs.subarray(t * BH, (t + 1) * BH);
  }
  return { outputs, h: outputs.slice((steps - 1) * BH), ...gates };
}
