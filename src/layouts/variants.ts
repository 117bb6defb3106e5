// GRU cells with the OTHER semantics found across frameworks, on weights given in PyTorch's shapes
// (docs/gru-conventions.md):
//   reset-after (PyTorch, cuDNN, Keras reset_after=True, ONNX linear_before_reset=1, Flax):
//     n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
//   reset-before (Keras reset_after=False, TF1, TF.js, ONNX linear_before_reset=0 — the ONNX default):
//     n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)
//     (ONNX: ht = g(Xt W_hᵀ + (rt ⊙ Ht−1) R_hᵀ + Rb_h + Wb_h), onnx/defs/rnn/defs.cc)
//   h' = (1 − z) ⊙ n + z ⊙ h in both.
// Recurrent (gate) activations:
//   'sigmoid'      σ(a) = 1 / (1 + e^−a)                          PyTorch, Keras 2/3 default, ONNX default, Flax
//   'hardSigmoid'  clip(0.2 a + 0.5, 0, 1)                        TF.js default (tfjs-layers backend hardSigmoid),
//                                                                  tf.keras 2 / TF1 'hard_sigmoid', ONNX HardSigmoid defaults
//   'hardSigmoid6' relu6(a + 3) / 6 = clip(a / 6 + 0.5, 0, 1)      Keras 3 'hard_sigmoid' (keras/src/backend/*/nn.py),
//                                                                  PyTorch nn.Hardsigmoid
import { affine } from '../kernels';
import type { AffineKernel } from '../gru/affine';
import { assertLength, assertSize, validateWeights, type GruWeights } from '../gru/weights';
import { PYTORCH_ORDER, assertBlockOrder, permuteRowBlocks, transposeMatrix, type BlockOrder } from './blocks';

export type RecurrentActivation = 'sigmoid' | 'hardSigmoid' | 'hardSigmoid6';

export const RECURRENT_ACTIVATIONS: Readonly<Record<RecurrentActivation, { formula: string; usedBy: string }>> = {
  sigmoid: { formula: '1 / (1 + exp(−a))', usedBy: 'PyTorch, Keras (default), ONNX (default), Flax' },
  hardSigmoid: { formula: 'clip(0.2·a + 0.5, 0, 1)', usedBy: "TF.js (default), tf.keras 2 / TF 1 'hard_sigmoid'" },
  hardSigmoid6: { formula: 'relu6(a + 3) / 6', usedBy: "Keras 3 'hard_sigmoid', PyTorch nn.Hardsigmoid" },
};

export interface LayoutOptions {
  /** The gate held by each stored block, e.g. ['z', 'r', 'n'] for Keras/ONNX storage. Default r | z | n. */
  gateOrder?: BlockOrder;
  /**
   * true: weightIh is stored (I, 3H) and weightHh (H, 3H) row-major with COLUMN blocks (Keras, TF.js);
   * false (default): (3H, I) and (3H, H) with row blocks (PyTorch, ONNX).
   */
  transposed?: boolean;
}

export interface VariantOptions extends LayoutOptions {
  /** Default true (PyTorch). false: W_hn multiplies r ⊙ h and b_hn is outside the reset gate. */
  resetAfter?: boolean;
  /** Default 'sigmoid'. */
  recurrentActivation?: RecurrentActivation;
}

export interface VariantOutputs {
  /** h' (batch × H). */
  h: Float32Array;
  r: Float32Array;
  z: Float32Array;
  n: Float32Array;
}

/** Weights stored in another block order and/or transposed → PyTorch layout (values are only moved). */
export function normalizeLayout(w: GruWeights, options: LayoutOptions = {}): GruWeights {
  validateWeights(w);
  const order = options.gateOrder ?? PYTORCH_ORDER;
  assertBlockOrder(order);
  const { inputSize: I, hiddenSize: H } = w;
  const ih = options.transposed ? transposeMatrix(w.weightIh, I, 3 * H) : w.weightIh;
  const hh = options.transposed ? transposeMatrix(w.weightHh, H, 3 * H) : w.weightHh;
  return {
    inputSize: I,
    hiddenSize: H,
    weightIh: toPytorchOrder(ih, H, I, order),
    weightHh: toPytorchOrder(hh, H, H, order),
    biasIh: toPytorchOrder(w.biasIh, H, 1, order),
    biasHh: toPytorchOrder(w.biasHh, H, 1, order),
  };
}

