// A training run: task batches from a seeded stream, forward + backward, clip_grad_norm_, an
// optimizer step. Everything is fixed by the config (task, T, batch, H, optimizer, lr, clip, seed),
// so a run replays exactly. A step whose loss or new weights are not finite is undone and reported.
import { pytorchDefaultWeights } from '../init/initializers';
import { seededRng, uniformSampler, type Rng } from '../init/random';
import { cloneWeights, validateWeights, zeroWeights, type GruWeights } from '../gru/weights';
import type { GruTape } from './backward';
import { createTrainKernels, type TrainKernels } from './kernels';
import { gradientList, lossAndGradients, modelParams, type LossKind, type ModelGradients, type Readout, type TrainModel } from './model';
import { clipGradNorm, createOptimizer, totalNorm, type Optimizer, type OptimizerKind } from './optim';
import { TASKS, TASK_IDS, type TaskBatch, type TaskId, type TaskSpec } from './tasks';

/** Limits of the training lab (a step at the largest sizes stays around a second). */
export const TRAIN_LIMITS = { steps: 200, batch: 256, hiddenSize: 256, lr: 10, clip: 1e6 } as const;

export type FrozenGate = 'r' | 'z';

export interface TrainConfig {
  task: TaskId;
  /** Sequence length T. */
  steps: number;
  batch: number;
  hiddenSize: number;
  optimizer: OptimizerKind | 'momentum' | 'nesterov';
  lr: number;
  /** Max total gradient norm (clip_grad_norm_), or 0 for no clipping. */
  clip: number;
  seed: number;
  /** Pin a gate: r at 0 or z at 0 (rows zeroed, bias −100, never updated). */
  freeze?: FrozenGate | null;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  task: 'memory',
  steps: 20,
  batch: 16,
  hiddenSize: 32,
  optimizer: 'adam',
  lr: 0.01,
  clip: 1,
  seed: 1,
  freeze: null,
};

/** A clear message for the first bad value in a config, or null when it can train. */
export function checkTrainConfig(c: TrainConfig): string | null {
  if (!TASK_IDS.includes(c.task)) return `unknown task "${String(c.task)}"`;
  const task = TASKS[c.task];
  const whole = (name: string, v: number, min: number, max: number) =>
    Number.isInteger(v) && v >= min && v <= max ? null : `${name} must be a whole number from ${min} to ${max}, got ${String(v)}`;
  const positive = (name: string, v: number, max: number, zeroOk: boolean) => {
    if (typeof v !== 'number' || Number.isNaN(v)) return `${name} must be a number, got ${String(v)}`;
    if (!Number.isFinite(v) || v > max) return `${name} = ${v} is too large (at most ${max})`;
    if (v < 0 || (!zeroOk && v === 0)) return `${name} must be ${zeroOk ? 'zero or ' : ''}positive, got ${v}`;
    return null;
  };
  return (
    whole('T', c.steps, task.minSteps, TRAIN_LIMITS.steps) ??
    whole('batch', c.batch, 1, TRAIN_LIMITS.batch) ??
    whole('H', c.hiddenSize, 1, TRAIN_LIMITS.hiddenSize) ??
    positive('learning rate', c.lr, TRAIN_LIMITS.lr, false) ??
    positive('clip', c.clip, TRAIN_LIMITS.clip, true) ??
    (Number.isInteger(c.seed) && Math.abs(c.seed) < 2 ** 28 ? null : `seed must be a whole number, got ${String(c.seed)}`) ??
    (['sgd', 'momentum', 'nesterov', 'adam', 'adamw'].includes(c.optimizer) ? null : `unknown optimizer "${String(c.optimizer)}"`)
  );
}

function optimizerFor(c: TrainConfig, params: Float32Array[]): Optimizer {
  switch (c.optimizer) {
    case 'momentum':
      return createOptimizer({ kind: 'sgd', lr: c.lr, momentum: 0.9 }, params);
    case 'nesterov':
      return createOptimizer({ kind: 'sgd', lr: c.lr, momentum: 0.9, nesterov: true }, params);
    default:
      return createOptimizer({ kind: c.optimizer, lr: c.lr }, params);
  }
}

