// PyTorch ⇄ TensorFlow.js GRU weights (tfjs-layers/src/layers/recurrent.ts; docs/gru-conventions.md):
//   kernel [I, 3H], recurrent_kernel [H, 3H] (transposed, column blocks z | r | h), bias [3H].
//   TF.js is reset-before ONLY (`resetAfter: true` throws):
//     z = σ(x K_z + b_z + h U_z),  r = σ(x K_r + b_r + h U_r),
//     hh = tanh(x K_h + b_h + (r ⊙ h) U_h),  h' = z ⊙ h + (1 − z) ⊙ hh
//   and its default recurrentActivation is 'hardSigmoid' = clip(0.2 x + 0.5, 0, 1) (tfjs_backend.ts hardSigmoid).
// So a PyTorch cell has no exact TF.js equivalent: r and z biases fold exactly (b_i + b_h, up to float rounding),
// but b_hn sits inside PyTorch's r-gated bracket and W_hn multiplies h, not r ⊙ h.
import { assertLength, assertSize, validateWeights, type GruWeights } from '../gru/weights';
import { PYTORCH_ORDER, ZRN_ORDER, inferHiddenSize, inferInputSize, permuteRowBlocks, transposeMatrix } from './blocks';

export interface TfjsGruWeights {
  inputSize: number;
  hiddenSize: number;
  /** [I, 3H] row-major, column blocks z | r | h. */
  kernel: Float32Array;
  /** [H, 3H] row-major, column blocks z | r | h. */
  recurrentKernel: Float32Array;
  /** [3H], blocks z | r | h. */
  bias: Float32Array;
  shapes: { kernel: [number, number]; recurrentKernel: [number, number]; bias: [number] };
  /** Always false: TF.js has no reset-after GRU. */
  resetAfter: false;
  /** The recurrentActivation to create the TF.js layer with so the gates match PyTorch's σ. */
  recurrentActivation: 'sigmoid';
  /** Non-empty whenever PyTorch's function cannot be represented exactly. */
  warnings: string[];
}

export interface ToTfjsOptions {
  /**
   * Where PyTorch's b_hn goes (it has no exact place): 'fold' (default) puts b_in + b_hn in bias[2H:3H],
   * exact where r = 1; 'drop' keeps b_in only, exact where r = 0.
   */
  candidateBias?: 'fold' | 'drop';
}

/** PyTorch → TF.js (reset-before). NOT exact: read `warnings`. */
export function toTfjs(w: GruWeights, options: ToTfjsOptions = {}): TfjsGruWeights {
  validateWeights(w);
  const { inputSize: I, hiddenSize: H } = w;
  const mode = options.candidateBias ?? 'fold';
  if (mode !== 'fold' && mode !== 'drop') throw new Error(`candidateBias must be 'fold' or 'drop', got ${String(mode)}`);
  const kernel = transposeMatrix(permuteRowBlocks(w.weightIh, H, I, PYTORCH_ORDER, ZRN_ORDER), 3 * H, I);
  const recurrentKernel = transposeMatrix(permuteRowBlocks(w.weightHh, H, H, PYTORCH_ORDER, ZRN_ORDER), 3 * H, H);
  // PyTorch r|z|n bias rows: r and z fold (b_i + b_h); n gets b_in (+ b_hn when folding).
  const merged = new Float32Array(3 * H);
  let largestBhn = 0;
  for (let j = 0; j < 2 * H; j++) merged[j] = w.biasIh[j] + w.biasHh[j];
  for (let j = 2 * H; j < 3 * H; j++) {
    merged[j] = mode === 'fold' ? w.biasIh[j] + w.biasHh[j] : w.biasIh[j];
    largestBhn = Math.max(largestBhn, Math.abs(w.biasHh[j]));
  }
  const bias = permuteRowBlocks(merged, H, 1, PYTORCH_ORDER, ZRN_ORDER);
  const warnings = [
    "TF.js's GRU is reset-before only: it computes hh = tanh(x K_h + b_h + (r ⊙ h) U_h), PyTorch computes " +
      'n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)). The weights are converted, but the layer is a different ' +
      "function: U_h multiplies r ⊙ h instead of h, and PyTorch's b_hn cannot be represented exactly " +
      (mode === 'fold'
        ? `(it was folded into bias[2H:3H] = b_in + b_hn, exact only where r = 1; largest |b_hn| = ${largestBhn.toPrecision(3)}).`
        : `(it was dropped, bias[2H:3H] = b_in, exact only where r = 0; largest |b_hn| = ${largestBhn.toPrecision(3)}).`),
    "Create the TF.js layer with recurrentActivation: 'sigmoid' — its default is 'hardSigmoid' (clip(0.2x + 0.5, 0, 1)).",
  ];
  return {
    inputSize: I,
    hiddenSize: H,
    kernel,
    recurrentKernel,
    bias,
    shapes: { kernel: [I, 3 * H], recurrentKernel: [H, 3 * H], bias: [3 * H] },
    resetAfter: false,
    recurrentActivation: 'sigmoid',
    warnings,
  };
}

export interface TfjsGruInput {
  kernel: ArrayLike<number>;
  recurrentKernel: ArrayLike<number>;
  /** [3H]; omit for useBias: false. */
  bias?: ArrayLike<number> | null;
  inputSize?: number;
  hiddenSize?: number;
}

export interface FromTfjsResult {
  /** PyTorch layout; the TF.js bias is in biasIh and biasHh is zero, so gruCellVariant(resetAfter: false) reproduces TF.js. */
  weights: GruWeights;
  resetAfter: false;
  warnings: string[];
}

/** TF.js → PyTorch layout for the reset-before variant (exact: with gruCellVariant it is TF.js's function). */
export function fromTfjs(t: TfjsGruInput): FromTfjsResult {
  const H = t.hiddenSize ?? inferHiddenSize('recurrent_kernel', t.recurrentKernel);
  assertSize('hiddenSize', H);
  assertLength('recurrent_kernel', t.recurrentKernel, 3 * H * H, `[H, 3H] = [${H}, ${3 * H}]`);
  const I = t.inputSize ?? inferInputSize('kernel', t.kernel, 3 * H);
  assertSize('inputSize', I);
  assertLength('kernel', t.kernel, 3 * H * I, `[I, 3H] = [${I}, ${3 * H}]`);
  if (t.bias != null) assertLength('bias', t.bias, 3 * H, `[3H] = [${3 * H}]`);
  return {
    weights: {
      inputSize: I,
      hiddenSize: H,
      weightIh: permuteRowBlocks(transposeMatrix(t.kernel, I, 3 * H), H, I, ZRN_ORDER, PYTORCH_ORDER),
      weightHh: permuteRowBlocks(transposeMatrix(t.recurrentKernel, H, 3 * H), H, H, ZRN_ORDER, PYTORCH_ORDER),
      biasIh: t.bias == null ? new Float32Array(3 * H) : permuteRowBlocks(t.bias, H, 1, ZRN_ORDER, PYTORCH_ORDER),
      biasHh: new Float32Array(3 * H),
    },
    resetAfter: false,
    warnings: [
      "TF.js's GRU is reset-before (hh = tanh(x K_h + b_h + (r ⊙ h) U_h)): PyTorch's gruCell is a different function. " +
        "Evaluate with gruCellVariant(…, { resetAfter: false, recurrentActivation }) using the layer's recurrentActivation " +
        "(TF.js default 'hardSigmoid').",
    ],
  };
}
