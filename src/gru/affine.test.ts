import { describe, expect, it } from 'vitest';
import { seededRng } from '../init/random';
import { KERNEL_LIMIT, affineRows } from './affine';

// The kernel's float64 summation order, written plainly. Results are rounded to float32 once, so a
// different order would rarely show — except on inputs built to cancel, as below.
//   batch rows in groups of 4: one running sum per output over k;
//   other batch rows, weight rows in groups of 4: a running sum of pairs (k, k + 1), then a last odd k;
//   other batch rows, the last rows % 4 weight rows: even and odd k summed apart, then added.
function reference(w: Float32Array, rows: number, cols: number, bias: Float32Array, x: Float32Array, batch: number): Float32Array {
  const out = new Float32Array(rows * batch);
  const tiled = batch - (batch % 4);
  const grouped = rows - (rows % 4);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < rows; j++) {
      const wj = j * cols;
      const xb = b * cols;
      let v: number;
      if (b < tiled) {
        let a = 0;
        for (let k = 0; k < cols; k++) a += w[wj + k] * x[xb + k];
        v = a + bias[j];
      } else if (j < grouped) {
        let s = 0;
        let k = 0;
        for (; k + 1 < cols; k += 2) s += w[wj + k] * x[xb + k] + w[wj + k + 1] * x[xb + k + 1];
        if (k < cols) s += w[wj + k] * x[xb + k];
        v = s + bias[j];
      } else {
        let s0 = 0;
        let s1 = 0;
        let k = 0;
        for (; k + 1 < cols; k += 2) {
          s0 += w[wj + k] * x[xb + k];
          s1 += w[wj + k + 1] * x[xb + k + 1];
        }
        if (k < cols) s0 += w[wj + k] * x[xb + k];
        v = s0 + s1 + bias[j];
      }
      out[b * rows + j] = v;
    }
  }
  return out;
}

/**
 * Inputs where the order of the adds shows after rounding to float32: weights ±1 or ±0.5 and inputs that
 * are often ±2^60, so huge products cancel exactly and whatever small terms they swallowed on the way
 * decide the result (e.g. (2^60 + 1) − 2^60 is 0 in float64, 2^60 − 2^60 + 1 is 1).
 */
function weightsOf(n: number, seed: number): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => (rng() < 0.5 ? -1 : 1) * (rng() < 0.7 ? 1 : 0.5));
}
function inputsOf(n: number, seed: number): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => (rng() < 0.5 ? (rng() < 0.5 ? -1 : 1) * 2 ** 60 : rng() * 2 - 1));
}

const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('affineRows', () => {
  it('sums in its documented order, bit for bit, for every tile and remainder', () => {
    let seed = 1;
    for (const rows of [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13]) {
      for (const cols of [1, 2, 3, 4, 5, 8, 9]) {
        for (const batch of [1, 2, 3, 4, 5, 8, 9]) {
          const w = weightsOf(rows * cols, seed++);
          const bias = inputsOf(rows, seed++).map((v) => v / 2 ** 60);
          const x = inputsOf(batch * cols, seed++);
          const out = new Float32Array(rows * batch);
          affineRows(w, rows, cols, bias, x, batch, out);
          expect(bits(out)).toEqual(bits(reference(w, rows, cols, bias, x, batch)));
        }
      }
    }
  });

  it('refuses sizes beyond its limit (its index arithmetic is masked to it)', () => {
    const one = new Float32Array(1);
    expect(KERNEL_LIMIT).toBeGreaterThanOrEqual(3 * 4096);
    expect(() => affineRows(one, KERNEL_LIMIT + 1, 1, one, one, 1, one)).toThrow(/integer in 0…16383/);
    expect(() => affineRows(one, 1, 1.5, one, one, 1, one)).toThrow(/cols 1.5/);
    expect(() => affineRows(one, 1, 1, one, one, -1, one)).toThrow(/batch -1/);
  });
});
