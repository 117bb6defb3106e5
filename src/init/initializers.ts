// Initializers with an explicit seed, applied to a whole tensor or to one gate band of it — the
// need GRU Explorer grew from: initialise the reset, update and candidate parts differently.
// Formulas follow torch/nn/init.py; fan_in / fan_out are those of the region being filled
// (rows × cols), so a band of weight_hh (H × H) gets the fans of one gate's matrix.
import { gateRows, type Gate } from '../gru/gates';
import { getTensor, TENSORS, tensorShape, withTensor, type GruWeights } from '../gru/weights';
import type { TensorName } from '../gru/weights';
import { tensorCols } from '../gru/edit';
import { orthogonalMatrix } from './orthogonal';
import { assertSeed, normalSampler, seededRng, uniformSampler, type Rng } from './random';

export type Initializer =
  | { kind: 'pytorch' }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'xavierUniform'; gain: number }
  | { kind: 'xavierNormal'; gain: number }
  | { kind: 'kaimingUniform'; gain: number }
  | { kind: 'kaimingNormal'; gain: number }
  | { kind: 'orthogonal'; gain: number }
  | { kind: 'constant'; value: number }
  | { kind: 'zeros' };

export type InitializerKind = Initializer['kind'];

export const INITIALIZER_LABELS: Readonly<Record<InitializerKind, string>> = {
  pytorch: 'PyTorch default U(−1/√H, 1/√H)',
  uniform: 'Uniform U(a, b)',
  normal: 'Normal N(μ, σ)',
  xavierUniform: 'Xavier/Glorot uniform',
  xavierNormal: 'Xavier/Glorot normal',
  kaimingUniform: 'Kaiming (He) uniform',
  kaimingNormal: 'Kaiming (He) normal',
  orthogonal: 'Orthogonal',
  constant: 'Constant',
  zeros: 'Zeros',
};

/** Each kind's parameters, in the order the Initialize form shows them (links keep their own order: src/share/codes.ts). */
export const INITIALIZER_PARAMS: Readonly<Record<InitializerKind, readonly string[]>> = {
  pytorch: [],
  zeros: [],
  uniform: ['low', 'high'],
  normal: ['mean', 'std'],
  xavierUniform: ['gain'],
  xavierNormal: ['gain'],
  kaimingUniform: ['gain'],
  kaimingNormal: ['gain'],
  orthogonal: ['gain'],
  constant: ['value'],
};

/** Sensible parameters for each kind (gain 1, as torch.nn.init's defaults for linear layers). */
export function defaultInitializer(kind: InitializerKind): Initializer {
  switch (kind) {
    case 'uniform':
      return { kind, low: -0.1, high: 0.1 };
    case 'normal':
      return { kind, mean: 0, std: 0.1 };
    case 'constant':
      return { kind, value: 0 };
    case 'pytorch':
    case 'zeros':
      return { kind };
    default:
      return { kind, gain: 1 };
  }
}

/** Throws for fan-based kinds on a 1-D target (a bias), as torch.nn.init does. */
export function checkInitializerTarget(kind: InitializerKind, isVector: boolean): void {
  const needsFans = kind.startsWith('xavier') || kind.startsWith('kaiming') || kind === 'orthogonal';
  if (needsFans && isVector) throw new Error(`${INITIALIZER_LABELS[kind]} needs a 2-D weight; a bias has no fan-in or fan-out`);
}

/** The rectangle an initializer fills: a whole tensor, or one gate band (H rows) of it. */
export interface InitTarget {
  tensor: TensorName;
  /** Omit for the whole tensor. */
  gate?: Gate;
}

function checkFinite(spec: Initializer): void {
  for (const [key, value] of Object.entries(spec)) {
    if (key !== 'kind' && !Number.isFinite(value)) {
      throw new Error(`initializer ${spec.kind}: ${key} must be a finite number, got ${String(value)}`);
    }
  }
  if (spec.kind === 'uniform' && !(spec.low <= spec.high)) {
    throw new Error(`uniform: low (${spec.low}) must not exceed high (${spec.high})`);
  }
  if (spec.kind === 'normal' && spec.std < 0) throw new Error(`normal: std must be ≥ 0, got ${spec.std}`);
}

