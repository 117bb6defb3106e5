// The cell GRU Explorer opens on: the forum question's nn.GRUCell(3, 4) with PyTorch's default
// initialisation and a fixed seed, a batch of one, x = [1, 0, −1] and h = 0.
import { pytorchDefaultOps, replayWeights, type WeightOp } from '../share/recipe';
import { emptyModel, type GruModel } from './model';

export const DEFAULT_INPUT_SIZE = 3;
export const DEFAULT_HIDDEN_SIZE = 4;
export const DEFAULT_SEED = 0;

export function defaultRecipe(): WeightOp[] {
  return [{ k: 'zeros', I: DEFAULT_INPUT_SIZE, H: DEFAULT_HIDDEN_SIZE }, ...pytorchDefaultOps(DEFAULT_SEED)];
}

export function defaultModel(): GruModel {
  const model = emptyModel(DEFAULT_INPUT_SIZE, DEFAULT_HIDDEN_SIZE, 1);
  return { ...model, weights: replayWeights(defaultRecipe()), x: Float32Array.from([1, 0, -1]) };
}
