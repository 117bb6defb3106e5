// Sequence tasks for the training lab. Each is a seeded generator of batches (sequence-first,
// xs steps × batch × I) with the steps whose h_t is read out, the targets there, and a success
// threshold a teacher can quote. The same (task, seed, T, batch) always gives the same batches.
import { normalSampler, type Rng } from '../init/random';

export const TASK_IDS = ['memory', 'adding', 'echo', 'parity', 'sine', 'copy'] as const;
export type TaskId = (typeof TASK_IDS)[number];

export interface TaskBatch {
  steps: number;
  batch: number;
  /** steps × batch × inputSize. */
  xs: Float32Array;
  /** The steps (ascending) whose h_t goes through the read-out. */
  targetSteps: Int32Array;
  /** Classification: a label per (target step, batch row). */
  labels: Int32Array | null;
  /** Regression: targetSteps × batch × outputSize values. */
  values: Float32Array | null;
}

export interface TaskSpec {
  id: TaskId;
  label: string;
  /** What the network sees and must answer, in one or two sentences. */
  description: string;
  inputSize: number;
  outputSize: number;
  loss: 'cross-entropy' | 'mse';
  /** Accuracy to reach (classification) or mean squared error to get under (regression). */
  threshold: number;
  /** The threshold as a teacher would quote it, with the chance or trivial baseline. */
  thresholdText: string;
  minSteps: number;
  defaultSteps: number;
  makeBatch(rng: Rng, steps: number, batch: number): TaskBatch;
}

const ECHO_DELAY = 3;
const COPY_LENGTH = 3;
const COPY_SYMBOLS = 4;

const bit = (rng: Rng) => (rng() < 0.5 ? 0 : 1);
const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

function emptyBatch(
  steps: number,
  batch: number,
  inputSize: number,
  targetSteps: Int32Array,
  classes: boolean,
  outputSize: number,
): TaskBatch {
  const s = targetSteps.length;
  return {
    steps,
    batch,
    xs: new Float32Array(steps * batch * inputSize),
    targetSteps,
    labels: classes ? new Int32Array(s * batch) : null,
    values: classes ? null : new Float32Array(s * batch * outputSize),
  };
}

