// The automatic colour range: the largest |w| that is not an outlier, so one ±20 probe or the old
// cells kept by a resize do not wash every other cell out to the same pale grey. Of the non-zero |w|
// (zeros carry no scale: a sparse probe keeps its own range) a value is an outlier above the lower of
//  - Tukey's far-out fence Q3 + 3·IQR (Exploratory Data Analysis, 1977): a few big cells among many
//    small ones (a ±20 band at H = 4 is 4 cells of 108);
//  - 1.25 × the 99.9th percentile: a sliver of cells at another scale (the 108 kept cells of a 4 → 256
//    resize among 200 k new ones, which a fence on so few cannot see).
// Plain initialisations have none (uniform: the fence is 2.25 × max and the percentile is ~max), so
// their range stays max |w|. Clipped values are counted, so the legend and the cells can say so.

/** At most this many values are sorted for the quartiles (a strided sample of larger tensors). */
export const QUARTILE_SAMPLE = 16_384;
const FAR_OUT = 3;
const TOP = 0.999;
const TOP_MARGIN = 1.25;

export interface RobustRange {
  /** ±range of the colour scale. */
  range: number;
  /** |w| above this are outliers, drawn at the ends of the scale and marked. */
  fence: number;
  /** How many values lie beyond ±range (±∞ included; NaN is not a value). */
  clipped: number;
  /** The largest finite |w|, what a max |w| range would be. */
  maxAbs: number;
}

function quantile(sorted: Float64Array, p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Two passes over the values: max |w| with a strided sample for the quantiles, then the range and the count. */
export function robustRange(arrays: readonly ArrayLike<number>[], floor = 1e-6): RobustRange {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  // Every k-th value (all of them up to QUARTILE_SAMPLE); zeros and ±∞ are left out of the sample.
  const stride = Math.max(1, Math.ceil(total / QUARTILE_SAMPLE));
  const sample = new Float64Array(Math.min(total, QUARTILE_SAMPLE));
  let n = 0;
  let maxAbs = floor;
  let infinite = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = Math.abs(a[i]);
      if (v > maxAbs) {
        if (v === Infinity) infinite++;
        else maxAbs = v;
      }
    }
  }
  let k = 0; // index over all arrays of the next sampled value
  let offset = 0;
  for (const a of arrays) {
    for (; k - offset < a.length; k += stride) {
      const v = Math.abs(a[k - offset]);
      if (v > 0 && v !== Infinity && n < sample.length) sample[n++] = v;
    }
    offset += a.length;
  }
  if (n === 0) return { range: maxAbs, fence: Infinity, clipped: countBeyond(arrays, maxAbs), maxAbs };
  const sorted = sample.subarray(0, n).sort();
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const top = sorted[Math.max(0, Math.ceil(TOP * n) - 1)];
  const fence = Math.max(Math.min(q3 + FAR_OUT * (q3 - q1), TOP_MARGIN * top), floor);
  if (maxAbs <= fence) return { range: maxAbs, fence, clipped: infinite, maxAbs }; // no outliers: one pass was enough
  // The largest |w| within the fence is the range, so exactly the values beyond the fence are clipped.
  let range = floor;
  let clipped = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = Math.abs(a[i]);
      if (v > fence) clipped++;
      else if (v > range) range = v;
    }
  }
  return { range, fence, clipped, maxAbs };
}

export function countBeyond(arrays: readonly ArrayLike<number>[], range: number): number {
  let count = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) > range) count++;
  return count;
}
