import { describe, expect, it } from 'vitest';
import { orthogonalMatrix } from './orthogonal';
import { normalSampler, seededRng } from './random';

// The plain modified Gram–Schmidt loop that orthogonalMatrix regroups. Links replay orthogonal init
// from a seed, so the regrouped loops must give this loop's float64 bits, not merely an orthogonal matrix.
function plainMgs(rows: number, cols: number, normal: () => number, gain: number): Float64Array {
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const k = tall ? cols : rows;
  const v = new Float64Array(m * k);
  for (let i = 0; i < rows * cols; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    const value = normal();
    if (tall) v[c * m + r] = value;
    else v[r * m + c] = value;
  }
  for (let j = 0; j < k; j++) {
    const vj = j * m;
    for (let p = 0; p < j; p++) {
      const vp = p * m;
      let dot = 0;
      for (let i = 0; i < m; i++) dot += v[vp + i] * v[vj + i];
      for (let i = 0; i < m; i++) v[vj + i] -= dot * v[vp + i];
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[vj + i] * v[vj + i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) v[vj + i] /= norm;
  }
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = gain * (tall ? v[c * m + r] : v[r * m + c]);
  }
  return out;
}

const bits = (a: Float64Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length * 2);

describe('orthogonalMatrix', () => {
  // Vector counts below, at and past multiples of 4 (the vectors are projected four at a time), tall and wide.
  const shapes: [number, number][] = [
    [1, 1],
    [3, 2],
    [2, 3],
    [4, 4],
    [9, 5],
    [5, 9],
    [8, 8],
    [13, 13],
    [40, 7],
    [7, 40],
    [64, 48],
    [96, 96],
  ];
  for (const [rows, cols] of shapes) {
    it(`is the plain MGS loop bit for bit, ${rows} × ${cols}`, () => {
      const seed = rows * 100 + cols;
      const q = orthogonalMatrix(rows, cols, normalSampler(seededRng(seed), 0, 1), 1.5);
      const ref = plainMgs(rows, cols, normalSampler(seededRng(seed), 0, 1), 1.5);
      expect(Array.from(bits(q))).toEqual(Array.from(bits(ref)));
    });
  }

  it('gives orthonormal columns of a tall 300 × 150 matrix', () => {
    const q = orthogonalMatrix(300, 150, normalSampler(seededRng(9), 0, 1));
    let worst = 0;
    for (let a = 0; a < 150; a++) {
      for (let b = a; b < 150; b++) {
        let dot = 0;
        for (let i = 0; i < 300; i++) dot += q[i * 150 + a] * q[i * 150 + b];
        worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-10);
  });
});