export const TASKS: Readonly<Record<TaskId, TaskSpec>> = {
  memory: {
    id: 'memory',
    label: 'Remember the first input',
    description: 'x₁ is +1 or −1, then T − 1 zeros; at the last step say the sign of x₁ (a unit must hold it).',
    inputSize: 1,
    outputSize: 2,
    loss: 'cross-entropy',
    threshold: 0.95,
    thresholdText: 'accuracy ≥ 95 % (guessing scores 50 %)',
    minSteps: 2,
    defaultSteps: 20,
    makeBatch(rng, steps, batch) {
      const out = emptyBatch(steps, batch, 1, Int32Array.of(steps - 1), true, 2);
      for (let b = 0; b < batch; b++) {
        const label = bit(rng);
        out.xs[b] = label ? 1 : -1;
        out.labels![b] = label;
      }
      return out;
    },
  },
  adding: {
    id: 'adding',
    label: 'Adding problem',
    description:
      'Two channels: a value in [0, 1) at every step and a marker on two steps (one in each half); at the end give the sum of the two marked values.',
    inputSize: 2,
    outputSize: 1,
    loss: 'mse',
    threshold: 0.01,
    thresholdText: 'mean squared error ≤ 0.01 (always answering 1 scores 0.167)',
    minSteps: 4,
    defaultSteps: 20,
    makeBatch(rng, steps, batch) {
      const out = emptyBatch(steps, batch, 2, Int32Array.of(steps - 1), false, 1);
      const half = Math.floor(steps / 2);
      for (let b = 0; b < batch; b++) {
        for (let t = 0; t < steps; t++) out.xs[(t * batch + b) * 2] = rng();
        const first = Math.floor(rng() * half);
        const second = half + Math.floor(rng() * (steps - half));
        out.xs[(first * batch + b) * 2 + 1] = 1;
        out.xs[(second * batch + b) * 2 + 1] = 1;
        out.values![b] = out.xs[(first * batch + b) * 2] + out.xs[(second * batch + b) * 2];
      }
      return out;
    },
  },
  echo: {
    id: 'echo',
    label: `Delayed echo (${ECHO_DELAY} steps)`,
    description: `x_t is +1 or −1 at random; from step ${ECHO_DELAY + 1} on, say the sign of the input ${ECHO_DELAY} steps ago.`,
    inputSize: 1,
    outputSize: 2,
    loss: 'cross-entropy',
    threshold: 0.95,
    thresholdText: 'accuracy ≥ 95 % (guessing scores 50 %)',
    minSteps: ECHO_DELAY + 1,
    defaultSteps: 20,
    makeBatch(rng, steps, batch) {
      const targetSteps = range(ECHO_DELAY, steps);
      const out = emptyBatch(steps, batch, 1, targetSteps, true, 2);
      const bits = new Int32Array(steps * batch);
      for (let i = 0; i < steps * batch; i++) {
        bits[i] = bit(rng);
        out.xs[i] = bits[i] ? 1 : -1;
      }
      targetSteps.forEach((t, s) => {
        for (let b = 0; b < batch; b++) out.labels![s * batch + b] = bits[(t - ECHO_DELAY) * batch + b];
      });
      return out;
    },
  },
  parity: {
    id: 'parity',
    label: 'Running parity',
    description: 'x_t is 0 or 1 at random; at every step say whether the number of 1s so far is odd.',
    inputSize: 1,
    outputSize: 2,
    loss: 'cross-entropy',
    threshold: 0.95,
    thresholdText: 'accuracy ≥ 95 % (guessing scores 50 %)',
    minSteps: 1,
    defaultSteps: 10,
    makeBatch(rng, steps, batch) {
      const out = emptyBatch(steps, batch, 1, range(0, steps), true, 2);
      for (let b = 0; b < batch; b++) {
        let odd = 0;
        for (let t = 0; t < steps; t++) {
          const x = bit(rng);
          odd ^= x;
          out.xs[t * batch + b] = x;
          out.labels![t * batch + b] = odd;
        }
      }
      return out;
    },
  },
  sine: {
    id: 'sine',
    label: 'Noisy sine, next step',
    description:
      'x_t = sin(ωt + φ) plus noise of σ 0.1, with ω in [0.2, 0.6) and φ random per sequence; from step 3 on, predict the clean value at the next step.',
    inputSize: 1,
    outputSize: 1,
    loss: 'mse',
    threshold: 0.02,
    thresholdText: 'mean squared error ≤ 0.02 (repeating the current input scores about 0.095)',
    minSteps: 3,
    defaultSteps: 20,
    makeBatch(rng, steps, batch) {
      const targetSteps = range(2, steps);
      const out = emptyBatch(steps, batch, 1, targetSteps, false, 1);
      const noise = normalSampler(rng, 0, 0.1);
      for (let b = 0; b < batch; b++) {
        const omega = 0.2 + 0.4 * rng();
        const phi = 2 * Math.PI * rng();
        for (let t = 0; t < steps; t++) out.xs[t * batch + b] = Math.sin(omega * t + phi) + noise();
        targetSteps.forEach((t, s) => {
          out.values![s * batch + b] = Math.sin(omega * (t + 1) + phi);
        });
      }
      return out;
    },
  },
  copy: {
    id: 'copy',
    label: `Copy ${COPY_LENGTH} symbols after a delay`,
    description: `${COPY_LENGTH} symbols (of ${COPY_SYMBOLS}, one-hot) at the start, then blanks; when the recall channel turns on for the last ${COPY_LENGTH} steps, repeat the symbols in order.`,
    inputSize: COPY_SYMBOLS + 1,
    outputSize: COPY_SYMBOLS,
    loss: 'cross-entropy',
    threshold: 0.9,
    thresholdText: 'accuracy ≥ 90 % on the recalled symbols (guessing scores 25 %)',
    minSteps: 2 * COPY_LENGTH + 1,
    defaultSteps: 12,
    makeBatch(rng, steps, batch) {
      const I = COPY_SYMBOLS + 1;
      const out = emptyBatch(steps, batch, I, range(steps - COPY_LENGTH, steps), true, COPY_SYMBOLS);
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < COPY_LENGTH; i++) {
          const symbol = Math.min(COPY_SYMBOLS - 1, Math.floor(rng() * COPY_SYMBOLS));
          out.xs[(i * batch + b) * I + symbol] = 1;
          const t = steps - COPY_LENGTH + i;
          out.xs[(t * batch + b) * I + COPY_SYMBOLS] = 1; // recall channel
          out.labels![i * batch + b] = symbol;
        }
      }
      return out;
    },
  },
};