/** nn.Linear's default init: weight and bias uniform in ±1/√fan_in. */
export function defaultReadout(inputSize: number, outputSize: number, rng: Rng): Readout {
  const sample = uniformSampler(rng, -1 / Math.sqrt(inputSize), 1 / Math.sqrt(inputSize));
  return {
    inputSize,
    outputSize,
    weight: Float32Array.from({ length: outputSize * inputSize }, sample),
    bias: Float32Array.from({ length: outputSize }, sample),
  };
}

/** Gate rows [g·H, (g+1)·H) of all four tensors pinned so the gate is exactly 0 (σ(−100) = 0 in float32). */
function pinGate(w: GruWeights, gate: FrozenGate): void {
  const H = w.hiddenSize;
  const g0 = (gate === 'r' ? 0 : 1) * H;
  w.weightIh.fill(0, g0 * w.inputSize, (g0 + H) * w.inputSize);
  w.weightHh.fill(0, g0 * H, (g0 + H) * H);
  w.biasIh.fill(-100, g0, g0 + H);
  w.biasHh.fill(0, g0, g0 + H);
}

function zeroGateGrads(g: ModelGradients, gate: FrozenGate, H: number, I: number): void {
  const g0 = (gate === 'r' ? 0 : 1) * H;
  g.gru.weightIh.fill(0, g0 * I, (g0 + H) * I);
  g.gru.weightHh.fill(0, g0 * H, (g0 + H) * H);
  g.gru.biasIh.fill(0, g0, g0 + H);
  g.gru.biasHh.fill(0, g0, g0 + H);
}

export interface StepReport {
  /** Steps taken so far, this one included. */
  step: number;
  loss: number;
  /** Accuracy on this (fresh) batch for classification, null for regression. */
  accuracy: number | null;
  /** The task's success measure on this batch: accuracy, or the loss (MSE). */
  metric: number;
  /** Total gradient norm before clipping. */
  gradNorm: number;
  grads: ModelGradients;
  tape: GruTape;
  batch: TaskBatch;
}

/** One update of `model` in place: loss and gradients on `data`, clipping, then the optimizer. */
export function applyStep(
  model: TrainModel,
  optimizer: Optimizer,
  data: TaskBatch,
  loss: LossKind,
  clip: number | null,
  kernels: TrainKernels,
  beforeUpdate?: (grads: ModelGradients) => void,
) {
  const result = lossAndGradients(model, data, loss, kernels);
  beforeUpdate?.(result.grads);
  const grads = gradientList(result.grads);
  const gradNorm = clip ? clipGradNorm(grads, clip) : totalNorm(grads);
  optimizer.step(grads);
  kernels.weightsChanged(modelParams(model)); // updated in place
  return { ...result, gradNorm };
}

