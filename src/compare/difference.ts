// Two GRU cells' weights against each other, tensor by tensor and gate band by gate band: Δ = B − A per cell
// and per band the largest |Δ|, the RMS of Δ and how many cells are equal, differ by less than 1e-6, differ
// more, or are not finite on either side. Bands are PyTorch's r | z | n row blocks (src/gru/gates.ts).
import { GATES, type Gate } from '../gru/gates';
import { getTensor, TENSORS, type GruWeights, type TensorName } from '../gru/weights';
import { tensorCols } from '../gru/edit';

/** Below this |Δ| two cells "differ below 1e-6": float32 rounding of the same value, not an edit. */
export const TINY_DIFFERENCE = 1e-6;
/** How many changed cells per tensor are listed by index (enough to mark a few edits at any size). */
export const LISTED_CHANGES = 256;

export interface BandDifference {
  tensor: TensorName;
  gate: Gate;
  /** Largest finite |B − A| in the band (0 when every cell is equal). */
  maxAbs: number;
  /** √(mean of Δ²) over the band's finite differences. */
  rms: number;
  /** Cells bit-for-bit equal (NaN against NaN counts as equal, as in maxAbsDiff). */
  equal: number;
  /** Cells that differ by less than TINY_DIFFERENCE. */
  tiny: number;
  /** Cells that differ by TINY_DIFFERENCE or more. */
  differ: number;
  /** Cells where A or B is NaN or ±Infinity and the two are not equal. */
  nonFinite: number;
}

export interface WeightDifference {
  /** B − A per tensor, same layout; NaN where either side is not finite and they differ. */
  delta: Record<TensorName, Float32Array>;
  bands: BandDifference[];
  /** The flat indices of the first LISTED_CHANGES cells per tensor that differ at all. */
  firstChanged: Record<TensorName, number[]>;
  /** The largest finite |Δ| over all four tensors. */
  maxAbs: number;
  /** Cells that differ at all (tiny + differ + nonFinite). */
  changed: number;
}

export function sameShape(a: GruWeights, b: GruWeights): boolean {
  return a.inputSize === b.inputSize && a.hiddenSize === b.hiddenSize;
}

/** The difference B − A; the two must have the same I and H (see `commonPart` for cells of other sizes). */
export function weightDifference(a: GruWeights, b: GruWeights): WeightDifference {
  if (!sameShape(a, b)) {
    throw new Error(
      `A is I = ${a.inputSize}, H = ${a.hiddenSize} and B is I = ${b.inputSize}, H = ${b.hiddenSize}: only the common part can be compared`,
    );
  }
  const H = a.hiddenSize;
  const delta = {} as Record<TensorName, Float32Array>;
  const firstChanged = {} as Record<TensorName, number[]>;
  const bands: BandDifference[] = [];
  let maxAbs = 0;
  let changed = 0;
  for (const tensor of TENSORS) {
    const va = getTensor(a, tensor);
    const vb = getTensor(b, tensor);
    const d = new Float32Array(va.length);
    const listed: number[] = [];
    const cols = tensorCols(a, tensor);
    GATES.forEach((gate, k) => {
      const band: BandDifference = { tensor, gate, maxAbs: 0, rms: 0, equal: 0, tiny: 0, differ: 0, nonFinite: 0 };
      let sumSq = 0;
      let finite = 0;
      for (let i = k * H * cols; i < (k + 1) * H * cols; i++) {
        const x = va[i];
        const y = vb[i];
        if (Object.is(x, y) || x === y || (Number.isNaN(x) && Number.isNaN(y))) {
          band.equal++;
          d[i] = 0;
          finite++;
          continue;
        }
        if (listed.length < LISTED_CHANGES) listed.push(i);
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          band.nonFinite++;
          d[i] = Number.NaN;
          continue;
        }
        const diff = y - x;
        d[i] = diff;
        const abs = Math.abs(diff);
        if (abs < TINY_DIFFERENCE) band.tiny++;
        else band.differ++;
        if (abs > band.maxAbs) band.maxAbs = abs;
        sumSq += diff * diff;
        finite++;
      }
      band.rms = finite > 0 ? Math.sqrt(sumSq / finite) : 0;
      maxAbs = Math.max(maxAbs, band.maxAbs);
      changed += band.tiny + band.differ + band.nonFinite;
      bands.push(band);
    });
    delta[tensor] = d;
    firstChanged[tensor] = listed;
  }
  return { delta, bands, firstChanged, maxAbs, changed };
}

/**
 * The part two cells of different sizes share: in every gate band the first min(H) units, and the first
 * min(I) input columns and min(H) hidden columns. Returns both cut to that common size.
 */
export function commonPart(a: GruWeights, b: GruWeights): [GruWeights, GruWeights] {
  const I = Math.min(a.inputSize, b.inputSize);
  const H = Math.min(a.hiddenSize, b.hiddenSize);
  const cut = (w: GruWeights): GruWeights => {
    const rows = (values: Float32Array, cols: number, keep: number) => {
      const out = new Float32Array(3 * H * keep);
      for (let k = 0; k < 3; k++) {
        for (let u = 0; u < H; u++) {
          const src = (k * w.hiddenSize + u) * cols;
          out.set(values.subarray(src, src + keep), (k * H + u) * keep);
        }
      }
      return out;
    };
    return {
      inputSize: I,
      hiddenSize: H,
      weightIh: rows(w.weightIh, w.inputSize, I),
      weightHh: rows(w.weightHh, w.hiddenSize, H),
      biasIh: rows(w.biasIh, 1, 1),
      biasHh: rows(w.biasHh, 1, 1),
    };
  };
  return [cut(a), cut(b)];
}
