// Everything a GRU step depends on: the weights plus a batch of inputs x (batch × I) and hidden
// states h (batch × H). Each of the six arrays is a "grid" a person can paint.
import { getTensor, tensorShape, TENSORS, withTensor, zeroWeights, assertSize, type GruWeights, type TensorName } from '../gru/weights';
import { GATES, gateRows } from '../gru/gates';
import { pytorchDefaultWeights } from '../init/initializers';

export interface GruModel {
  weights: GruWeights;
  batch: number;
  /** (batch, I) row-major. */
  x: Float32Array;
  /** (batch, H) row-major: the previous hidden state h. */
  h: Float32Array;
}

export const GRIDS = [...TENSORS, 'x', 'h'] as const;
export type GridName = (typeof GRIDS)[number];

/** Upper limits the explorer accepts (H up to 1024 stays interactive). */
export const LIMITS = { inputSize: 1024, hiddenSize: 1024, batch: 64 } as const;

export function isTensorName(grid: GridName): grid is TensorName {
  return (TENSORS as readonly string[]).includes(grid);
}

/** Rows and columns of a grid as it is drawn (a bias is one column of 3H rows). */
export function gridShape(model: GruModel, grid: GridName): { rows: number; cols: number } {
  const { inputSize: I, hiddenSize: H } = model.weights;
  if (grid === 'x') return { rows: model.batch, cols: I };
  if (grid === 'h') return { rows: model.batch, cols: H };
  const [rows, cols = 1] = tensorShape(grid, I, H);
  return { rows, cols };
}

export function getGrid(model: GruModel, grid: GridName): Float32Array {
  if (grid === 'x') return model.x;
  if (grid === 'h') return model.h;
  return getTensor(model.weights, grid);
}

/** A model with `grid` replaced by `values` (same length). */
export function withGrid(model: GruModel, grid: GridName, values: Float32Array): GruModel {
  if (grid === 'x' || grid === 'h') {
    if (values.length !== model[grid].length) throw new Error(`${grid} needs ${model[grid].length} values, got ${values.length}`);
    return { ...model, [grid]: values };
  }
  return { ...model, weights: withTensor(model.weights, grid, values) };
}

export function checkLimits(inputSize: number, hiddenSize: number, batch: number): void {
  assertSize('input size I', inputSize, LIMITS.inputSize);
  assertSize('hidden size H', hiddenSize, LIMITS.hiddenSize);
  assertSize('batch', batch, LIMITS.batch);
}

/** Copy the overlapping top-left block of a (rows × cols) matrix into a new shape. */
function copyBlock(src: Float32Array, srcCols: number, dst: Float32Array, dstCols: number, rows: number, srcRow0: number, dstRow0: number) {
  const cols = Math.min(srcCols, dstCols);
  for (let r = 0; r < rows; r++) {
    const s = (srcRow0 + r) * srcCols;
    dst.set(src.subarray(s, s + cols), (dstRow0 + r) * dstCols);
  }
}

/**
 * Resize keeping every value that still fits, gate by gate: unit j of gate g stays unit j of
 * gate g (so z stays z). New weight cells get PyTorch's default init for the new H (seeded, so a
 * resize is reproducible); new x and h cells are 0.
 */
export function resizeModel(model: GruModel, inputSize: number, hiddenSize: number, batch: number, seed = 0): GruModel {
  checkLimits(inputSize, hiddenSize, batch);
  const old = model.weights;
  const next = pytorchDefaultWeights(zeroWeights(inputSize, hiddenSize), seed);
  const units = Math.min(old.hiddenSize, hiddenSize);
  for (const tensor of TENSORS) {
    const [, oldCols = 1] = tensorShape(tensor, old.inputSize, old.hiddenSize);
    const [, newCols = 1] = tensorShape(tensor, inputSize, hiddenSize);
    for (const gate of GATES) {
      copyBlock(
        getTensor(old, tensor),
        oldCols,
        getTensor(next, tensor),
        newCols,
        units,
        gateRows(gate, old.hiddenSize).start,
        gateRows(gate, hiddenSize).start,
      );
    }
  }
  const rows = Math.min(model.batch, batch);
  const x = new Float32Array(batch * inputSize);
  copyBlock(model.x, old.inputSize, x, inputSize, rows, 0, 0);
  const h = new Float32Array(batch * hiddenSize);
  copyBlock(model.h, old.hiddenSize, h, hiddenSize, rows, 0, 0);
  return { weights: next, batch, x, h };
}

export function emptyModel(inputSize: number, hiddenSize: number, batch = 1): GruModel {
  checkLimits(inputSize, hiddenSize, batch);
  return {
    weights: zeroWeights(inputSize, hiddenSize),
    batch,
    x: new Float32Array(batch * inputSize),
    h: new Float32Array(batch * hiddenSize),
  };
}
