// Runs a training run off the main thread. While playing it takes steps back to back and yields to
// the message queue between them (a MessageChannel tick, not setTimeout's ≥ 4 ms clamp), so pause
// and tune arrive within one step.
import { createTrainer, initKernels, meetsThreshold, DivergedError, type StepReport, type Trainer } from '../../src';
import type { CurvePoint, TrainReply, TrainRequest, TrainSnapshot } from './messages';

const FRAME_MS = 33; // at most ~30 snapshots a second: the page draws one per animation frame anyway
const SOLVE_WINDOW = 10; // batches averaged before a held-out check of the threshold

let trainer: Trainer | null = null;
let playing = false;
let stepsLeft = Infinity;
let points: CurvePoint[] = [];
let last: StepReport | null = null;
let lastPost = 0;
let solvedAt: number | null = null;
let solvedScore: number | null = null;
let recentMetrics: number[] = [];
const stamps: number[] = [];
const post = (reply: TrainReply, transfer: Transferable[]) => (self as unknown as Worker).postMessage(reply, transfer);

function stepsPerSecond(): number {
  const now = performance.now();
  while (stamps.length > 0 && now - stamps[0] > 1000) stamps.shift();
  if (stamps.length < 2) return 0;
  return ((stamps.length - 1) * 1000) / Math.max(1, stamps[stamps.length - 1] - stamps[0]);
}

function snapshot(t: Trainer, report: StepReport | null): [TrainSnapshot, Transferable[]] {
  const { gru } = t.model;
  const H = gru.hiddenSize;
  const I = gru.inputSize;
  const T = t.config.steps;
  const weights = {
    ...gru,
    weightIh: gru.weightIh.slice(),
    weightHh: gru.weightHh.slice(),
    biasIh: gru.biasIh.slice(),
    biasHh: gru.biasHh.slice(),
  };
  const zero = (n: number) => new Float32Array(n);
  const grads = report
    ? {
        weightIh: report.grads.gru.weightIh.slice(),
        weightHh: report.grads.gru.weightHh.slice(),
        biasIh: report.grads.gru.biasIh.slice(),
        biasHh: report.grads.gru.biasHh.slice(),
      }
    : { weightIh: zero(3 * H * I), weightHh: zero(3 * H * H), biasIh: zero(3 * H), biasHh: zero(3 * H) };
  const zMean = zero(H);
  const rMean = zero(H);
  const hExample = zero(T * H);
  const xExample = zero(T * I);
  if (report) {
    const B = report.batch.batch;
    const { z, r, hs } = report.tape;
    for (let i = 0; i < T * B; i++) {
      for (let j = 0; j < H; j++) {
        zMean[j] += z[i * H + j];
        rMean[j] += r[i * H + j];
      }
    }
    for (let j = 0; j < H; j++) {
      zMean[j] /= T * B;
      rMean[j] /= T * B;
    }
    for (let s = 0; s < T; s++) {
      hExample.set(hs.subarray((s + 1) * B * H, (s + 1) * B * H + H), s * H);
      xExample.set(report.batch.xs.subarray(s * B * I, s * B * I + I), s * I);
    }
  }
  const snap: TrainSnapshot = {
    step: t.stepCount,
    loss: report?.loss ?? NaN,
    metric: report?.metric ?? NaN,
    gradNorm: report?.gradNorm ?? NaN,
    stepsPerSecond: stepsPerSecond(),
    solvedAt,
    solvedScore,
    weights,
    grads,
    zMean,
    rMean,
    hExample,
    xExample,
    steps: T,
  };
  const transfer = [
    weights.weightIh,
    weights.weightHh,
    weights.biasIh,
    weights.biasHh,
    grads.weightIh,
    grads.weightHh,
    grads.biasIh,
    grads.biasHh,
    zMean,
    rMean,
    hExample,
    xExample,
  ].map((a) => a.buffer);
  return [snap, transfer];
}

function flush(type: 'progress' | 'paused', error: string | null = null) {
  if (!trainer) return;
  const [snap, transfer] = snapshot(trainer, last);
  const sent = points;
  points = [];
  lastPost = performance.now();
  post(type === 'progress' ? { type, snapshot: snap, points: sent } : { type, snapshot: snap, points: sent, error }, transfer);
}

function checkSolved(t: Trainer) {
  if (solvedAt !== null || recentMetrics.length < SOLVE_WINDOW) return;
  const mean = recentMetrics.reduce((a, b) => a + b, 0) / recentMetrics.length;
  if (!meetsThreshold(t.task, mean)) return;
  const score = t.evaluate(256);
  if (meetsThreshold(t.task, score)) {
    solvedAt = t.stepCount;
    solvedScore = score;
  }
}
function oneStep(): boolean {
  if (!trainer) return false;
  try {
    last = trainer.step();
  } catch (e) {
    playing = false;
    flush('paused', e instanceof DivergedError || e instanceof Error ? e.message : String(e));
    return false;
  }
  stamps.push(performance.now());
  points.push({ step: last.step, loss: last.loss, metric: last.metric });
  recentMetrics.push(last.metric);
  if (recentMetrics.length > SOLVE_WINDOW) recentMetrics.shift();
  checkSolved(trainer);
  return true;
}

const tick = new MessageChannel();
tick.port1.onmessage = () => {
  if (!playing) return;
  if (!oneStep()) return;
  stepsLeft--;
  if (stepsLeft <= 0) {
    playing = false;
    flush('paused');
    return;
  }
  if (performance.now() - lastPost >= FRAME_MS) flush('progress');
  tick.port2.postMessage(null);
};

function start(count: number) {
  if (!trainer) return;
  stepsLeft = count;
  if (!playing) {
    playing = true;
    tick.port2.postMessage(null);
  }
}

// The GRU steps and gradients run on the WebAssembly SIMD kernels: messages wait for them (a few ms, once; in
// order), and the plain-JS kernels run where they cannot load.
const kernels = initKernels();
self.onmessage = (event: MessageEvent<TrainRequest>) => void kernels.then(() => handle(event.data));

function handle(m: TrainRequest) {
  try {
    switch (m.type) {
      case 'reset': {
        playing = false;
        trainer = createTrainer(m.config, m.initial ?? undefined);
        last = null;
        points = [];
        recentMetrics = [];
        stamps.length = 0;
        solvedAt = null;
        solvedScore = null;
        const [snap, transfer] = snapshot(trainer, null);
        post({ type: 'ready', snapshot: snap }, transfer);
        break;
      }
      case 'play':
        start(Infinity);
        break;
      case 'step':
        start(m.count);
        break;
      case 'pause':
        if (playing) {
          playing = false;
          flush('paused');
        }
        break;
      case 'tune':
        trainer?.tune(m.lr, m.clip);
        break;
      case 'weights':
        trainer?.setWeights(m.weights);
        break;
    }
  } catch (e) {
    playing = false;
    const error = e instanceof Error ? e.message : String(e);
    if (trainer) flush('paused', error);
    else post({ type: 'failed', error }, []);
  }
}
