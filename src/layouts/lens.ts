// The layout lens as geometry: each framework tensor as a grid of gate blocks, each block a rectangle of a
// PyTorch tensor moved (and perhaps transposed) into place. The same data draws the lens, animates the
// permutation and maps a hovered cell both ways. Facts (docs/gru-conventions.md):
//   Keras   kernel (I, 3H) = weight_ihᵀ, recurrent_kernel (H, 3H) = weight_hhᵀ, column blocks z | r | h;
//           bias (2, 3H): row 0 input bias, row 1 recurrent bias                      (keras/src/layers/rnn/gru.py)
//   ONNX    W [1, 3H, I], R [1, 3H, H] row blocks z | r | h; B [1, 6H] = [Wb_zrh, Rb_zrh] (onnx/defs/rnn/defs.cc)
//   TF.js   as Keras, bias [3H] = b_ih + b_hh (reset-before: b_hn has no exact place)  (tfjs-layers recurrent.ts)
//   Flax    ir/iz/in kernels (I, H), hr/hz/hn kernels (H, H); biases ir, iz (folded), in, hn (flax/linen/recurrent.py)
// Biases are PyTorch (3H) vectors, drawn by the explorer as one column (col 0); frameworks store them as rows.
import { GATES, type Gate } from '../gru/gates';
import { assertSize, type GruWeights, type TensorName } from '../gru/weights';
import { FRAMEWORK_LAYOUTS, type Framework } from './views';

/** The frameworks the lens shows beside PyTorch's own layout (the heatmaps). */
export const LENS_FRAMEWORKS = ['keras', 'onnx', 'tfjs', 'flax'] as const;
export type LensFramework = (typeof LENS_FRAMEWORKS)[number];

/** The two candidate formulas (gru-conventions.md): PyTorch's, and the one Keras reset_after=False, ONNX's default and TF.js use. */
export const CELL_SEMANTICS = ['reset-after', 'reset-before'] as const;
export type CellSemantics = (typeof CELL_SEMANTICS)[number];

/** A rectangle of a PyTorch tensor (biases: one column). */
export interface LensSource {
  tensor: TensorName;
  row0: number;
  rows: number;
  col0: number;
  cols: number;
}

export interface LensBlock {
  gate: Gate;
  /** The framework's name for the block: "z", "h", "Rb_z", "hn". */
  label: string;
  source: LensSource;
  /** Folded: the block holds source + the same rectangle of this tensor (a sum of two PyTorch biases). */
  plus?: TensorName;
  /** Top-left of the block in the framework tensor, as drawn (rows × cols). */
  row0: number;
  col0: number;
  /** Source rows become columns. */
  transposed: boolean;
  relation: 'same' | 'folded' | 'approximate';
}

export interface LensTensor {
  /** As the framework names it: "kernel", "R", "hz.kernel". */
  name: string;
  /** The framework's own shape, e.g. [1, 12, 3] for ONNX's W. */
  shape: number[];
  /** Drawn as rows × cols. */
  rows: number;
  cols: number;
  blocks: LensBlock[];
  /** e.g. "weight_ihᵀ, column blocks z | r | h". */
  caption: string;
}

export interface LensCell {
  row: number;
  col: number;
}

const GATE_ROW = (gate: Gate, H: number) => GATES.indexOf(gate) * H;

function gateBlock(
  gate: Gate,
  label: string,
  tensor: TensorName,
  H: number,
  cols: number,
  at: { row0: number; col0: number },
  transposed: boolean,
  fold?: { plus: TensorName; relation: 'folded' | 'approximate' },
): LensBlock {
  const source = { tensor, row0: GATE_ROW(gate, H), rows: H, col0: 0, cols };
  const block: LensBlock = { gate, label, source, row0: at.row0, col0: at.col0, transposed, relation: fold?.relation ?? 'same' };
  if (fold) block.plus = fold.plus;
  return block;
}

