// The trained model: a GRU cell (PyTorch layout) and a linear read-out from h_t to the task's
// outputs (nn.Linear(H, O): weight O × H, bias O). One loss-and-gradients pass over a batch:
// forward with a tape, read-out at the task's target steps, loss, then back through both.
import type { GruWeights } from '../gru/weights';
import { gruForwardTape, gruTapeBackward, type GruGradients, type GruTape } from './backward';
import type { TrainKernels } from './kernels';
import { meanSquaredError, softmaxCrossEntropy } from './losses';
import type { TaskBatch } from './tasks';

export interface Readout {
  inputSize: number;
  outputSize: number;
  /** outputSize × inputSize, row-major. */
  weight: Float32Array;
  bias: Float32Array;
}

export interface TrainModel {
  gru: GruWeights;
  readout: Readout;
}

export interface ModelGradients {
  gru: GruGradients;
  readout: { weight: Float32Array; bias: Float32Array };
}

export type LossKind = 'cross-entropy' | 'mse';

export interface BatchResult {
  loss: number;
  /** Correct answers over `answers` (classification), or null for regression. */
  correct: number | null;
  answers: number;
  grads: ModelGradients;
  tape: GruTape;
}

/** The parameters in one fixed order (GRU's four tensors, then the read-out's weight and bias). */
export function modelParams(m: TrainModel): Float32Array[] {
  return [m.gru.weightIh, m.gru.weightHh, m.gru.biasIh, m.gru.biasHh, m.readout.weight, m.readout.bias];
}

export function gradientList(g: ModelGradients): Float32Array[] {
  return [g.gru.weightIh, g.gru.weightHh, g.gru.biasIh, g.gru.biasHh, g.readout.weight, g.readout.bias];
}

/** Loss of the model on a batch (h_0 = 0) and the gradient of every parameter. */
export function lossAndGradients(model: TrainModel, data: TaskBatch, loss: LossKind, kernels: TrainKernels): BatchResult {
  const { gru, readout } = model;
  const H = gru.hiddenSize;
  const O = readout.outputSize;
  const { steps, batch, targetSteps } = data;
  const BH = batch * H;
  const rows = targetSteps.length * batch;
  const tape = gruForwardTape(gru, data.xs, new Float32Array(BH), steps, batch, kernels);

  // Gather the h_t of the target steps (tape.hs row t + 1 is the output of step t).
  const hSelected = new Float32Array(rows * H);
  targetSteps.forEach((t, s) => hSelected.set(tape.hs.subarray((t + 1) * BH, (t + 2) * BH), s * BH));
  const prediction = new Float32Array(rows * O);
  kernels.affine(readout.weight, O, H, readout.bias, hSelected, rows, prediction);

  let result: { loss: number; grad: Float32Array; correct?: number };
  if (loss === 'cross-entropy') {
    if (!data.labels) throw new Error('a classification loss needs labels');
    result = softmaxCrossEntropy(prediction, data.labels, rows, O);
  } else {
    if (!data.values) throw new Error('a regression loss needs target values');
    result = meanSquaredError(prediction, data.values, rows * O);
  }

  const readoutGrads = { weight: new Float32Array(O * H), bias: new Float32Array(O) };
  kernels.accumulateOuter(readoutGrads.weight, result.grad, hSelected, rows, O, H);
  for (let i = 0; i < rows; i++) for (let o = 0; o < O; o++) readoutGrads.bias[o] += result.grad[i * O + o];
  const dSelected = new Float32Array(rows * H);
  kernels.productGW(result.grad, rows, O, readout.weight, H, dSelected);
  const gradOutputs = new Float32Array(steps * BH);
  targetSteps.forEach((t, s) => {
    const dst = gradOutputs.subarray(t * BH, (t + 1) * BH);
    const src = dSelected.subarray(s * BH, (s + 1) * BH);
    for (let i = 0; i < BH; i++) dst[i] += src[i];
  });
  const gruGrads = gruTapeBackward(gru, tape, gradOutputs, null, kernels, false);
  return {
    loss: result.loss,
    correct: result.correct ?? null,
    answers: rows,
    grads: { gru: gruGrads, readout: readoutGrads },
    tape,
  };
}
