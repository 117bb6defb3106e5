// PyTorch ⇄ ONNX GRU operator inputs (onnx/defs/rnn/defs.cc; docs/gru-conventions.md):
//   W [num_directions, 3H, I], R [num_directions, 3H, H], row blocks z | r | h (PyTorch's r | z | n reordered,
//   NOT transposed); B [num_directions, 6H] = [Wb_z, Wb_r, Wb_h, Rb_z, Rb_r, Rb_h].
//   linear_before_reset = 1 is PyTorch's cell: ht = g(Xt W_hᵀ + rt ⊙ (Ht−1 R_hᵀ + Rb_h) + Wb_h).
//   linear_before_reset = 0 (the operator's default) is the reset-before variant.
// Direction 0 is forward, 1 reverse (direction="bidirectional"); PyTorch names the reverse one `…_reverse`.
import { assertLength, assertSize, validateWeights, type GruWeights } from '../gru/weights';
import { PYTORCH_ORDER, ZRN_ORDER, permuteRowBlocks } from './blocks';

export interface OnnxGruTensors {
  numDirections: number;
  inputSize: number;
  hiddenSize: number;
  /** [numDirections, 3H, I], blocks z | r | h. */
  W: Float32Array;
  /** [numDirections, 3H, H], blocks z | r | h. */
  R: Float32Array;
  /** [numDirections, 6H]: Wb_zrh then Rb_zrh. */
  B: Float32Array;
  shapes: { W: [number, number, number]; R: [number, number, number]; B: [number, number] };
  /** PyTorch's semantics. */
  linearBeforeReset: 1;
}

/** PyTorch layout → ONNX GRU inputs; pass [forward, reverse] for a bidirectional layer. Exact. */
export function toOnnx(cells: GruWeights | readonly GruWeights[]): OnnxGruTensors {
  const list = Array.isArray(cells) ? (cells as readonly GruWeights[]) : [cells as GruWeights];
  if (list.length !== 1 && list.length !== 2) throw new Error(`ONNX GRU has 1 or 2 directions, got ${list.length}`);
  list.forEach(validateWeights);
  const { inputSize: I, hiddenSize: H } = list[0];
  if (list.some((w) => w.inputSize !== I || w.hiddenSize !== H)) {
    throw new Error('both directions of a bidirectional GRU need the same input and hidden sizes');
  }
  const D = list.length;
  const W = new Float32Array(D * 3 * H * I);
  const R = new Float32Array(D * 3 * H * H);
  const B = new Float32Array(D * 6 * H);
  list.forEach((w, d) => {
    W.set(permuteRowBlocks(w.weightIh, H, I, PYTORCH_ORDER, ZRN_ORDER), d * 3 * H * I);
    R.set(permuteRowBlocks(w.weightHh, H, H, PYTORCH_ORDER, ZRN_ORDER), d * 3 * H * H);
    B.set(permuteRowBlocks(w.biasIh, H, 1, PYTORCH_ORDER, ZRN_ORDER), d * 6 * H);
    B.set(permuteRowBlocks(w.biasHh, H, 1, PYTORCH_ORDER, ZRN_ORDER), d * 6 * H + 3 * H);
  });
  return {
    numDirections: D,
    inputSize: I,
    hiddenSize: H,
    W,
    R,
    B,
    shapes: { W: [D, 3 * H, I], R: [D, 3 * H, H], B: [D, 6 * H] },
    linearBeforeReset: 1,
  };
}

export interface OnnxGruInput {
  /** [numDirections, 3H, I] row-major. */
  W: ArrayLike<number>;
  /** [numDirections, 3H, H] row-major. */
  R: ArrayLike<number>;
  /** [numDirections, 6H]; absent means zero (as the operator says). */
  B?: ArrayLike<number> | null;
  inputSize: number;
  hiddenSize: number;
  numDirections?: number;
}

/** ONNX GRU inputs → one PyTorch-layout GruWeights per direction (forward first). Exact. */
export function fromOnnx(t: OnnxGruInput): GruWeights[] {
  const { inputSize: I, hiddenSize: H } = t;
  const D = t.numDirections ?? 1;
  assertSize('inputSize', I);
  assertSize('hiddenSize', H);
  if (D !== 1 && D !== 2) throw new Error(`numDirections must be 1 or 2, got ${String(D)}`);
  assertLength('W', t.W, D * 3 * H * I, `[${D}, 3H, I] = [${D}, ${3 * H}, ${I}]`);
  assertLength('R', t.R, D * 3 * H * H, `[${D}, 3H, H] = [${D}, ${3 * H}, ${H}]`);
  if (t.B != null) assertLength('B', t.B, D * 6 * H, `[${D}, 6H] = [${D}, ${6 * H}]`);
  const slice = (a: ArrayLike<number>, start: number, len: number): Float32Array => {
    const out = new Float32Array(len);
    for (let i = 0; i < len; i++) out[i] = a[start + i];
    return out;
  };
  const cells: GruWeights[] = [];
  for (let d = 0; d < D; d++) {
    const B = t.B;
    cells.push({
      inputSize: I,
      hiddenSize: H,
      weightIh: permuteRowBlocks(slice(t.W, d * 3 * H * I, 3 * H * I), H, I, ZRN_ORDER, PYTORCH_ORDER),
      weightHh: permuteRowBlocks(slice(t.R, d * 3 * H * H, 3 * H * H), H, H, ZRN_ORDER, PYTORCH_ORDER),
      biasIh: B == null ? new Float32Array(3 * H) : permuteRowBlocks(slice(B, d * 6 * H, 3 * H), H, 1, ZRN_ORDER, PYTORCH_ORDER),
      biasHh: B == null ? new Float32Array(3 * H) : permuteRowBlocks(slice(B, d * 6 * H + 3 * H, 3 * H), H, 1, ZRN_ORDER, PYTORCH_ORDER),
    });
  }
  return cells;
}
