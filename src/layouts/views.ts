// Where one PyTorch parameter lives in each framework's layout, and the block permutations as data for drawing.
// Facts: docs/gru-conventions.md —
//   PyTorch  weight_ih (3H, I), weight_hh (3H, H), bias_ih/bias_hh (3H); row blocks r | z | n   (torch/nn/modules/rnn.py)
//   Keras    kernel (I, 3H), recurrent_kernel (H, 3H) transposed, column blocks z | r | h; bias (2, 3H) (keras/src/layers/rnn/gru.py)
//   ONNX     W [D, 3H, I], R [D, 3H, H] not transposed, row blocks z | r | h; B [D, 6H] = [Wb, Rb] (onnx/defs/rnn/defs.cc)
//   TF.js    as Keras but bias [3H] and reset-before only                                  (tfjs-layers/src/layers/recurrent.ts)
//   Flax     ir, iz, in (kernel (I, H) + bias), hr, hz (kernel (H, H)), hn (kernel + bias)  (flax/linen/recurrent.py)
import { GATES, gateOfRow, type Gate } from '../gru/gates';
import { assertSize, tensorShape, type TensorName } from '../gru/weights';
import { PYTORCH_ORDER, ZRN_ORDER, blockPermutation, type BlockOrder } from './blocks';