function allFinite(arrays: Float32Array[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}

export class DivergedError extends Error {}

export interface Trainer {
  readonly config: TrainConfig;
  readonly task: TaskSpec;
  readonly model: TrainModel;
  readonly stepCount: number;
  /** One training step on the next batch; throws DivergedError (weights left as they were) on NaN or ∞. */
  step(): StepReport;
  /** Accuracy (or MSE) on `count` fresh sequences from a separate seeded stream. */
  evaluate(count?: number, seed?: number): number;
  /** Learning rate and clip for the next steps (the optimizer keeps its state). */
  tune(lr: number, clip: number): void;
  /** Replaces the GRU weights (same sizes), e.g. after they were edited by hand; the optimizer keeps its state. */
  setWeights(weights: GruWeights): void;
}

/**
 * A run of `config`. Starts from `initial` GRU weights when given (their I must be the task's),
 * else from PyTorch's default init at the seed. The read-out always starts from nn.Linear's init.
 */
export function createTrainer(initialConfig: TrainConfig, initial?: GruWeights): Trainer {
  let config = initialConfig;
  const problem = checkTrainConfig(config);
  if (problem) throw new Error(problem);
  const task = TASKS[config.task];
  const I = task.inputSize;
  const H = config.hiddenSize;
  let gru: GruWeights;
  if (initial) {
    validateWeights(initial);
    if (initial.inputSize !== I || initial.hiddenSize !== H) {
      throw new Error(`the task needs I = ${I}, H = ${H}; the weights have I = ${initial.inputSize}, H = ${initial.hiddenSize}`);
    }
    gru = cloneWeights(initial);
  } else {
    gru = pytorchDefaultWeights(zeroWeights(I, H), config.seed);
  }
  if (config.freeze) pinGate(gru, config.freeze);
  const model: TrainModel = { gru, readout: defaultReadout(H, task.outputSize, seededRng(config.seed * 4 + 1_000_003)) };
  const params = modelParams(model);
  const optimizer = optimizerFor(config, params);
  const data = seededRng(config.seed * 4 + 2_000_003);
  const kernels = createTrainKernels();
  let clip = config.clip > 0 ? config.clip : null;
  let stepCount = 0;

  return {
    get config() {
      return config;
    },
    task,
    model,
    get stepCount() {
      return stepCount;
    },
    step() {
      const batch = task.makeBatch(data, config.steps, config.batch);
      const saved = params.map((p) => p.slice());
      const freeze = config.freeze;
      const result = applyStep(
        model,
        optimizer,
        batch,
        task.loss,
        clip,
        kernels,
        freeze ? (g) => zeroGateGrads(g, freeze, H, I) : undefined,
      );
      if (!Number.isFinite(result.loss) || !allFinite(params)) {
        params.forEach((p, i) => p.set(saved[i]));
        kernels.weightsChanged(params);
        throw new DivergedError(
          `training diverged at step ${stepCount + 1} (loss ${result.loss}): paused, the last finite weights are kept; lower the learning rate or clip the gradients`,
        );
      }
      if (freeze) {
        pinGate(gru, freeze); // AdamW's decoupled decay would otherwise shrink the pinned bias
        kernels.weightsChanged([gru.weightIh, gru.weightHh, gru.biasIh, gru.biasHh]); // set in place
      }
      stepCount++;
      const accuracy = result.correct === null ? null : result.correct / result.answers;
      return {
        step: stepCount,
        loss: result.loss,
        accuracy,
        metric: accuracy ?? result.loss,
        gradNorm: result.gradNorm,
        grads: result.grads,
        tape: result.tape,
        batch,
      };
    },
    evaluate(count = 256, seed = config.seed + 7919) {
      const batch = task.makeBatch(seededRng(seed), config.steps, count);
      const r = lossAndGradients(model, batch, task.loss, kernels);
      return r.correct === null ? r.loss : r.correct / r.answers;
    },
    tune(lr, newClip) {
      const problem = checkTrainConfig({ ...config, lr, clip: newClip });
      if (problem) throw new Error(problem);
      optimizer.setLearningRate(lr);
      config = { ...config, lr, clip: newClip };
      clip = newClip > 0 ? newClip : null;
    },
    setWeights(weights) {
      validateWeights(weights);
      if (weights.inputSize !== I || weights.hiddenSize !== H) {
        throw new Error(`the run needs I = ${I}, H = ${H}; the weights have I = ${weights.inputSize}, H = ${weights.hiddenSize}`);
      }
      gru.weightIh.set(weights.weightIh);
      gru.weightHh.set(weights.weightHh);
      gru.biasIh.set(weights.biasIh);
      gru.biasHh.set(weights.biasHh);
      if (config.freeze) pinGate(gru, config.freeze);
      kernels.weightsChanged([gru.weightIh, gru.weightHh, gru.biasIh, gru.biasHh]); // set in place
    },
  };
}

/** Whether a task's success measure meets its threshold. */
export function meetsThreshold(task: TaskSpec, metric: number): boolean {
  return task.loss === 'mse' ? metric <= task.threshold : metric >= task.threshold;
}
