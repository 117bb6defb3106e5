// A GRU cell's parameters in PyTorch layout: one flat row-major Float32Array per tensor.
//   weightIh (3H, I), weightHh (3H, H), biasIh (3H), biasHh (3H); row blocks r | z | n.

export interface GruWeights {
  inputSize: number;
  hiddenSize: number;
  /** (3H, I) row-major. */
  weightIh: Float32Array;
  /** (3H, H) row-major. */
  weightHh: Float32Array;
  /** (3H). */
  biasIh: Float32Array;
  /** (3H). */
  biasHh: Float32Array;
}

/** The four tensors by their PyTorch names (nn.GRUCell parameters). */
export const TENSORS = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'] as const;
export type TensorName = (typeof TENSORS)[number];

const FIELD: Record<TensorName, 'weightIh' | 'weightHh' | 'biasIh' | 'biasHh'> = {
  weight_ih: 'weightIh',
  weight_hh: 'weightHh',
  bias_ih: 'biasIh',
  bias_hh: 'biasHh',
};

/** Largest size the explorer accepts for I, H or batch: keeps typed arrays within memory. */
export const MAX_SIZE = 4096;

export function assertSize(name: string, value: number, max = MAX_SIZE): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${String(value)}`);
  }
  if (value > max) throw new Error(`${name} = ${value} is larger than the maximum ${max}`);
}

/** `shape` may be a function so hot paths build the message only when it is needed. */
export function assertLength(name: string, array: ArrayLike<number>, expected: number, shape: string | (() => string)): void {
  if (!array || typeof array.length !== 'number') throw new Error(`${name} is missing`);
  if (array.length !== expected) {
    throw new Error(`${name} has ${array.length} values but ${typeof shape === 'function' ? shape() : shape} needs ${expected}`);
  }
}

/** Shape of a tensor as PyTorch reports it. */
export function tensorShape(name: TensorName, inputSize: number, hiddenSize: number): [number] | [number, number] {
  switch (name) {
    case 'weight_ih':
      return [3 * hiddenSize, inputSize];
    case 'weight_hh':
      return [3 * hiddenSize, hiddenSize];
    default:
      return [3 * hiddenSize];
  }
}

export function getTensor(weights: GruWeights, name: TensorName): Float32Array {
  return weights[FIELD[name]];
}

/** A copy of `weights` with `name` replaced (the other tensors are shared, not copied). */
export function withTensor(weights: GruWeights, name: TensorName, values: Float32Array): GruWeights {
  const [rows, cols = 1] = tensorShape(name, weights.inputSize, weights.hiddenSize);
  assertLength(name, values, rows * cols, `shape (${tensorShape(name, weights.inputSize, weights.hiddenSize).join(', ')})`);
  return { ...weights, [FIELD[name]]: values };
}

export function zeroWeights(inputSize: number, hiddenSize: number): GruWeights {
  assertSize('inputSize', inputSize);
  assertSize('hiddenSize', hiddenSize);
  const g = 3 * hiddenSize;
  return {
    inputSize,
    hiddenSize,
    weightIh: new Float32Array(g * inputSize),
    weightHh: new Float32Array(g * hiddenSize),
    biasIh: new Float32Array(g),
    biasHh: new Float32Array(g),
  };
}

export function cloneWeights(w: GruWeights): GruWeights {
  return {
    inputSize: w.inputSize,
    hiddenSize: w.hiddenSize,
    weightIh: w.weightIh.slice(),
    weightHh: w.weightHh.slice(),
    biasIh: w.biasIh.slice(),
    biasHh: w.biasHh.slice(),
  };
}

/** Throws a clear Error when sizes are not positive integers or a tensor has the wrong length. */
export function validateWeights(w: GruWeights): void {
  assertSize('inputSize', w.inputSize);
  assertSize('hiddenSize', w.hiddenSize);
  const I = w.inputSize;
  const H = w.hiddenSize;
  assertLength('weight_ih', w.weightIh, 3 * H * I, () => `(3H, I) = (${3 * H}, ${I})`);
  assertLength('weight_hh', w.weightHh, 3 * H * H, () => `(3H, H) = (${3 * H}, ${H})`);
  assertLength('bias_ih', w.biasIh, 3 * H, () => `(3H) = (${3 * H})`);
  assertLength('bias_hh', w.biasHh, 3 * H, () => `(3H) = (${3 * H})`);
}
