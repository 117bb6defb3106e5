// The parts of one GRU step that the equations show: each gate's pre-activation and its four terms
// (torch/nn/modules/rnn.py, nn.GRU docstring; reset-after form, b_hn inside the r-gated bracket):
//   a_r = W_ir x + b_ir + W_hr h + b_hr,  a_z = W_iz x + b_iz + W_hz h + b_hz,  a_n = W_in x + b_in + r ⊙ (W_hn h + b_hn)
import type { GruCellOutputs } from './cell';
import type { GruWeights } from './weights';

export interface GatePreActivations {
  /** batch × H each: r = σ(r), z = σ(z), n = tanh(n) give the gates. */
  r: Float32Array;
  z: Float32Array;
  n: Float32Array;
}

/** a_r = gi_r + gh_r, a_z = gi_z + gh_z, a_n = gi_n + r ⊙ gh_n, from one step's gi, gh and r. */
export function gatePreActivations(
  outputs: Pick<GruCellOutputs, 'gi' | 'gh' | 'r'>,
  batch: number,
  hiddenSize: number,
): GatePreActivations {
  const H = hiddenSize;
  const { gi, gh, r } = outputs;
  const out = { r: new Float32Array(batch * H), z: new Float32Array(batch * H), n: new Float32Array(batch * H) };
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      const g = b * 3 * H + j;
      const u = b * H + j;
      out.r[u] = gi[g] + gh[g];
      out.z[u] = gi[g + H] + gh[g + H];
      out.n[u] = gi[g + 2 * H] + r[u] * gh[g + 2 * H];
    }
  }
  return out;
}

/** One gate's four terms for unit j: W_i·x, b_i, W_h·h, b_h (W·x = gi − b_i, W·h = gh − b_h). */
export interface GateTerms {
  wx: number;
  bi: number;
  wh: number;
  bh: number;
}

/** The r, z and n terms of unit `unit` in batch row `batchRow`. */
export function gateTerms(
  weights: Pick<GruWeights, 'hiddenSize' | 'biasIh' | 'biasHh'>,
  outputs: Pick<GruCellOutputs, 'gi' | 'gh'>,
  unit: number,
  batchRow: number,
): [GateTerms, GateTerms, GateTerms] {
  const H = weights.hiddenSize;
  const g = batchRow * 3 * H;
  const term = (k: number): GateTerms => {
    const row = k * H + unit;
    const bi = weights.biasIh[row];
    const bh = weights.biasHh[row];
    return { wx: outputs.gi[g + row] - bi, bi, wh: outputs.gh[g + row] - bh, bh };
  };
  return [term(0), term(1), term(2)];
}