/** Three gate blocks of one PyTorch tensor laid along the framework's 3H axis (rows or columns). */
function stacked(
  framework: Framework,
  tensor: TensorName,
  H: number,
  cols: number,
  axis: 'rows' | 'columns',
  offset: LensCell = { row: 0, col: 0 },
  labelPrefix = '',
  fold?: (gate: Gate) => { plus: TensorName; relation: 'folded' | 'approximate' } | undefined,
): LensBlock[] {
  const layout = FRAMEWORK_LAYOUTS[framework];
  return GATES.map((gate, k) => {
    const slot = layout.fromPytorch[k];
    const at = axis === 'rows' ? { row0: offset.row + slot * H, col0: offset.col } : { row0: offset.row, col0: offset.col + slot * H };
    return gateBlock(gate, labelPrefix + layout.blockLabels[slot], tensor, H, cols, at, axis === 'columns', fold?.(gate));
  });
}

const ZRH = 'z | r | h';

/** The tensors a framework stores for one GRU cell, as drawable blocks of PyTorch's tensors. */
export function frameworkTensors(framework: Framework, inputSize: number, hiddenSize: number): LensTensor[] {
  assertSize('inputSize', inputSize);
  assertSize('hiddenSize', hiddenSize);
  const I = inputSize;
  const H = hiddenSize;
  switch (framework) {
    case 'pytorch':
      return [
        {
          name: 'weight_ih',
          shape: [3 * H, I],
          rows: 3 * H,
          cols: I,
          blocks: stacked('pytorch', 'weight_ih', H, I, 'rows'),
          caption: 'row blocks r | z | n',
        },
        {
          name: 'weight_hh',
          shape: [3 * H, H],
          rows: 3 * H,
          cols: H,
          blocks: stacked('pytorch', 'weight_hh', H, H, 'rows'),
          caption: 'row blocks r | z | n',
        },
        {
          name: 'bias_ih',
          shape: [3 * H],
          rows: 3 * H,
          cols: 1,
          blocks: stacked('pytorch', 'bias_ih', H, 1, 'rows'),
          caption: 'r | z | n',
        },
        {
          name: 'bias_hh',
          shape: [3 * H],
          rows: 3 * H,
          cols: 1,
          blocks: stacked('pytorch', 'bias_hh', H, 1, 'rows'),
          caption: 'r | z | n',
        },
      ];
    case 'keras':
      return [
        {
          name: 'kernel',
          shape: [I, 3 * H],
          rows: I,
          cols: 3 * H,
          blocks: stacked('keras', 'weight_ih', H, I, 'columns'),
          caption: `weight_ihᵀ, column blocks ${ZRH}`,
        },
        {
          name: 'recurrent_kernel',
          shape: [H, 3 * H],
          rows: H,
          cols: 3 * H,
          blocks: stacked('keras', 'weight_hh', H, H, 'columns'),
          caption: `weight_hhᵀ, column blocks ${ZRH}`,
        },
        {
          name: 'bias',
          shape: [2, 3 * H],
          rows: 2,
          cols: 3 * H,
          blocks: [...stacked('keras', 'bias_ih', H, 1, 'columns'), ...stacked('keras', 'bias_hh', H, 1, 'columns', { row: 1, col: 0 })],
          caption: `row 0 bias_ih, row 1 bias_hh, each ${ZRH}`,
        },
      ];
    case 'onnx':
      return [
        {
          name: 'W',
          shape: [1, 3 * H, I],
          rows: 3 * H,
          cols: I,
          blocks: stacked('onnx', 'weight_ih', H, I, 'rows'),
          caption: `weight_ih, row blocks ${ZRH}`,
        },
        {
          name: 'R',
          shape: [1, 3 * H, H],
          rows: 3 * H,
          cols: H,
          blocks: stacked('onnx', 'weight_hh', H, H, 'rows'),
          caption: `weight_hh, row blocks ${ZRH}`,
        },
        {
          name: 'B',
          shape: [1, 6 * H],
          rows: 1,
          cols: 6 * H,
          blocks: [
            ...stacked('onnx', 'bias_ih', H, 1, 'columns', undefined, 'Wb_'),
            ...stacked('onnx', 'bias_hh', H, 1, 'columns', { row: 0, col: 3 * H }, 'Rb_'),
          ],
          caption: `[Wb, Rb] = [bias_ih, bias_hh], each ${ZRH}`,
        },
      ];
    case 'tfjs':
      return [
        {
          name: 'kernel',
          shape: [I, 3 * H],
          rows: I,
          cols: 3 * H,
          blocks: stacked('tfjs', 'weight_ih', H, I, 'columns'),
          caption: `weight_ihᵀ, column blocks ${ZRH}`,
        },
        {
          name: 'recurrent_kernel',
          shape: [H, 3 * H],
          rows: H,
          cols: 3 * H,
          blocks: stacked('tfjs', 'weight_hh', H, H, 'columns'),
          caption: `weight_hhᵀ, column blocks ${ZRH}`,
        },
        {
          name: 'bias',
          shape: [3 * H],
          rows: 1,
          cols: 3 * H,
          blocks: stacked('tfjs', 'bias_ih', H, 1, 'columns', undefined, '', (gate) => ({
            plus: 'bias_hh',
            relation: gate === 'n' ? 'approximate' : 'folded',
          })),
          caption: `bias_ih + bias_hh, ${ZRH} (b_hn folded: reset-before has no place for it)`,
        },
      ];
    case 'flax': {
      const out: LensTensor[] = [];
      for (const side of ['i', 'h'] as const) {
        for (const gate of GATES) {
          const tensor: TensorName = side === 'i' ? 'weight_ih' : 'weight_hh';
          const cols = side === 'i' ? I : H;
          const name = `${side}${gate}.kernel`;
          out.push({
            name,
            shape: [cols, H],
            rows: cols,
            cols: H,
            blocks: [gateBlock(gate, `${side}${gate}`, tensor, H, cols, { row0: 0, col0: 0 }, true)],
            caption: `${tensor}[${gate} rows]ᵀ`,
          });
        }
      }
      for (const gate of GATES) {
        const fold = gate === 'n' ? undefined : ({ plus: 'bias_hh', relation: 'folded' } as const);
        out.push({
          name: `i${gate}.bias`,
          shape: [H],
          rows: 1,
          cols: H,
          blocks: [gateBlock(gate, `i${gate}`, 'bias_ih', H, 1, { row0: 0, col0: 0 }, true, fold)],
          caption: fold ? `b_i${gate} + b_h${gate}` : 'b_in',
        });
      }
      out.push({
        name: 'hn.bias',
        shape: [H],
        rows: 1,
        cols: H,
        blocks: [gateBlock('n', 'hn', 'bias_hh', H, 1, { row0: 0, col0: 0 }, true)],
        caption: 'b_hn (hr, hz have no bias)',
      });
      return out;
    }
    default:
      throw new Error(`unknown framework "${String(framework)}"`);
  }
}

