// The page side of a training run: one worker, a small zustand store of the panel's state (separate
// from the explorer's store, so training never makes undo steps or autosaves), and the hand-over of
// weights to the explorer at every pause (one undo step through the loadShared action).
import { create } from 'zustand';
import {
  checkTrainConfig,
  DEFAULT_TRAIN_CONFIG,
  emptyModel,
  pickView,
  TASKS,
  type GruWeights,
  type Lesson,
  type TrainConfig,
} from '../../src';
import { explorer } from '../store/store';
import { loadShared } from '../store/actions';
import type { CurvePoint, TrainReply, TrainRequest, TrainSnapshot } from './messages';

export type TrainStatus = 'idle' | 'ready' | 'running' | 'paused';
export type HeatmapMode = 'values' | 'gradients';

export interface TrainState {
  /** Settings as edited (applied at the next Reset; lr and clip also while running). */
  config: TrainConfig;
  /** Settings of the current run, null before the first Reset. */
  runConfig: TrainConfig | null;
  status: TrainStatus;
  /** A refused setting or a diverged run, shown in the panel. */
  error: string | null;
  snapshot: TrainSnapshot | null;
  points: CurvePoint[];
  mode: HeatmapMode;
  /** Start from the explorer's weights when their sizes fit the task. */
  fromExplorer: boolean;
  /** The weights last handed to the explorer, to notice hand edits made while paused. */
  adopted: GruWeights | null;
  /** The training lesson last opened here, if any. */
  lesson: string | null;
}

export const useTrain = create<TrainState>()(() => ({
  config: DEFAULT_TRAIN_CONFIG,
  runConfig: null,
  status: 'idle',
  error: null,
  snapshot: null,
  points: [],
  mode: 'values',
  fromExplorer: false,
  adopted: null,
  lesson: null,
}));

/** Curve points kept; older ones are thinned to every other point so a long run stays light. */
const MAX_POINTS = 4000;

let worker: Worker | null = null;
let pending: TrainReply[] = [];
let frame = 0;

