// The training worker's protocol. The page sends settings and play / pause / step; the worker sends
// snapshots (at most one per FRAME_MS, each with the loss points since the last one) and a final
// state on pause or divergence. Arrays are copies, transferred.
import type { GruGradients, GruWeights, TrainConfig } from '../../src';

export type TrainRequest =
  | { type: 'reset'; config: TrainConfig; initial: GruWeights | null }
  | { type: 'play' }
  | { type: 'pause' }
  /** `count` steps, then pause. */
  | { type: 'step'; count: number }
  | { type: 'tune'; lr: number; clip: number }
  | { type: 'weights'; weights: GruWeights };

export interface CurvePoint {
  step: number;
  loss: number;
  /** Accuracy (classification) or MSE (regression). */
  metric: number;
}

export interface TrainSnapshot {
  step: number;
  loss: number;
  metric: number;
  gradNorm: number;
  stepsPerSecond: number;
  /** The step at which held-out sequences first met the task's threshold, or null. */
  solvedAt: number | null;
  /** The held-out score measured then (accuracy or MSE). */
  solvedScore: number | null;
  weights: GruWeights;
  grads: GruGradients;
  /** z and r of each unit, averaged over the steps and sequences of the last batch (H each). */
  zMean: Float32Array;
  rMean: Float32Array;
  /** h_t of the batch's first sequence (T × H), and its inputs (T × I). */
  hExample: Float32Array;
  xExample: Float32Array;
  steps: number;
}

export type TrainReply =
  | { type: 'ready'; snapshot: TrainSnapshot }
  | { type: 'progress'; snapshot: TrainSnapshot; points: CurvePoint[] }
  /** Stopped (pause, the end of `step`, or divergence): the weights are the last finite ones. */
  | { type: 'paused'; snapshot: TrainSnapshot; points: CurvePoint[]; error: string | null }
  /** A request could not be carried out and there is no run to fall back to. */
  | { type: 'failed'; error: string };
