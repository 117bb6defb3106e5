// PyTorch ⇄ Flax linen GRUCell params (flax/linen/recurrent.py; docs/gru-conventions.md):
//   r = σ(ir(x) + hr(h)),  z = σ(iz(x) + hz(h)),  n = tanh(in(x) + r ⊙ hn(h)),  h' = (1 − z) ⊙ n + z ⊙ h
//   six Dense blocks with kernels (in_features, out_features) — the transpose of PyTorch's rows:
//   ir, iz, in: kernel (I, H) + bias (H);  hr, hz: kernel (H, H), no bias;  hn: kernel (H, H) + bias (H).
// Four bias vectors instead of PyTorch's six: b_ir + b_hr → ir.bias and b_iz + b_hz → iz.bias (the same function,
// up to the float32 rounding of the sum); b_in → in.bias and b_hn → hn.bias exactly (b_hn stays inside r ⊙ (…)).
import { assertLength, assertSize, validateWeights, type GruWeights } from '../gru/weights';
import { inferHiddenSize, inferInputSize, transposeMatrix } from './blocks';

export interface FlaxGruParams {
  ir: { kernel: Float32Array; bias: Float32Array };
  iz: { kernel: Float32Array; bias: Float32Array };
  in: { kernel: Float32Array; bias: Float32Array };
  hr: { kernel: Float32Array };
  hz: { kernel: Float32Array };
  hn: { kernel: Float32Array; bias: Float32Array };
}

export const FLAX_BLOCKS = ['ir', 'iz', 'in', 'hr', 'hz', 'hn'] as const;
export type FlaxBlock = (typeof FLAX_BLOCKS)[number];

export interface ToFlaxResult {
  inputSize: number;
  hiddenSize: number;
  params: FlaxGruParams;
  shapes: Record<FlaxBlock, { kernel: [number, number]; bias?: [number] }>;
  /** The largest |rounding error| from folding b_ir + b_hr and b_iz + b_hz into one float32 each. */
  foldRounding: number;
}

function rowsBlock(w: Float32Array, H: number, cols: number, k: number): Float32Array {
  // PyTorch block k (rows [kH, (k+1)H)) → Flax kernel (cols, H).
  return transposeMatrix(w.subarray(k * H * cols, (k + 1) * H * cols), H, cols);
}

/** PyTorch → Flax GRUCell params. Same function; r/z biases are folded (float32 sums). */
export function toFlax(w: GruWeights): ToFlaxResult {
  validateWeights(w);
  const { inputSize: I, hiddenSize: H } = w;
  const fold = (k: number): { bias: Float32Array; rounding: number } => {
    const bias = new Float32Array(H);
    let rounding = 0;
    for (let j = 0; j < H; j++) {
      const exact = w.biasIh[k * H + j] + w.biasHh[k * H + j]; // float64: exact unless exponents differ widely
      bias[j] = exact;
      rounding = Math.max(rounding, Math.abs(bias[j] - exact));
    }
    return { bias, rounding };
  };
  const r = fold(0);
  const z = fold(1);
  const params: FlaxGruParams = {
    ir: { kernel: rowsBlock(w.weightIh, H, I, 0), bias: r.bias },
    iz: { kernel: rowsBlock(w.weightIh, H, I, 1), bias: z.bias },
    in: { kernel: rowsBlock(w.weightIh, H, I, 2), bias: w.biasIh.slice(2 * H, 3 * H) },
    hr: { kernel: rowsBlock(w.weightHh, H, H, 0) },
    hz: { kernel: rowsBlock(w.weightHh, H, H, 1) },
    hn: { kernel: rowsBlock(w.weightHh, H, H, 2), bias: w.biasHh.slice(2 * H, 3 * H) },
  };
  return {
    inputSize: I,
    hiddenSize: H,
    params,
    shapes: {
      ir: { kernel: [I, H], bias: [H] },
      iz: { kernel: [I, H], bias: [H] },
      in: { kernel: [I, H], bias: [H] },
      hr: { kernel: [H, H] },
      hz: { kernel: [H, H] },
      hn: { kernel: [H, H], bias: [H] },
    },
    foldRounding: Math.max(r.rounding, z.rounding),
  };
}

export interface FlaxGruInput {
  ir: { kernel: ArrayLike<number>; bias?: ArrayLike<number> | null };
  iz: { kernel: ArrayLike<number>; bias?: ArrayLike<number> | null };
  in: { kernel: ArrayLike<number>; bias?: ArrayLike<number> | null };
  hr: { kernel: ArrayLike<number> };
  hz: { kernel: ArrayLike<number> };
  hn: { kernel: ArrayLike<number>; bias?: ArrayLike<number> | null };
}

/**
 * Flax GRUCell params → PyTorch layout: ir/iz/in biases go to bias_ih, hn.bias to bias_hh[2H:3H], and
 * bias_hh[0:2H] (b_hr, b_hz, which Flax does not have) is zero. Exact; toFlax(fromFlax(p)) returns p.
 */
export function fromFlax(p: FlaxGruInput, sizes: { inputSize?: number; hiddenSize?: number } = {}): GruWeights {
  for (const name of FLAX_BLOCKS) {
    if (!p || !p[name] || !p[name].kernel) throw new Error(`Flax GRUCell params need ${name}.kernel`);
  }
  const H = sizes.hiddenSize ?? inferHiddenSize('hr.kernel', p.hr.kernel, 1);
  assertSize('hiddenSize', H);
  const I = sizes.inputSize ?? inferInputSize('ir.kernel', p.ir.kernel, H);
  assertSize('inputSize', I);
  const weightIh = new Float32Array(3 * H * I);
  const weightHh = new Float32Array(3 * H * H);
  const biasIh = new Float32Array(3 * H);
  const biasHh = new Float32Array(3 * H);
  (['ir', 'iz', 'in'] as const).forEach((name, k) => {
    assertLength(`${name}.kernel`, p[name].kernel, I * H, `(I, H) = (${I}, ${H})`);
    weightIh.set(transposeMatrix(p[name].kernel, I, H), k * H * I);
    const b = p[name].bias;
    if (b != null) {
      assertLength(`${name}.bias`, b, H, `(H) = (${H})`);
      for (let j = 0; j < H; j++) biasIh[k * H + j] = b[j];
    }
  });
  (['hr', 'hz', 'hn'] as const).forEach((name, k) => {
    assertLength(`${name}.kernel`, p[name].kernel, H * H, `(H, H) = (${H}, ${H})`);
    weightHh.set(transposeMatrix(p[name].kernel, H, H), k * H * H);
  });
  const bhn = p.hn.bias;
  if (bhn != null) {
    assertLength('hn.bias', bhn, H, `(H) = (${H})`);
    for (let j = 0; j < H; j++) biasHh[2 * H + j] = bhn[j];
  }
  return { inputSize: I, hiddenSize: H, weightIh, weightHh, biasIh, biasHh };
}