function send(request: TrainRequest) {
  if (!worker) {
    worker = new Worker(new URL('./trainWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<TrainReply>) => {
      pending.push(e.data);
      // Replies are applied once per animation frame: the heatmaps and curves redraw at most that often.
      if (!frame) frame = requestAnimationFrame(applyPending);
    };
    worker.onerror = (e) => {
      useTrain.setState({ status: 'idle', error: `the training worker failed: ${e.message}` });
    };
  }
  worker.postMessage(request);
}

function appendPoints(points: CurvePoint[], more: CurvePoint[]): CurvePoint[] {
  if (more.length === 0) return points;
  let next = points.concat(more);
  if (next.length > MAX_POINTS) next = next.filter((_, i) => i % 2 === 0 || i >= next.length - 100);
  return next;
}

function applyPending() {
  frame = 0;
  const replies = pending;
  pending = [];
  for (const reply of replies) {
    const s = useTrain.getState();
    switch (reply.type) {
      case 'ready':
        // Play may have been pressed before the new run's first reply: it is running then.
        useTrain.setState({ snapshot: reply.snapshot, points: [], status: s.status === 'running' ? 'running' : 'ready' });
        break;
      case 'progress':
        useTrain.setState({ snapshot: reply.snapshot, points: appendPoints(s.points, reply.points), status: 'running' });
        break;
      case 'paused':
        useTrain.setState({ snapshot: reply.snapshot, points: appendPoints(s.points, reply.points), status: 'paused', error: reply.error });
        adopt(reply.snapshot.weights);
        break;
      case 'failed':
        useTrain.setState({ status: s.runConfig ? 'paused' : 'idle', error: reply.error });
        break;
    }
  }
}

/** The paused weights become the explorer's (one undo step); links then carry them as raw floats. */
function adopt(weights: GruWeights) {
  const s = explorer.getState();
  const { inputSize: I, hiddenSize: H } = weights;
  const same = s.model.weights.inputSize === I && s.model.weights.hiddenSize === H;
  const base = same ? s.model : emptyModel(I, H, s.model.batch);
  loadShared({
    model: { ...base, weights },
    recipe: null,
    view: {
      ...pickView(s),
      selectedUnit: Math.min(s.selectedUnit, H - 1),
      selectedBatch: Math.min(s.selectedBatch, base.batch - 1),
    },
  });
  useTrain.setState({ adopted: explorer.getState().model.weights });
}

/** A training lesson: its settings, its starting weights in the explorer (one undo step), a fresh run. */
export function openLesson(lesson: Lesson) {
  if (!lesson.train) return;
  pause();
  loadShared(lesson.build());
  useTrain.setState({ config: lesson.train, fromExplorer: false, lesson: lesson.id });
  reset();
}

export function setConfig(patch: Partial<TrainConfig>) {
  useTrain.setState((s) => ({ config: { ...s.config, ...patch } }));
}

export function setMode(mode: HeatmapMode) {
  useTrain.setState({ mode });
}

export function setFromExplorer(fromExplorer: boolean) {
  useTrain.setState({ fromExplorer });
}

/** The settings that need a new run when they change (lr and clip can change mid-run). */
function needsReset(a: TrainConfig | null, b: TrainConfig): boolean {
  if (!a) return true;
  return (
    a.task !== b.task ||
    a.steps !== b.steps ||
    a.batch !== b.batch ||
    a.hiddenSize !== b.hiddenSize ||
    a.optimizer !== b.optimizer ||
    a.seed !== b.seed ||
    (a.freeze ?? null) !== (b.freeze ?? null)
  );
}

/** Checks the settings; on a problem shows it, pauses, and returns false (the run and its weights stay). */
function accept(config: TrainConfig): boolean {
  const problem = checkTrainConfig(config);
  if (problem) {
    pause();
    useTrain.setState({ error: `${problem[0].toUpperCase()}${problem.slice(1)}. Training is paused; the weights are kept.` });
    return false;
  }
  return true;
}

export function reset() {
  const { config, fromExplorer } = useTrain.getState();
  if (!accept(config)) return;
  const w = explorer.getState().model.weights;
  const fits = w.hiddenSize === config.hiddenSize && w.inputSize === taskInputSize(config);
  // adopted: null, so edits made before this run are not pushed into it at the next Play.
  useTrain.setState({ runConfig: config, error: null, points: [], snapshot: null, status: 'ready', adopted: null });
  send({ type: 'reset', config, initial: fromExplorer && fits ? w : null });
}

function taskInputSize(config: TrainConfig): number {
  return TASKS[config.task].inputSize;
}

/** Before playing: apply edited settings (a new run if the task or sizes changed) and hand edits. */
function prepare(): boolean {
  const s = useTrain.getState();
  if (!accept(s.config)) return false;
  if (needsReset(s.runConfig, s.config)) {
    reset();
  } else {
    if (s.runConfig && (s.runConfig.lr !== s.config.lr || s.runConfig.clip !== s.config.clip)) {
      send({ type: 'tune', lr: s.config.lr, clip: s.config.clip });
      useTrain.setState({ runConfig: { ...s.runConfig, lr: s.config.lr, clip: s.config.clip } });
    }
    // Weights painted in the explorer while paused: training goes on from them.
    const w = explorer.getState().model.weights;
    if (s.adopted && w !== s.adopted && s.runConfig && w.inputSize === s.adopted.inputSize && w.hiddenSize === s.adopted.hiddenSize) {
      send({ type: 'weights', weights: w });
      useTrain.setState({ adopted: w });
    }
  }
  useTrain.setState({ error: null });
  return true;
}

export function play() {
  if (!prepare()) return;
  useTrain.setState({ status: 'running' });
  send({ type: 'play' });
}

export function step(count = 1) {
  if (!prepare()) return;
  useTrain.setState({ status: 'running' });
  send({ type: 'step', count });
}

export function pause() {
  if (useTrain.getState().status !== 'running') return;
  send({ type: 'pause' });
}

/** Lr and clip typed while running apply at once (after the same checks). */
export function tuneLive() {
  const s = useTrain.getState();
  if (s.status !== 'running' || !s.runConfig) return;
  if (!accept(s.config)) return;
  send({ type: 'tune', lr: s.config.lr, clip: s.config.clip });
  useTrain.setState({ runConfig: { ...s.runConfig, lr: s.config.lr, clip: s.config.clip } });
}
