// Plain-JS versions of the two products a backward pass needs beside the forward's X Wᵀ (the fallback
// when WebAssembly SIMD is not there). Row-major Float32Arrays; sums in float64, rounded once.

let rowSums = new Float64Array(0);

/** out (n × cols) = g (n × rows) · W (rows × cols) [+ bias (cols), added to the float64 sum before it is rounded]. */
export function productGWRows(
  g: Float32Array,
  n: number,
  rows: number,
  weight: Float32Array,
  cols: number,
  out: Float32Array,
  bias?: Float32Array,
): void {
  if (rowSums.length < cols) rowSums = new Float64Array(cols);
  const acc = rowSums;
  for (let b = 0; b < n; b++) {
    acc.fill(0, 0, cols);
    const g0 = b * rows;
    for (let j = 0; j < rows; j++) {
      const gj = g[g0 + j];
      const w0 = j * cols;
      for (let k = 0; k < cols; k++) acc[k] += gj * weight[w0 + k];
    }
    const o0 = b * cols;
    if (bias) for (let k = 0; k < cols; k++) out[o0 + k] = acc[k] + bias[k];
    else for (let k = 0; k < cols; k++) out[o0 + k] = acc[k];
  }
}

/** dW (rows × cols) += gᵀ (rows × n) · x (n × cols): the sum over b of the outer products g[b]ᵀ x[b]. */
export function accumulateOuterRows(dW: Float32Array, g: Float32Array, x: Float32Array, n: number, rows: number, cols: number): void {
  if (rowSums.length < cols) rowSums = new Float64Array(cols);
  const acc = rowSums;
  for (let j = 0; j < rows; j++) {
    acc.fill(0, 0, cols);
    for (let b = 0; b < n; b++) {
      const gj = g[b * rows + j];
      const x0 = b * cols;
      for (let k = 0; k < cols; k++) acc[k] += gj * x[x0 + k];
    }
    const d0 = j * cols;
    for (let k = 0; k < cols; k++) dW[d0 + k] += acc[k];
  }
}
