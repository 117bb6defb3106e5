// Lessons and presets: each one a state (so, a link) with what to try and what to see. The forum
// probes come first: they are how the layout was found before GRU Explorer existed.
import { emptyModel, type GruModel } from '../model/model';
import { defaultModel, defaultRecipe } from '../model/defaults';
import { bandOp, replayWeights, type WeightOp } from '../share/recipe';
import { DEFAULT_VIEW, type ViewState } from '../share/schema';
import type { SharedState } from '../share/codec';
import type { Gate } from '../gru/gates';
import type { TensorName } from '../gru/weights';

/** The band a lesson is about: one gate's rows of one tensor (or of all four). */
export interface LessonFocus {
  tensor: TensorName | 'all';
  gate: Gate;
}
import { pytorchDefaultOps } from '../share/recipe';
import { TASKS } from '../train/tasks';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../train/trainer';

export interface Lesson {
  id: string;
  title: string;
  /** What to try. */
  task: string;
  /** What to see, with the numbers PyTorch prints. */
  expect: string;
  /** h′ the lesson's state gives where it follows from the maths alone (batch × H), up to 1e-4 — checked by tests. */
  hNext?: number[];
  /** The band the lesson is about, highlighted while it is open. */
  focus?: LessonFocus;
  /** A lesson in the Train panel: the run's settings (the state is the run's starting weights). */
  train?: TrainConfig;
  build: () => SharedState;
}

/** The weights a training run starts from (PyTorch's default init at the run's seed), as a lesson state. */
function trainingStart(config: TrainConfig): SharedState {
  const I = TASKS[config.task].inputSize;
  const H = config.hiddenSize;
  return state([{ k: 'zeros', I, H }, ...pytorchDefaultOps(config.seed)], 1, new Float32Array(I), new Float32Array(H));
}

const TRAIN_MEMORY: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, task: 'memory', hiddenSize: 8, steps: 20, batch: 16, seed: 1 };
const TRAIN_ADDING_FROZEN_Z: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  task: 'adding',
  hiddenSize: 16,
  steps: 20,
  batch: 16,
  seed: 1,
  freeze: 'z',
};

const hRowsOneToFour = () => Float32Array.from({ length: 16 }, (_, i) => Math.floor(i / 4) + 1);

function state(recipe: WeightOp[], batch: number, x: Float32Array, h: Float32Array, view: Partial<ViewState> = {}): SharedState {
  const weights = replayWeights(recipe);
  const model: GruModel = { ...emptyModel(weights.inputSize, weights.hiddenSize, batch), weights, x, h };
  return { model, recipe, view: { ...DEFAULT_VIEW, ...view } };
}

const zeros = (I = 3, H = 4): WeightOp => ({ k: 'zeros', I, H });
const zOff = bandOp('bias_hh', 'z', 4, -20);
const defaultState = (extra: WeightOp[], h: number[], view: Partial<ViewState> = {}) => {
  const base = defaultModel();
  return state([...defaultRecipe(), ...extra], 1, base.x, Float32Array.from(h), view);
};
const H_DEMO = [0.5, -0.3, 0.8, -0.9];