/**
 * Fill `rows × cols` values (row-major) drawn from `spec`. `hiddenSize` is needed for PyTorch's
 * default bound 1/√H; `cols` is 1 for a bias. Throws for fan-based kinds on 1-D targets, as
 * torch.nn.init does ("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions").
 */
export function sampleInitializer(
  spec: Initializer,
  rows: number,
  cols: number,
  isVector: boolean,
  hiddenSize: number,
  seed: number,
): Float32Array {
  checkFinite(spec);
  assertSeed(seed);
  const out = new Float32Array(rows * cols);
  const fanIn = cols;
  const fanOut = rows;
  checkInitializerTarget(spec.kind, isVector);
  const rng: Rng = seededRng(seed);
  const fill = (sample: Rng) => {
    for (let i = 0; i < out.length; i++) out[i] = sample();
  };
  switch (spec.kind) {
    case 'zeros':
      break;
    case 'constant':
      out.fill(spec.value);
      break;
    case 'pytorch': {
      // torch/nn/modules/rnn.py reset_parameters: every parameter U(−1/√H, 1/√H).
      const k = 1 / Math.sqrt(hiddenSize);
      fill(uniformSampler(rng, -k, k));
      break;
    }
    case 'uniform':
      fill(uniformSampler(rng, spec.low, spec.high));
      break;
    case 'normal':
      fill(normalSampler(rng, spec.mean, spec.std));
      break;
    case 'xavierUniform': {
      const a = spec.gain * Math.sqrt(6 / (fanIn + fanOut));
      fill(uniformSampler(rng, -a, a));
      break;
    }
    case 'xavierNormal':
      fill(normalSampler(rng, 0, spec.gain * Math.sqrt(2 / (fanIn + fanOut))));
      break;
    case 'kaimingUniform': {
      // torch.nn.init.kaiming_uniform_ with mode='fan_in': bound = gain·√(3 / fan_in).
      const bound = spec.gain * Math.sqrt(3 / fanIn);
      fill(uniformSampler(rng, -bound, bound));
      break;
    }
    case 'kaimingNormal':
      fill(normalSampler(rng, 0, spec.gain / Math.sqrt(fanIn)));
      break;
    case 'orthogonal':
      out.set(orthogonalMatrix(rows, cols, normalSampler(rng, 0, 1), spec.gain));
      break;
  }
  return out;
}

/** The first row and row count of a target inside its tensor. */
export function targetRows(target: InitTarget, hiddenSize: number): { start: number; count: number } {
  if (!target.gate) return { start: 0, count: 3 * hiddenSize };
  const { start, end } = gateRows(target.gate, hiddenSize);
  return { start, count: end - start };
}

/** A copy of `weights` with the target region re-initialised (other tensors are shared, not copied). */
export function applyInitializer(weights: GruWeights, target: InitTarget, spec: Initializer, seed: number): GruWeights {
  const { inputSize: I, hiddenSize: H } = weights;
  const cols = tensorCols(weights, target.tensor);
  const isBias = tensorShape(target.tensor, I, H).length === 1;
  const { start, count } = targetRows(target, H);
  const values = sampleInitializer(spec, count, cols, isBias, H, seed);
  const next = getTensor(weights, target.tensor).slice();
  next.set(values, start * cols);
  return withTensor(weights, target.tensor, next);
}

/** PyTorch's default initialisation of a whole cell with one seed (each tensor gets its own stream). */
export function pytorchDefaultWeights(weights: GruWeights, seed: number): GruWeights {
  let w = weights;
  TENSORS.forEach((tensor, i) => {
    w = applyInitializer(w, { tensor }, { kind: 'pytorch' }, seed * 4 + i);
  });
  return w;
}