function tensorOf(w: GruWeights, name: TensorName): Float32Array {
  switch (name) {
    case 'weight_ih':
      return w.weightIh;
    case 'weight_hh':
      return w.weightHh;
    case 'bias_ih':
      return w.biasIh;
    case 'bias_hh':
      return w.biasHh;
  }
}

/** Where a block's source cell (row, col) is drawn. */
function placed(block: LensBlock, row: number, col: number): LensCell {
  const dr = row - block.source.row0;
  const dc = col - block.source.col0;
  return block.transposed ? { row: block.row0 + dc, col: block.col0 + dr } : { row: block.row0 + dr, col: block.col0 + dc };
}

/** The framework tensor's values (rows × cols, row-major), built from the blocks: only moves and bias sums. */
export function lensValues(t: LensTensor, w: GruWeights): Float32Array {
  const out = new Float32Array(t.rows * t.cols);
  const srcCols = (name: TensorName) => (name === 'weight_ih' ? w.inputSize : name === 'weight_hh' ? w.hiddenSize : 1);
  for (const block of t.blocks) {
    const { tensor, row0, rows, col0, cols } = block.source;
    const src = tensorOf(w, tensor);
    const plus = block.plus ? tensorOf(w, block.plus) : null;
    const stride = srcCols(tensor);
    // Destination steps per source column and per source row (index arithmetic: this runs over 3M cells at H = 1024).
    const [perCol, perRow] = block.transposed ? [t.cols, 1] : [1, t.cols];
    const origin = block.row0 * t.cols + block.col0;
    for (let r = 0; r < rows; r++) {
      const i0 = (row0 + r) * stride + col0;
      const o0 = origin + r * perRow;
      if (plus) for (let c = 0; c < cols; c++) out[o0 + c * perCol] = src[i0 + c] + plus[i0 + c];
      else for (let c = 0; c < cols; c++) out[o0 + c * perCol] = src[i0 + c];
    }
  }
  return out;
}

