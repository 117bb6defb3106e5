// The GRU's only heavy step: Y = X Wᵀ + b for a row-major weight W (rows × cols), a batch of
// inputs X (batch × cols) and outputs Y (batch × rows). Sums accumulate in float64.
//
// Why the loops look like this: a textbook dot product is one long chain of dependent adds, so the
// CPU waits on each add. Four independent accumulators (four batch rows per weight row, or four
// lanes of k for a single row) keep several adds in flight, and each weight read from memory is
// reused for up to four batch rows.

/** Signature of a swappable affine kernel (e.g. a WebAssembly one later). */
export type AffineKernel = (
  weight: Float32Array,
  rows: number,
  cols: number,
  bias: Float32Array,
  input: Float32Array,
  batch: number,
  out: Float32Array,
) => void;

export const affineRows: AffineKernel = (weight, rows, cols, bias, input, batch, out) => {
  let b = 0;
  for (; b + 4 <= batch; b += 4) {
    const x0 = b * cols;
    const x1 = x0 + cols;
    const x2 = x1 + cols;
    const x3 = x2 + cols;
    const y0 = b * rows;
    for (let j = 0; j < rows; j++) {
      const w0 = j * cols;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < cols; k++) {
        const w = weight[w0 + k];
        s0 += w * input[x0 + k];
        s1 += w * input[x1 + k];
        s2 += w * input[x2 + k];
        s3 += w * input[x3 + k];
      }
      const bj = bias[j];
      out[y0 + j] = s0 + bj;
      out[y0 + rows + j] = s1 + bj;
      out[y0 + 2 * rows + j] = s2 + bj;
      out[y0 + 3 * rows + j] = s3 + bj;
    }
  }
  const cols4 = cols - (cols % 4);
  for (; b < batch; b++) {
    const x0 = b * cols;
    const y0 = b * rows;
    for (let j = 0; j < rows; j++) {
      const w0 = j * cols;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k < cols4; k += 4) {
        s0 += weight[w0 + k] * input[x0 + k];
        s1 += weight[w0 + k + 1] * input[x0 + k + 1];
        s2 += weight[w0 + k + 2] * input[x0 + k + 2];
        s3 += weight[w0 + k + 3] * input[x0 + k + 3];
      }
      for (; k < cols; k++) s0 += weight[w0 + k] * input[x0 + k];
      out[y0 + j] = s0 + s1 + (s2 + s3) + bias[j];
    }
  }
};