// permuteRowBlocks with whole-block typed-array copies: its element loop took ~20 ms per layout at
// H = 1024, more than a layout's affine products. Lengths are checked by
// the caller.
function toPytorchOrder(values: Float32Array, hiddenSize: number, cols: number, order: BlockOrder): Float32Array {
  if (!(values instanceof Float32Array)) return permuteRowBlocks(values, hiddenSize, cols, order, PYTORCH_ORDER);
  const blockLen = hiddenSize * cols;
  const out = new Float32Array(3 * blockLen);
  for (let k = 0; k < 3; k++) {
    const src = order.indexOf(PYTORCH_ORDER[k]) * blockLen;
    out.set(values.subarray(src, src + blockLen), k * blockLen);
  }
  return out;
}

// σ with exp in float32, exactly as src/gru/cell.ts does, so the reset-after sigmoid variant equals gruCell bit for bit.
function sigmoid(a: number): number {
  return 1 / (1 + Math.fround(Math.exp(-a)));
}

// Float32 steps as TF.js evaluates it: 0.2·a, + 0.5, clip.
const F32_POINT_TWO = Math.fround(0.2);
function hardSigmoid(a: number): number {
  return Math.min(1, Math.max(0, Math.fround(Math.fround(F32_POINT_TWO * a) + 0.5)));
}

function hardSigmoid6(a: number): number {
  return Math.min(1, Math.max(0, Math.fround(Math.fround(a / 6) + 0.5)));
}

export function recurrentActivationFn(kind: RecurrentActivation): (a: number) => number {
  switch (kind) {
    case 'sigmoid':
      return sigmoid;
    case 'hardSigmoid':
      return hardSigmoid;
    case 'hardSigmoid6':
      return hardSigmoid6;
    default:
      throw new Error(`unknown recurrentActivation "${String(kind)}"; expected one of ${Object.keys(RECURRENT_ACTIVATIONS).join(', ')}`);
  }
}

/**
 * One GRU step with the chosen semantics. x is batch × I, h is batch × H (row-major). With the defaults
 * (reset-after, sigmoid, r | z | n, not transposed) it is gruCell, bit for bit.
 */
export function gruCellVariant(
  weights: GruWeights,
  x: ArrayLike<number>,
  h: ArrayLike<number>,
  batch = 1,
  options: VariantOptions = {},
): VariantOutputs {
  const w = normalizeLayout(weights, options);
  return variantStep(w, x, h, batch, options.resetAfter ?? true, options.recurrentActivation ?? 'sigmoid');
}

/** The step on weights already in PyTorch layout (validated by the caller). */
export function variantStep(
  w: GruWeights,
  x: ArrayLike<number>,
  h: ArrayLike<number>,
  batch: number,
  resetAfter: boolean,
  recurrentActivation: RecurrentActivation,
): VariantOutputs {
  recurrentActivationFn(recurrentActivation); // an unknown activation is reported before any shape problem
  return variantStepper(w, x, h, batch)(resetAfter, recurrentActivation);
}

/** Steps one observation with any (resetAfter, activation) variant of a single layout. */
export type VariantStepper = (resetAfter: boolean, recurrentActivation: RecurrentActivation) => VariantOutputs;

/**
 * {@link variantStep} for every variant of one layout on one observation. The affine products that do
 * not depend on the variant (W_ih x + b_ih, and W_hh h + b_hh over 3H rows for reset-after or 2H rows for
 * reset-before) are computed on first use and shared: 6 variants of a layout cost 3 products plus one
 * W_hn (r ⊙ h) per reset-before activation, instead of 12 products plus those. (The layout detective shares
 * more, across block orders too: src/layouts/readings.ts.)
 * Each variant's outputs are variantStep's, bit for bit: the same kernel calls on the same rows.
 */