/** Where PyTorch's tensor[row, col] is drawn in t (also where it is folded into a sum), or null. */
export function lensLocate(t: LensTensor, tensor: TensorName, row: number, col: number): LensCell | null {
  for (const block of t.blocks) {
    const s = block.source;
    if ((s.tensor !== tensor && block.plus !== tensor) || row < s.row0 || row >= s.row0 + s.rows || col < s.col0 || col >= s.col0 + s.cols)
      continue;
    return placed(block, row, col);
  }
  return null;
}

/** The PyTorch cell drawn at (row, col) of t (the first term of a folded sum), and its block. */
export function lensSource(
  t: LensTensor,
  row: number,
  col: number,
): { tensor: TensorName; row: number; col: number; block: LensBlock } | null {
  for (const block of t.blocks) {
    const { rows, cols } = block.source;
    const [h, w] = block.transposed ? [cols, rows] : [rows, cols];
    const dr = row - block.row0;
    const dc = col - block.col0;
    if (dr < 0 || dr >= h || dc < 0 || dc >= w) continue;
    const [sr, sc] = block.transposed ? [dc, dr] : [dr, dc];
    return { tensor: block.source.tensor, row: block.source.row0 + sr, col: block.source.col0 + sc, block };
  }
  return null;
}

/** The framework's own index of a drawn cell: [0, row, col] for ONNX's W, one index for a 1-D bias. */
export function lensIndex(t: LensTensor, cell: LensCell): number[] {
  if (t.shape.length === 3) return [0, cell.row, cell.col];
  if (t.shape.length === 1) return [t.rows === 1 ? cell.col : cell.row];
  return [cell.row, cell.col];
}

/**
 * Where a block sits before the move: its gate's PyTorch slot (r, z, n) within its group of three along the
 * same axis, for animating the permutation. Tensors holding one block (Flax) do not move.
 */
export function lensStart(t: LensTensor, block: LensBlock, H: number): LensCell {
  if (t.blocks.length < 3) return { row: block.row0, col: block.col0 };
  const k = GATES.indexOf(block.gate);
  if (block.transposed) {
    const group = block.col0 - (block.col0 % (3 * H)); // ONNX's B holds two groups: Wb then Rb
    return { row: block.row0, col: group + k * H };
  }
  const group = block.row0 - (block.row0 % (3 * H));
  return { row: group + k * H, col: block.col0 };
}

/** One drawn cell's value without building the tensor (for hover read-outs at any size). */
export function lensCellValue(t: LensTensor, cell: LensCell, w: GruWeights): number {
  const src = lensSource(t, cell.row, cell.col);
  if (!src) throw new Error(`(${cell.row}, ${cell.col}) is outside ${t.name} (${t.rows} × ${t.cols})`);
  const stride = src.tensor === 'weight_ih' ? w.inputSize : src.tensor === 'weight_hh' ? w.hiddenSize : 1;
  const i = src.row * stride + src.col;
  const v = tensorOf(w, src.tensor)[i];
  return src.block.plus ? Math.fround(v + tensorOf(w, src.block.plus)[i]) : v;
}