export const FRAMEWORKS = ['pytorch', 'keras', 'onnx', 'tfjs', 'flax'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface FrameworkLayout {
  framework: Framework;
  label: string;
  /** Gate held by each block along the 3H axis (Flax: the order of its separate blocks). */
  blockOrder: BlockOrder;
  /** How the framework names the blocks, e.g. ['z', 'r', 'h']. */
  blockLabels: readonly [string, string, string];
  /** Along which axis the gate blocks are stacked; Flax keeps them as separate tensors. */
  blockAxis: 'rows' | 'columns' | 'separate';
  /** Weight matrices stored (in, out) — the transpose of PyTorch's (out, in). */
  transposed: boolean;
  /** PyTorch block k → this framework's block fromPytorch[k] (Keras/ONNX/TF.js: [1, 0, 2]). */
  fromPytorch: readonly [number, number, number];
  /** The tensors that hold PyTorch's weight_ih, weight_hh, bias_ih, bias_hh. */
  tensors: Readonly<Record<TensorName, string>>;
  semantics: 'reset-after' | 'reset-before';
  /** Whether PyTorch's cell converts to this layout as the same function. */
  exact: boolean;
  source: string;
}

/** PyTorch's own block order (Flax keeps it in separate tensors) and the z | r | h order of Keras, ONNX and TF.js. */
const RZN_BLOCKS = { blockOrder: PYTORCH_ORDER, blockLabels: ['r', 'z', 'n'], fromPytorch: [0, 1, 2] } as const;
const ZRH_BLOCKS = { blockOrder: ZRN_ORDER, blockLabels: ['z', 'r', 'h'], fromPytorch: blockPermutation(ZRN_ORDER) } as const;

export const FRAMEWORK_LAYOUTS: Readonly<Record<Framework, FrameworkLayout>> = {
  pytorch: {
    framework: 'pytorch',
    label: 'PyTorch',
    ...RZN_BLOCKS,
    blockAxis: 'rows',
    transposed: false,
    tensors: { weight_ih: 'weight_ih', weight_hh: 'weight_hh', bias_ih: 'bias_ih', bias_hh: 'bias_hh' },
    semantics: 'reset-after',
    exact: true,
    source: 'torch/nn/modules/rnn.py',
  },
  keras: {
    framework: 'keras',
    label: 'Keras (reset_after=True)',
    ...ZRH_BLOCKS,
    blockAxis: 'columns',
    transposed: true,
    tensors: { weight_ih: 'kernel', weight_hh: 'recurrent_kernel', bias_ih: 'bias[0]', bias_hh: 'bias[1]' },
    semantics: 'reset-after',
    exact: true,
    source: 'keras/src/layers/rnn/gru.py',
  },
  onnx: {
    framework: 'onnx',
    label: 'ONNX (linear_before_reset=1)',
    ...ZRH_BLOCKS,
    blockAxis: 'rows',
    transposed: false,
    tensors: { weight_ih: 'W', weight_hh: 'R', bias_ih: 'B[:, 0:3H]', bias_hh: 'B[:, 3H:6H]' },
    semantics: 'reset-after',
    exact: true,
    source: 'onnx/defs/rnn/defs.cc',
  },
  tfjs: {
    framework: 'tfjs',
    label: 'TF.js (reset-before)',
    ...ZRH_BLOCKS,
    blockAxis: 'columns',
    transposed: true,
    tensors: { weight_ih: 'kernel', weight_hh: 'recurrent_kernel', bias_ih: 'bias', bias_hh: 'bias' },
    semantics: 'reset-before',
    exact: false,
    source: 'tfjs-layers/src/layers/recurrent.ts',
  },
  flax: {
    framework: 'flax',
    label: 'Flax linen',
    ...RZN_BLOCKS,
    blockAxis: 'separate',
    transposed: true,
    tensors: { weight_ih: 'ir|iz|in.kernel', weight_hh: 'hr|hz|hn.kernel', bias_ih: 'ir|iz|in.bias', bias_hh: 'hn.bias' },
    semantics: 'reset-after',
    exact: true,
    source: 'flax/linen/recurrent.py',
  },
};

export interface ParameterLocation {
  framework: Framework;
  /** Tensor name in that framework, e.g. "recurrent_kernel", "R", "hz.kernel". */
  tensor: string;
  /** Index into that tensor (its own dimensions). */
  index: number[];
  /** e.g. "recurrent_kernel[1, 3]". */
  text: string;
  /**
   * same: this tensor element holds exactly this value; folded: it holds the sum with another PyTorch bias
   * (the same function, up to float32 rounding of the sum); approximate: no exact place exists (the
   * framework's cell is a different function here).
   */
  relation: 'same' | 'folded' | 'approximate';
  note?: string;
}

export interface ParameterViews {
  tensor: TensorName;
  gate: Gate;
  unit: number;
  /** Column (weights) or 0 (biases). */
  col: number;
  locations: Record<Framework, ParameterLocation>;
}

function loc(
  framework: Framework,
  tensor: string,
  index: number[],
  relation: ParameterLocation['relation'] = 'same',
  note?: string,
): ParameterLocation {
  const text = `${tensor}[${index.join(', ')}]`;
  return note === undefined ? { framework, tensor, index, text, relation } : { framework, tensor, index, text, relation, note };
}

/**
 * The same parameter in every framework, for a cell (row, col) of a PyTorch tensor (col = 0 for biases).
 * Example (H = 4): weight_hh[H + 3, 1] ↔ Keras recurrent_kernel[1, 3] ↔ ONNX R[0, 3, 1] ↔ TF.js
 * recurrent_kernel[1, 3] ↔ Flax hz.kernel[1, 3]. `direction` is the ONNX direction index (1 = reverse).
 */
export function parameterViews(
  tensor: TensorName,
  row: number,
  col: number,
  inputSize: number,
  hiddenSize: number,
  options: { direction?: 0 | 1 } = {},
): ParameterViews {
  assertSize('inputSize', inputSize);
  assertSize('hiddenSize', hiddenSize);
  const H = hiddenSize;
  const shape = tensorShape(tensor, inputSize, hiddenSize);
  const { gate, unit } = gateOfRow(row, H);
  const [, cols = 1] = shape;
  if (!Number.isInteger(col) || col < 0 || col >= cols) {
    throw new Error(`column ${col} is outside 0..${cols - 1} for ${tensor} (${shape.join(', ')})`);
  }
  const d = options.direction ?? 0;
  const k = GATES.indexOf(gate);
  const zrn = blockPermutation(ZRN_ORDER)[k] * H + unit; // position along Keras/ONNX/TF.js's 3H axis
  const ih = tensor === 'weight_ih' || tensor === 'bias_ih';
  const kerasName = ih ? 'kernel' : 'recurrent_kernel';
  let locations: Record<Framework, ParameterLocation>;
  if (tensor === 'weight_ih' || tensor === 'weight_hh') {
    locations = {
      pytorch: loc('pytorch', tensor, [row, col]),
      keras: loc('keras', kerasName, [col, zrn]),
      onnx: loc('onnx', ih ? 'W' : 'R', [d, zrn, col]),
      tfjs:
        !ih && gate === 'n'
          ? loc('tfjs', kerasName, [col, zrn], 'same', 'reset-before: TF.js multiplies this weight by (r ⊙ h), not h')
          : loc('tfjs', kerasName, [col, zrn]),
      flax: loc('flax', `${ih ? 'i' : 'h'}${gate}.kernel`, [col, unit]),
    };
  } else if (tensor === 'bias_ih' || tensor === 'bias_hh') {
    // A gate's r and z biases act only as their sum, so TF.js (one bias) and Flax (no h_r, h_z bias) fold them.
    const folded = `b_i${gate} + b_h${gate}`;
    let tfjs: ParameterLocation;
    let flax: ParameterLocation;
    if (gate !== 'n') {
      tfjs = loc('tfjs', 'bias', [zrn], 'folded', `folded: ${folded}`);
      flax = ih
        ? loc('flax', `i${gate}.bias`, [unit], 'folded', `folded: ${folded}`)
        : loc('flax', `i${gate}.bias`, [unit], 'folded', `folded into i${gate}.bias (${folded}); Flax's h${gate} has no bias`);
    } else if (ih) {
      tfjs = loc('tfjs', 'bias', [zrn], 'folded', 'holds b_in + b_hn when toTfjs folds b_hn (its default)');
      flax = loc('flax', 'in.bias', [unit]);
    } else {
      tfjs = loc(
        'tfjs',
        'bias',
        [zrn],
        'approximate',
        'no exact place: TF.js is reset-before, b_hn is not multiplied by r; toTfjs folds it into b_in',
      );
      flax = loc('flax', 'hn.bias', [unit]);
    }
    locations = {
      pytorch: loc('pytorch', tensor, [row]),
      keras: loc('keras', 'bias', [ih ? 0 : 1, zrn]),
      onnx: loc('onnx', 'B', [d, (ih ? 0 : 3 * H) + zrn]),
      tfjs,
      flax,
    };
  } else {
    throw new Error(`unknown tensor "${String(tensor)}"`);
  }
  return { tensor, gate, unit, col, locations };
}

export interface BlockMapEntry {
  gate: Gate;
  /** Block index in PyTorch (0 r, 1 z, 2 n). */
  pytorchBlock: number;
  /** Block index in the framework. */
  block: number;
  /** The framework's name for it ("h" for Keras's candidate). */
  label: string;
}

/** The block permutation of a framework as drawable data: one entry per gate, in PyTorch block order. */
export function blockMap(framework: Framework): BlockMapEntry[] {
  const layout = FRAMEWORK_LAYOUTS[framework];
  if (!layout) throw new Error(`unknown framework "${String(framework)}"; expected one of ${FRAMEWORKS.join(', ')}`);
  return GATES.map((gate, k) => {
    const block = layout.fromPytorch[k];
    return { gate, pytorchBlock: k, block, label: layout.blockLabels[block] };
  });
}