export function variantStepper(
  w: GruWeights,
  x: ArrayLike<number>,
  h: ArrayLike<number>,
  batch: number,
  kernel: AffineKernel = affine,
): VariantStepper {
  assertSize('batch', batch);
  const { inputSize: I, hiddenSize: H } = w;
  assertLength('x', x, batch * I, `(batch, I) = (${batch}, ${I})`);
  assertLength('h', h, batch * H, `(batch, H) = (${batch}, ${H})`);
  const xs = Float32Array.from(x);
  const hs = Float32Array.from(h);
  const G = 3 * H;
  let gi: Float32Array | undefined;
  // Recurrent pre-activations: all three blocks (reset-after), or r and z only (reset-before). The 2H-row
  // product is its own kernel call, not a slice of the 3H one, because the kernel's row tiling (and with
  // it the float64 summation order of a row) depends on the number of rows.
  let ghAfter: Float32Array | undefined;
  let ghBefore: Float32Array | undefined;
  return (resetAfter, recurrentActivation) => {
    const act = recurrentActivationFn(recurrentActivation);
    if (!gi) {
      gi = new Float32Array(batch * G);
      kernel(w.weightIh, G, I, w.biasIh, xs, batch, gi);
    }
    const ghRows = resetAfter ? G : 2 * H;
    let gh = resetAfter ? ghAfter : ghBefore;
    if (!gh) {
      gh = new Float32Array(batch * ghRows);
      kernel(w.weightHh.subarray(0, ghRows * H), ghRows, H, w.biasHh.subarray(0, ghRows), hs, batch, gh);
      if (resetAfter) ghAfter = gh;
      else ghBefore = gh;
    }
    return stepWith(w, hs, batch, resetAfter, act, gi, gh, ghRows, kernel);
  };
}

/** The gates and blend of one variant, given its input and recurrent pre-activations. */
function stepWith(
  w: GruWeights,
  hs: Float32Array,
  batch: number,
  resetAfter: boolean,
  act: (a: number) => number,
  gi: Float32Array,
  gh: Float32Array,
  ghRows: number,
  kernel: AffineKernel,
): VariantOutputs {
  const H = w.hiddenSize;
  const G = 3 * H;
  const r = new Float32Array(batch * H);
  const z = new Float32Array(batch * H);
  const n = new Float32Array(batch * H);
  const hNext = new Float32Array(batch * H);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      r[b * H + j] = Math.fround(act(gi[b * G + j] + gh[b * ghRows + j]));
      z[b * H + j] = Math.fround(act(gi[b * G + H + j] + gh[b * ghRows + H + j]));
    }
  }
  let ghN: Float32Array; // batch × H: W_hn h + b_hn (reset-after) or W_hn (r ⊙ h) + b_hn (reset-before)
  if (resetAfter) {
    ghN = new Float32Array(batch * H);
    for (let b = 0; b < batch; b++) ghN.set(gh.subarray(b * G + 2 * H, (b + 1) * G), b * H);
  } else {
    const rh = new Float32Array(batch * H);
    for (let i = 0; i < rh.length; i++) rh[i] = r[i] * hs[i];
    ghN = new Float32Array(batch * H);
    kernel(w.weightHh.subarray(2 * H * H), H, H, w.biasHh.subarray(2 * H), rh, batch, ghN);
  }
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      const u = b * H + j;
      const inner = resetAfter ? r[u] * ghN[u] : ghN[u];
      const nj = Math.fround(Math.tanh(gi[b * G + 2 * H + j] + inner));
      n[u] = nj;
      // ATen's float32 blend (h − n) ⊙ z + n, as gruCell.
      hNext[u] = Math.fround(Math.fround(hs[u] - nj) * z[u]) + nj;
    }
  }
  return { h: hNext, r, z, n };
}

/** Short human text for a set of options, e.g. "z|r|n blocks, transposed, reset-before, hardSigmoid". */
export function describeVariant(options: VariantOptions): string {
  const order = options.gateOrder ?? PYTORCH_ORDER;
  return [
    `${order.join('|')} blocks`,
    options.transposed ? 'transposed' : 'not transposed',
    (options.resetAfter ?? true) ? 'reset-after' : 'reset-before',
    options.recurrentActivation ?? 'sigmoid',
  ].join(', ');
}
