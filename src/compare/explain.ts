// Why two cells differ, when the reason is simple: the same values with the gate blocks in another order
// (the classic r/z swap of a Keras or ONNX port, docs/gru-conventions.md), each gate's square block
// transposed, float32 rounding of the same values, or edits confined to a few gate bands.
import { GATE_NAMES, GATES } from '../gru/gates';
import { getTensor, TENSORS, type GruWeights, type TensorName } from '../gru/weights';
import { tensorCols } from '../gru/edit';
import { ALL_BLOCK_ORDERS, PYTORCH_ORDER, permuteRowBlocks, transposeMatrix, type BlockOrder } from '../layouts/blocks';
import { commonPart, sameShape, TINY_DIFFERENCE, weightDifference, type BandDifference, type WeightDifference } from './difference';

/** B's layout relative to A's: B's block k holds A's gate `order[k]`, each block transposed if `transposed`. */
export interface LayoutChange {
  order: BlockOrder;
  transposed: boolean;
}

export type DifferenceCause =
  | { kind: 'identical'; text: string }
  | { kind: 'rounding'; maxAbs: number; text: string }
  | { kind: 'layout'; change: LayoutChange; maxAbs: number; text: string }
  | { kind: 'bands'; bands: BandDifference[]; text: string }
  | { kind: 'unrelated'; changed: number; text: string }
  | { kind: 'shape'; text: string };

/** Square blocks can be transposed in place: every weight_hh block, and weight_ih's when I = H. */
const transposable = (w: GruWeights, t: TensorName) => t === 'weight_hh' || (t === 'weight_ih' && w.inputSize === w.hiddenSize);

/** Largest |B − change(A)|, or Infinity as soon as one cell is further than `limit` (most candidates fail at once). */
function distance(a: GruWeights, b: GruWeights, change: LayoutChange, limit: number): number {
  const H = a.hiddenSize;
  let worst = 0;
  for (const t of TENSORS) {
    const va = getTensor(a, t);
    const vb = getTensor(b, t);
    const cols = tensorCols(a, t);
    const flip = change.transposed && transposable(a, t);
    for (let k = 0; k < 3; k++) {
      const from = GATES.indexOf(change.order[k]) * H * cols;
      const to = k * H * cols;
      for (let i = 0; i < H; i++) {
        for (let j = 0; j < cols; j++) {
          const x = va[from + (flip ? j * cols + i : i * cols + j)];
          const y = vb[to + i * cols + j];
          if (x === y || (Number.isNaN(x) && Number.isNaN(y))) continue;
          const d = Math.abs(x - y);
          if (!(d <= limit)) return Infinity;
          if (d > worst) worst = d;
        }
      }
    }
  }
  return worst;
}

const sci = (v: number) => (v === 0 ? '0' : v.toExponential(0));

function describeChange({ order, transposed }: LayoutChange): string {
  const moved = PYTORCH_ORDER.filter((g, k) => order[k] !== g);
  const permuted =
    moved.length === 0
      ? ''
      : moved.length === 2
        ? `${moved[0]} and ${moved[1]} swapped`
        : `its gate blocks in the order ${order.join(' | ')} instead of r | z | n`;
  const flipped = transposed ? 'each gate block transposed' : '';
  return `B is A with ${[permuted, flipped].filter(Boolean).join(' and ')}`;
}

const bandName = (b: BandDifference) => `${b.tensor} ${b.gate} (${GATE_NAMES[b.gate]})`;

/**
 * The simplest account of B against A; `layout` causes can be undone with `toLayoutOf`. Pass the difference when it
 * is already known (one scan of the tensors fewer).
 */
export function explainDifference(a: GruWeights, b: GruWeights, known?: WeightDifference): DifferenceCause {
  if (!sameShape(a, b)) {
    return { kind: 'shape', text: `A is I = ${a.inputSize}, H = ${a.hiddenSize} and B is I = ${b.inputSize}, H = ${b.hiddenSize}` };
  }
  const diff = known ?? weightDifference(a, b);
  const nonFinite = diff.bands.some((band) => band.nonFinite > 0);
  if (diff.changed === 0) return { kind: 'identical', text: 'A and B are identical, bit for bit' };
  if (!nonFinite && diff.maxAbs < TINY_DIFFERENCE)
    return { kind: 'rounding', maxAbs: diff.maxAbs, text: `identical up to float32 rounding (max |Δ| ${sci(diff.maxAbs)})` };
  for (const transposed of [false, true]) {
    for (const order of ALL_BLOCK_ORDERS) {
      const change = { order, transposed };
      if (!transposed && order === ALL_BLOCK_ORDERS[0]) continue;
      if (transposed && !TENSORS.some((t) => transposable(a, t))) continue;
      const d = distance(a, b, change, TINY_DIFFERENCE);
      if (d < TINY_DIFFERENCE) {
        const exact = d === 0 ? 'exactly' : `up to float32 rounding (max |Δ| ${sci(d)})`;
        return { kind: 'layout', change, maxAbs: d, text: `${describeChange(change)}, ${exact}` };
      }
    }
  }
  const bands = diff.bands.filter((band) => band.differ + band.nonFinite > 0);
  if (bands.length > 0 && bands.length <= 3) {
    return { kind: 'bands', bands, text: `B differs from A only in ${bands.map(bandName).join(', ')}` };
  }
  return {
    kind: 'unrelated',
    changed: diff.changed,
    text: `B differs from A in ${diff.changed} cells across ${bands.length} gate bands; no block order or transpose explains it`,
  };
}

/** A against B as the compare view shows them: the two (cut to their common part when cropped), B − A and its cause. */
export interface Comparison {
  a: GruWeights;
  b: GruWeights;
  diff: WeightDifference;
  cause: DifferenceCause;
  /** A and B differ in size and only their common part is compared. */
  cropped: boolean;
}

/** Compares A and B; cells of other sizes only on their common part when `crop` is asked for, else null. */
export function compareCells(a: GruWeights, b: GruWeights, crop: boolean): Comparison | null {
  const cropped = !sameShape(a, b);
  if (cropped && !crop) return null;
  const [wa, wb] = cropped ? commonPart(a, b) : [a, b];
  const diff = weightDifference(wa, wb);
  return { a: wa, b: wb, diff, cause: explainDifference(wa, wb, diff), cropped };
}

/** B converted to A's layout: the inverse of `change` (transpose is its own inverse, then the blocks go back). */
export function toLayoutOf(b: GruWeights, change: LayoutChange): GruWeights {
  const H = b.hiddenSize;
  const out = { ...b };
  const field = { weight_ih: 'weightIh', weight_hh: 'weightHh', bias_ih: 'biasIh', bias_hh: 'biasHh' } as const;
  for (const t of TENSORS) {
    const cols = tensorCols(b, t);
    let values = getTensor(b, t);
    if (change.transposed && transposable(b, t)) {
      const blocks = new Float32Array(values.length);
      for (let k = 0; k < 3; k++) blocks.set(transposeMatrix(values.subarray(k * H * cols, (k + 1) * H * cols), H, cols), k * H * cols);
      values = blocks;
    }
    out[field[t]] = permuteRowBlocks(values, H, cols, change.order, PYTORCH_ORDER);
  }
  return out;
}
