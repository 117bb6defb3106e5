// PyTorch ⇄ Keras / TF2 GRU weights (keras/src/layers/rnn/gru.py; docs/gru-conventions.md):
//   kernel (I, 3H) and recurrent_kernel (H, 3H) are the TRANSPOSES of weight_ih / weight_hh, with COLUMN blocks
//   z | r | h (PyTorch block k → Keras block [1, 0, 2][k]).
//   reset_after=True (TF2 / Keras 3 default): bias (2, 3H), row 0 the input bias, row 1 the recurrent bias;
//     hh = tanh(x K_h + b⁰_h + r ⊙ (h U_h + b¹_h)) — PyTorch's function exactly, so the conversion is exact.
//   reset_after=False (TF1 default): bias (3H); hh = tanh(x K_h + b_h + (r ⊙ h) U_h) — a different function
//     (evaluate it with gruCellVariant(…, { resetAfter: false })).
// Keras' default recurrent_activation is 'sigmoid' (TF1 / tf.keras 1 used 'hard_sigmoid').
import { assertLength, assertSize, validateWeights, type GruWeights } from '../gru/weights';
import { PYTORCH_ORDER, ZRN_ORDER, inferHiddenSize, inferInputSize, permuteRowBlocks, transposeMatrix } from './blocks';

export interface KerasGruWeights {
  inputSize: number;
  hiddenSize: number;
  /** (I, 3H) row-major, column blocks z | r | h. */
  kernel: Float32Array;
  /** (H, 3H) row-major, column blocks z | r | h. */
  recurrentKernel: Float32Array;
  /** (2, 3H) when resetAfter (row 0 input bias, row 1 recurrent bias), else (3H). */
  bias: Float32Array;
  resetAfter: boolean;
  shapes: { kernel: [number, number]; recurrentKernel: [number, number]; bias: [number, number] | [number] };
}

/** PyTorch → Keras GRU(reset_after=True). Exact: values are only moved. */
export function toKeras(w: GruWeights): KerasGruWeights {
  validateWeights(w);
  const { inputSize: I, hiddenSize: H } = w;
  // (3H, I) r|z|n rows → (3H, I) z|r|n rows → transpose → (I, 3H) with z|r|h column blocks.
  const kernel = transposeMatrix(permuteRowBlocks(w.weightIh, H, I, PYTORCH_ORDER, ZRN_ORDER), 3 * H, I);
  const recurrentKernel = transposeMatrix(permuteRowBlocks(w.weightHh, H, H, PYTORCH_ORDER, ZRN_ORDER), 3 * H, H);
  const bias = new Float32Array(6 * H);
  bias.set(permuteRowBlocks(w.biasIh, H, 1, PYTORCH_ORDER, ZRN_ORDER), 0);
  bias.set(permuteRowBlocks(w.biasHh, H, 1, PYTORCH_ORDER, ZRN_ORDER), 3 * H);
  return {
    inputSize: I,
    hiddenSize: H,
    kernel,
    recurrentKernel,
    bias,
    resetAfter: true,
    shapes: { kernel: [I, 3 * H], recurrentKernel: [H, 3 * H], bias: [2, 3 * H] },
  };
}

export interface KerasGruInput {
  /** (I, 3H) row-major. */
  kernel: ArrayLike<number>;
  /** (H, 3H) row-major. */
  recurrentKernel: ArrayLike<number>;
  /** (2, 3H) for reset_after=True, (3H) for reset_after=False; omit for use_bias=False. */
  bias?: ArrayLike<number> | null;
  /** Inferred from the array lengths when omitted. */
  inputSize?: number;
  hiddenSize?: number;
  /** Needed only when there is no bias (use_bias=False); must agree with the bias length otherwise. Default true. */
  resetAfter?: boolean;
}

export interface FromKerasResult {
  /** PyTorch layout. For reset_after=False the single bias is in biasIh and biasHh is zero. */
  weights: GruWeights;
  /** false: the reset-before variant — gruCell is a different function; use gruCellVariant(resetAfter: false). */
  resetAfter: boolean;
  warnings: string[];
}

/** Keras GRU weights → PyTorch layout. Exact for reset_after=True (round trip with toKeras is bit-identical). */
export function fromKeras(k: KerasGruInput): FromKerasResult {
  const H = k.hiddenSize ?? inferHiddenSize('recurrent_kernel', k.recurrentKernel);
  assertSize('hiddenSize', H);
  assertLength('recurrent_kernel', k.recurrentKernel, 3 * H * H, `(H, 3H) = (${H}, ${3 * H})`);
  const I = k.inputSize ?? inferInputSize('kernel', k.kernel, 3 * H);
  assertSize('inputSize', I);
  assertLength('kernel', k.kernel, 3 * H * I, `(I, 3H) = (${I}, ${3 * H})`);
  const weightIh = permuteRowBlocks(transposeMatrix(k.kernel, I, 3 * H), H, I, ZRN_ORDER, PYTORCH_ORDER);
  const weightHh = permuteRowBlocks(transposeMatrix(k.recurrentKernel, H, 3 * H), H, H, ZRN_ORDER, PYTORCH_ORDER);
  const warnings: string[] = [];
  let resetAfter = k.resetAfter ?? true;
  let biasIh: Float32Array = new Float32Array(3 * H);
  let biasHh: Float32Array = new Float32Array(3 * H);
  const bias = k.bias;
  if (bias != null) {
    if (bias.length === 6 * H) {
      if (k.resetAfter === false)
        throw new Error(`bias has 2 × 3H = ${6 * H} values, which is reset_after=True, but resetAfter: false was given`);
      resetAfter = true;
      biasIh = permuteRowBlocks(Array.prototype.slice.call(bias, 0, 3 * H), H, 1, ZRN_ORDER, PYTORCH_ORDER);
      biasHh = permuteRowBlocks(Array.prototype.slice.call(bias, 3 * H), H, 1, ZRN_ORDER, PYTORCH_ORDER);
    } else if (bias.length === 3 * H) {
      if (k.resetAfter === true)
        throw new Error(`bias has 3H = ${3 * H} values, which is reset_after=False, but resetAfter: true was given`);
      resetAfter = false;
      biasIh = permuteRowBlocks(bias, H, 1, ZRN_ORDER, PYTORCH_ORDER);
    } else {
      throw new Error(
        `bias has ${bias.length} values; Keras GRU stores (2, 3H) = ${6 * H} (reset_after=True) or (3H) = ${3 * H} (reset_after=False)`,
      );
    }
  }
  if (!resetAfter) {
    warnings.push(
      'reset_after=False: this GRU computes hh = tanh(x K_h + b_h + (r ⊙ h) U_h), the reset-before variant; ' +
        "PyTorch's nn.GRU is a different function. The single bias is placed in bias_ih (bias_hh = 0); " +
        'evaluate with gruCellVariant(…, { resetAfter: false }).',
    );
  }
  return { weights: { inputSize: I, hiddenSize: H, weightIh, weightHh, biasIh, biasHh }, resetAfter, warnings };
}
