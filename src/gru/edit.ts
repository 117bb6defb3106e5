// Edits that return a new GruWeights (the touched tensor copied, the rest shared), so a store can
// tell what changed by identity.
import { gateRows, type Gate } from './gates';
import { getTensor, tensorShape, withTensor, type GruWeights, type TensorName } from './weights';

/** Number of columns of a tensor (1 for a bias). */
export function tensorCols(weights: GruWeights, tensor: TensorName): number {
  const shape = tensorShape(tensor, weights.inputSize, weights.hiddenSize);
  return shape.length === 2 ? shape[1] : 1;
}

/** Set the rows [start, end) of a tensor (all columns) to `value`. */
export function fillRows(weights: GruWeights, tensor: TensorName, start: number, end: number, value: number): GruWeights {
  const cols = tensorCols(weights, tensor);
  const next = getTensor(weights, tensor).slice();
  next.fill(value, start * cols, end * cols);
  return withTensor(weights, tensor, next);
}

/** Set a gate band of a tensor — e.g. `bias_hh[H:2H]` for z — to `value`, like `cell.bias_hh[H:2*H].fill_(value)`. */
export function fillBand(weights: GruWeights, tensor: TensorName, gate: Gate, value: number): GruWeights {
  const { start, end } = gateRows(gate, weights.hiddenSize);
  return fillRows(weights, tensor, start, end, value);
}

/** Set one column of a weight matrix to `value` (every gate's weight from x[col] or h[col]). */
export function fillColumn(weights: GruWeights, tensor: TensorName, col: number, value: number): GruWeights {
  const cols = tensorCols(weights, tensor);
  if (!Number.isInteger(col) || col < 0 || col >= cols) throw new Error(`column ${col} is outside ${tensor}'s 0..${cols - 1}`);
  const next = getTensor(weights, tensor).slice();
  for (let i = col; i < next.length; i += cols) next[i] = value;
  return withTensor(weights, tensor, next);
}

/** Set cells given as flat indices to `value`. */
export function setCells(weights: GruWeights, tensor: TensorName, indices: readonly number[], value: number): GruWeights {
  const next = getTensor(weights, tensor).slice();
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= next.length) throw new Error(`index ${i} is outside ${tensor} (length ${next.length})`);
    next[i] = value;
  }
  return withTensor(weights, tensor, next);
}
