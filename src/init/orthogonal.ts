// torch.nn.init.orthogonal_: QR of a (rows × cols) standard-normal matrix (transposed when
// rows < cols), Q's columns signed so R has a positive diagonal, times `gain`.
// Modified Gram–Schmidt in float64 gives exactly that Q (R's diagonal is the positive norms).

/** Row-major rows × cols matrix with orthonormal rows or columns (whichever are fewer), scaled by gain. */
export function orthogonalMatrix(rows: number, cols: number, normal: () => number, gain = 1): Float64Array {
  const tall = rows >= cols;
  const m = tall ? rows : cols; // long side
  const k = tall ? cols : rows; // number of orthonormal vectors
  // Column vectors of the tall matrix, stored one after another (k vectors of length m).
  const v = new Float64Array(m * k);
  for (let i = 0; i < rows * cols; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    // Sampled in PyTorch's row-major order of the (rows × cols) tensor.
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
    if (norm === 0) throw new Error('orthogonal: the random matrix was rank-deficient; try another seed');
    for (let i = 0; i < m; i++) v[vj + i] /= norm;
  }
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out[r * cols + c] = gain * (tall ? v[c * m + r] : v[r * m + c]);
    }
  }
  return out;
}