export const LESSONS: Lesson[] = [
  {
    id: 'find-z',
    title: 'Forum probe: find the update gate',
    task: 'Everything is zero except bias_hh[4:8] = 20, and h row k is filled with k+1. Fill bias_hh[0:4] or [8:12] with 20 instead (Fill band) and compare.',
    expect:
      'h′ = h exactly ([[1,1,1,1],[2,…],[3,…],[4,…]]): block 1 saturates z to 1, so block 1 is z. Block 0 gives 0.5·h, block 2 gives 0.5 + 0.5·h.',
    hNext: [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4],
    focus: { tensor: 'bias_hh', gate: 'z' },
    build: () => state([zeros(), bandOp('bias_hh', 'z', 4, 20)], 4, new Float32Array(12), hRowsOneToFour(), { selectedUnit: 0 }),
  },
  {
    id: 'find-n',
    title: 'Forum probe: find the candidate',
    task: 'z is switched off (bias_hh[4:8] = −20) and bias_ih[8:12] = 20. Move the 20 to bias_ih[0:4] or [4:8] and watch h′.',
    expect: 'h′ = 1 only when block 2 is 20: n = tanh(20) = 1 and h′ = (1 − z)·n. Blocks 0 and 1 leave h′ = 0. So block 2 is n.',
    hNext: [1, 1, 1, 1],
    focus: { tensor: 'bias_ih', gate: 'n' },
    build: () => state([zeros(), zOff, bandOp('bias_ih', 'n', 4, 20)], 1, new Float32Array(3), new Float32Array(4)),
  },
  {
    id: 'find-r',
    title: 'Forum probe: find the reset gate',
    task: 'z is off, b_hn = bias_hh[8:12] = 20 and bias_hh[0:4] = −100. Set bias_hh[0:4] to 20 (Fill band, value 20).',
    expect:
      'With block 0 at −100, r = 0 cancels b_hn and h′ = 0; at 20, r = 1 lets b_hn through and h′ = 1. Block 0 is r — and b_hn sits inside r ⊙ (…).',
    hNext: [0, 0, 0, 0],
    focus: { tensor: 'bias_hh', gate: 'r' },
    build: () =>
      state([zeros(), zOff, bandOp('bias_hh', 'n', 4, 20), bandOp('bias_hh', 'r', 4, -100)], 1, new Float32Array(3), new Float32Array(4)),
  },
  {
    id: 'hold-memory',
    title: 'Hold memory (z → 1)',
    task: 'PyTorch-initialised weights, with the update gate saturated by bias_hh[4:8] = 20. Paint any weight, or change x.',
    expect: 'h′ = h whatever the weights and x do: z ≈ 1 keeps the state. This is how a GRU remembers.',
    hNext: H_DEMO,
    focus: { tensor: 'bias_hh', gate: 'z' },
    build: () => defaultState([bandOp('bias_hh', 'z', 4, 20)], H_DEMO),
  },
  {
    id: 'overwrite',
    title: 'Overwrite (z → 0)',
    task: 'bias_hh[4:8] = −20 closes the update gate. Compare h′ with n in the live cell.',
    expect: 'h′ = n: the old state is replaced by the candidate.',
    focus: { tensor: 'bias_hh', gate: 'z' },
    build: () => defaultState([zOff], H_DEMO),
  },
  {
    id: 'ignore-past',
    title: 'Ignore the past (r → 0)',
    task: 'bias_hh[0:4] = −20 closes the reset gate and bias_hh[4:8] = −20 the update gate. Paint h or weight_hh[8:12].',
    expect: 'Nothing changes: with r = 0 the candidate n = tanh(W_in x + b_in) never sees h, and with z = 0 neither does h′.',
    focus: { tensor: 'bias_hh', gate: 'r' },
    build: () => defaultState([bandOp('bias_hh', 'r', 4, -20), zOff], H_DEMO),
  },
  {
    id: 'pass-through',
    title: 'Pass-through (h′ = tanh(x))',
    task: 'I = H = 4, all zero except W_in = identity (weight_ih[8:12]) and z off. Paint x.',
    expect: 'h′ = tanh(x) unit by unit: x = [1, 0, −1, 2] gives [0.7616, 0, −0.7616, 0.9640].',
    hNext: [0.7616, 0, -0.7616, 0.964],
    focus: { tensor: 'weight_ih', gate: 'n' },
    build: () =>
      state(
        [zeros(4, 4), zOff, { k: 'cells', t: 'weight_ih', i: [0, 1, 2, 3].map((j) => (8 + j) * 4 + j), v: [1, 1, 1, 1] }],
        1,
        Float32Array.from([1, 0, -1, 2]),
        new Float32Array(4),
      ),
  },
  {
    id: 'flip',
    title: 'A unit that flips',
    task: 'Unit 0 has W_hn[0, 0] = −3 (weight_hh[8, 0]), r open (bias_hh[0:4] = 20) and z off; h[0] = 0.5. Watch hₜ in the Sequence panel.',
    expect: 'h₁[0] = tanh(−3·0.5) = −0.9051, then +0.9916, then −0.9999…: the unit flips sign every step.',
    hNext: [-0.9051, 0, 0, 0],
    focus: { tensor: 'weight_hh', gate: 'n' },
    build: () =>
      state(
        [zeros(), zOff, bandOp('bias_hh', 'r', 4, 20), { k: 'cells', t: 'weight_hh', i: [8 * 4], v: [-3] }],
        1,
        new Float32Array(3),
        Float32Array.from([0.5, 0, 0, 0]),
      ),
  },
  {
    id: 'leaky-memory',
    title: 'Leaky memory (z = 0.9)',
    task: 'bias_hh[4:8] = ln 9 holds z at σ(ln 9) = 0.9; W_in[0, 0] = 1 (weight_ih[8, 0]); x = [3, 0, 0] arrives once (Sequence: x at step 1, then zeros). Change z (bias_hh[4:8]) and watch the decay.',
    expect:
      'h₁[0] = 0.1·tanh(3) = 0.0995, then h shrinks by 0.9 a step: a memory with a time constant of 1/(1 − z) = 10 steps. With x at every step, h climbs to tanh(3) = 0.995 at the same pace.',
    hNext: [0.0995, 0, 0, 0],
    focus: { tensor: 'bias_hh', gate: 'z' },
    build: () =>
      state(
        [zeros(), bandOp('bias_hh', 'z', 4, Math.log(9)), { k: 'cells', t: 'weight_ih', i: [8 * 3], v: [1] }],
        1,
        Float32Array.from([3, 0, 0]),
        new Float32Array(4),
        { sequenceSteps: 30, sequencePattern: 'impulse' },
      ),
  },
  {
    id: 'keras-layout',
    title: 'Where Keras keeps z',
    task: 'Only the update gate has a bias: bias_hh[4:8] = 5. Find the lit block in Framework layouts (Keras), then switch to ONNX and Flax; hover a lit cell to read its address in each.',
    expect:
      'Keras: bias[1, 0:4], the first column block, because Keras stores z | r | h. ONNX: B[0, 12:16] (Rb_z, first in the recurrent half). Flax folds it into iz.bias. PyTorch: the second block, rows 4:8.',
    hNext: [0, 0, 0, 0],
    focus: { tensor: 'bias_hh', gate: 'z' },
    build: () =>
      state([zeros(), bandOp('bias_hh', 'z', 4, 5)], 1, Float32Array.from([1, 0, -1]), new Float32Array(4), { lensFramework: 'keras' }),
  },
  {
    id: 'default',
    title: 'PyTorch default initialisation',
    task: 'nn.GRUCell(3, 4) with every parameter from U(−1/√H, 1/√H) = U(−0.5, 0.5), seed 0. Try the initializers per gate.',
    expect: 'Gates near 0.5, small h′: the starting point of training.',
    build: () => ({ model: defaultModel(), recipe: defaultRecipe(), view: DEFAULT_VIEW }),
  },
  {
    id: 'train-memory',
    title: 'Train: where does the memory live?',
    task: 'In the Train panel choose this lesson (remember the first input, H = 8, T = 20, Adam, lr 0.01, seed 1) and press Play. When the threshold is met (well before step 150), pause and read the z row of the gates strip and the hₜ strip.',
    expect:
      "No unit needs z ≈ 1: every unit's z averages below 0.75, yet most units end at ±1 with the sign of x₁ (rows of hₜ that stay red or blue). The memory is held by the recurrent weights into the candidate, weight_hh[16:24] (W_hn): fill that band with 0 and press Step: the accuracy falls to about a coin toss (47 % over 256 new sequences).",
    focus: { tensor: 'weight_hh', gate: 'n' },
    train: TRAIN_MEMORY,
    build: () => trainingStart(TRAIN_MEMORY),
  },
  {
    id: 'train-adding-freeze',
    title: 'Train: freeze a gate, then add two numbers',
    task: 'In the Train panel choose this lesson (the adding problem, H = 16, z frozen at 0) and play 400 steps; then set Freeze to "r at 0", Reset, play 400 steps, and once more with nothing frozen. Compare the MSE curves.',
    expect:
      'With z = 0 the MSE stays at the 0.167 of always answering 1: h′ = n rewrites the state every step and the first marked value is lost. With r = 0 the cell still learns (MSE ≈ 0.002 by step 400, like the free cell): the update gate alone carries the sum.',
    focus: { tensor: 'all', gate: 'z' },
    train: TRAIN_ADDING_FROZEN_Z,
    build: () => trainingStart(TRAIN_ADDING_FROZEN_Z),
  },
];
