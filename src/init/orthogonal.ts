// torch.nn.init.orthogonal_: QR of a (rows × cols) standard-normal matrix (transposed when
// rows < cols), Q's columns signed so R has a positive diagonal, times `gain`.
// Modified Gram–Schmidt in float64 gives exactly that Q (R's diagonal is the positive norms).
//
// Links and recipes replay this from a seed, so every vector must see exactly the same float64
// operations in the same order as the plain MGS loop (for each earlier vector p in turn: a dot product
// summed over i in order, then v −= dot·v_p; then the norm and the division). The loops below only
// regroup that work for speed: four vectors are projected together (one load of v_p serves four
// independent dot-product chains, which the plain loop ran one after another), and the subtraction
// of v_p is fused with the next dot product (one pass over the vectors per p instead of two). The
// result is the plain loop's, bit for bit (~3× faster at 1024 × 1024).

/** Row-major rows × cols matrix with orthonormal rows or columns (whichever are fewer), scaled by gain. */
export function orthogonalMatrix(rows: number, cols: number, normal: () => number, gain = 1): Float64Array {
  const tall = rows >= cols;
  const m = tall ? rows : cols; // long side
  const k = tall ? cols : rows; // number of orthonormal vectors
  // Column vectors of the tall matrix, stored one after another (k vectors of length m), sampled in
  // PyTorch's row-major order of the (rows × cols) tensor.
  const v = new Float64Array(m * k);
  if (tall) {
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) v[c * m + r] = normal();
  } else {
    for (let i = 0; i < rows * cols; i++) v[i] = normal();
  }
  let j0 = 0;
  for (; j0 + 4 <= k; j0 += 4) {
    if (j0 > 0) projectFour(v, m, j0);
    for (let j = j0; j < j0 + 4; j++) {
      for (let p = j0; p < j; p++) projectOne(v, m, p, j);
      normalize(v, m, j);
    }
  }
  for (let j = j0; j < k; j++) {
    for (let p = 0; p < j; p++) projectOne(v, m, p, j);
    normalize(v, m, j);
  }
  const out = new Float64Array(rows * cols);
  if (tall) {
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = gain * v[c * m + r];
  } else {
    for (let i = 0; i < rows * cols; i++) out[i] = gain * v[i];
  }
  return out;
}

/** v_j −= (v_p · v_j) v_p. */
function projectOne(v: Float64Array, m: number, p: number, j: number): void {
  const vp = p * m;
  const vj = j * m;
  let dot = 0;
  for (let i = 0; i < m; i++) dot += v[vp + i] * v[vj + i];
  for (let i = 0; i < m; i++) v[vj + i] -= dot * v[vp + i];
}

function normalize(v: Float64Array, m: number, j: number): void {
  const vj = j * m;
  let norm = 0;
  for (let i = 0; i < m; i++) norm += v[vj + i] * v[vj + i];
  norm = Math.sqrt(norm);
  if (norm === 0) throw new Error('orthogonal: the random matrix was rank-deficient; try another seed');
  for (let i = 0; i < m; i++) v[vj + i] /= norm;
}

/** projectOne of vectors j0 … j0 + 3 against vectors 0 … j0 − 1 (j0 ≥ 1), in that order. */
function projectFour(v: Float64Array, m: number, j0: number): void {
  const c0 = j0 * m;
  const c1 = c0 + m;
  const c2 = c1 + m;
  const c3 = c2 + m;
  // Dot products with v_0.
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  for (let i = 0; i < m; i++) {
    const t = v[i];
    d0 += t * v[c0 + i];
    d1 += t * v[c1 + i];
    d2 += t * v[c2 + i];
    d3 += t * v[c3 + i];
  }
  // Subtract v_p, and in the same pass take the dot products with v_{p+1} of the updated values.
  for (let p = 0; p + 1 < j0; p++) {
    const vp = p * m;
    const vq = vp + m;
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    let e3 = 0;
    for (let i = 0; i < m; i++) {
      const t = v[vp + i];
      const u = v[vq + i];
      const a0 = v[c0 + i] - d0 * t;
      const a1 = v[c1 + i] - d1 * t;
      const a2 = v[c2 + i] - d2 * t;
      const a3 = v[c3 + i] - d3 * t;
      v[c0 + i] = a0;
      v[c1 + i] = a1;
      v[c2 + i] = a2;
      v[c3 + i] = a3;
      e0 += u * a0;
      e1 += u * a1;
      e2 += u * a2;
      e3 += u * a3;
    }
    d0 = e0;
    d1 = e1;
    d2 = e2;
    d3 = e3;
  }
  const vp = (j0 - 1) * m;
  for (let i = 0; i < m; i++) {
    const t = v[vp + i];
    v[c0 + i] -= d0 * t;
    v[c1 + i] -= d1 * t;
    v[c2 + i] -= d2 * t;
    v[c3 + i] -= d3 * t;
  }
}
