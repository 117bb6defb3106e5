// Gate-block bookkeeping shared by the framework layouts. A "block order" names the gate held by each of the
// three stacked blocks of a 3H axis: PyTorch stores r | z | n; Keras, TF.js and ONNX store z | r | h (their h
// is PyTorch's n). Facts: docs/gru-conventions.md (torch/nn/modules/rnn.py, keras/src/layers/rnn/gru.py,
// onnx/defs/rnn/defs.cc, tfjs-layers/src/layers/recurrent.ts).
import { GATES, type Gate } from '../gru/gates';
import { assertLength, assertSize } from '../gru/weights';

export type BlockOrder = readonly [Gate, Gate, Gate];

/** PyTorch, MXNet, cuDNN, Flax's names: r | z | n. */
export const PYTORCH_ORDER: BlockOrder = ['r', 'z', 'n'];
/** Keras, TF.js, ONNX (and WebNN's default "zrn"): z | r | h. */
export const ZRN_ORDER: BlockOrder = ['z', 'r', 'n'];

/** All six orders of the three blocks, PyTorch's first. */
export const ALL_BLOCK_ORDERS: readonly BlockOrder[] = [
  ['r', 'z', 'n'],
  ['z', 'r', 'n'],
  ['r', 'n', 'z'],
  ['z', 'n', 'r'],
  ['n', 'r', 'z'],
  ['n', 'z', 'r'],
];

export function assertBlockOrder(order: readonly string[]): asserts order is BlockOrder {
  if (!Array.isArray(order) || order.length !== 3 || GATES.some((g) => !order.includes(g))) {
    throw new Error(`block order must be a permutation of r, z, n; got ${JSON.stringify(order)}`);
  }
}

/** Parses "z|r|n", "zrn" or "z,r,h" (h is accepted for n, as Keras and ONNX call it). */
export function parseBlockOrder(text: string): BlockOrder {
  const letters = String(text)
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/h/g, 'n')
    .split('');
  assertBlockOrder(letters);
  return letters;
}

/** "z|r|n" */
export function formatBlockOrder(order: BlockOrder): string {
  return order.join('|');
}

/**
 * Where each PyTorch block goes in `order`: result[k] is the block index in `order` of PyTorch block k
 * (k = 0 r, 1 z, 2 n). For Keras/ONNX (z | r | h) it is [1, 0, 2].
 */
export function blockPermutation(order: BlockOrder): [number, number, number] {
  assertBlockOrder(order);
  return [order.indexOf('r'), order.indexOf('z'), order.indexOf('n')];
}

/**
 * Reorders the three row blocks of a (3H, cols) row-major matrix (or a 3H vector with cols = 1) from the
 * block order `from` to the block order `to`. Returns a new array; exact (values are only moved).
 */
export function permuteRowBlocks(
  values: ArrayLike<number>,
  hiddenSize: number,
  cols: number,
  from: BlockOrder,
  to: BlockOrder,
): Float32Array {
  assertBlockOrder(from);
  assertBlockOrder(to);
  const blockLen = hiddenSize * cols;
  assertLength('tensor', values, 3 * blockLen, `(3H, ${cols}) with H = ${hiddenSize}`);
  const out = new Float32Array(3 * blockLen);
  for (let k = 0; k < 3; k++) {
    const src = from.indexOf(to[k]) * blockLen;
    const dst = k * blockLen;
    for (let i = 0; i < blockLen; i++) out[dst + i] = values[src + i];
  }
  return out;
}

/** Transpose of a (rows, cols) row-major matrix: a new (cols, rows) row-major Float32Array. */
export function transposeMatrix(values: ArrayLike<number>, rows: number, cols: number): Float32Array {
  assertSize('rows', rows, Number.MAX_SAFE_INTEGER);
  assertSize('cols', cols, Number.MAX_SAFE_INTEGER);
  assertLength('matrix', values, rows * cols, `(${rows}, ${cols})`);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = values[base + j];
  }
  return out;
}

/** H from a (H, 3H) or (3H, H) matrix's length 3H², or a clear Error. */
export function inferHiddenSize(name: string, values: ArrayLike<number> | null | undefined, blocks = 3): number {
  const length = values?.length ?? 0;
  const H = Math.round(Math.sqrt(length / blocks));
  if (H < 1 || blocks * H * H !== length) {
    throw new Error(`${name} has ${length} values; a GRU's ${blocks === 3 ? '(H, 3H)' : '(H, H)'} matrix has ${blocks}·H² values`);
  }
  return H;
}

/** I from a matrix of length I·cols, or a clear Error. */
export function inferInputSize(name: string, values: ArrayLike<number> | null | undefined, cols: number): number {
  const length = values?.length ?? 0;
  const I = length / cols;
  if (!Number.isInteger(I) || I < 1) throw new Error(`${name} has ${length} values, not a positive multiple of ${cols}`);
  return I;
}
