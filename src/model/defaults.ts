// The cell GRU Explorer opens on: the forum question's nn.GRUCell(3, 4) with PyTorch's default
// initialisation and a fixed seed, a batch of one, x = [1, 0, -1] and h = 0.
import { pytorchDefaultWeights } from '../init/initializers';
import { zeroWeights, type GruWeights } from '../gru/weights';

export const DEFAULT_INPUT_SIZE = 3;
export const DEFAULT_HIDDEN_SIZE = 4;
export const DEFAULT_SEED = 0;

export function defaultWeights(): GruWeights {
  return pytorchDefaultWeights(zeroWeights(DEFAULT_INPUT_SIZE, DEFAULT_HIDDEN_SIZE), DEFAULT_SEED);
}

export function defaultInput(): Float32Array {
  return Float32Array.from([1, 0, -1]);
}

export function defaultHidden(): Float32Array {
  return new Float32Array(DEFAULT_HIDDEN_SIZE);
}
