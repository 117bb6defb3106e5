// The GRU's only heavy step: Y = X Wᵀ + b for a row-major weight W (rows × cols), a batch of
// inputs X (batch × cols) and outputs Y (batch × rows). Sums accumulate in float64.
//
// Why the loops look like this: a textbook dot product is one long chain of dependent adds, and
// each multiply-add costs two typed-array loads (with their bounds checks). Both limit plain JS far
// more than the arithmetic does. So each pass over k works on a small tile of outputs at once:
// every weight value loaded is reused for several batch rows and every input value for several
// weight rows, and the tile's independent accumulators keep several adds in flight.
//   - 4 batch rows at a time: a 2 weight rows × 4 batch rows tile (8 accumulators, 6 loads per
//     8 multiply-adds); measured ~2× faster than 1 × 4 at 768 × 256 × 32.
//   - a lone batch row (batch = 1, or the last batch % 4 rows): a 4 weight rows × 1 tile over pairs
//     of k (6 loads per 8 multiply-adds); measured ~1.7× faster than one row with 4 k-lanes.
// More accumulators than that spill out of the 16 float registers of x64 and get slower.
//
// Every index is a sum of small non-negative integers, but V8 only knows that if it can bound the
// terms: each tile masks rows, cols and the batch row with 0x3fff (a no-op below the KERNEL_LIMIT checked
// on entry) and runs its row loop to a precomputed bound, so the optimiser types every index as an int32
// in [0, 2^29) and drops the overflow check and sign extension on each of the ~10 typed-array loads per
// inner iteration (~20 fewer instructions per 8 multiply-adds). Measured with npm run bench on Node 20:
// ~13% faster at 64×64, 256×256 and 1024×1024, batch 1; ~6% at 256×256×32. The arithmetic, and so every
// result bit, is unchanged (affine.test.ts pins the summation order).

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

/** Largest rows, cols and batch affineRows takes (a GRU's 3 · MAX_SIZE gate rows fit); 2^14 − 1, the tiles' mask. */
export const KERNEL_LIMIT = 0x3fff;

export const affineRows: AffineKernel = (weight, rows, cols, bias, input, batch, out) => {
  if ((rows & KERNEL_LIMIT) !== rows || (cols & KERNEL_LIMIT) !== cols || (batch & KERNEL_LIMIT) !== batch) {
    throw new Error(`affineRows: rows ${rows}, cols ${cols}, batch ${batch}; each must be an integer in 0…${KERNEL_LIMIT}`);
  }
  let b = 0;
  for (; b + 4 <= batch; b += 4) affineTile2x4(weight, rows, cols, bias, input, b, out);
  for (; b < batch; b++) affineTile4x1(weight, rows, cols, bias, input, b, out);
};

/** Batch rows b … b + 3: two weight rows at a time (one at a time for an odd last row). */
function affineTile2x4(
  weight: Float32Array,
  rowsIn: number,
  colsIn: number,
  bias: Float32Array,
  input: Float32Array,
  bIn: number,
  out: Float32Array,
): void {
  const rows = rowsIn & 0x3fff; // see the note at the top: bounded sizes, unchecked index arithmetic
  const cols = colsIn & 0x3fff;
  const b = bIn & 0x3fff;
  const rows2 = rows - (rows % 2);
  const x0 = b * cols;
  const x1 = x0 + cols;
  const x2 = x1 + cols;
  const x3 = x2 + cols;
  const y0 = b * rows;
  const y1 = y0 + rows;
  const y2 = y1 + rows;
  const y3 = y2 + rows;
  let j = 0;
  for (; j < rows2; j += 2) {
    const wa = j * cols;
    const wb = wa + cols;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let k = 0; k < cols; k++) {
      const u = weight[wa + k];
      const v = weight[wb + k];
      const i0 = input[x0 + k];
      const i1 = input[x1 + k];
      const i2 = input[x2 + k];
      const i3 = input[x3 + k];
      a0 += u * i0;
      a1 += u * i1;
      a2 += u * i2;
      a3 += u * i3;
      b0 += v * i0;
      b1 += v * i1;
      b2 += v * i2;
      b3 += v * i3;
    }
    const ba = bias[j];
    const bb = bias[j + 1];
    out[y0 + j] = a0 + ba;
    out[y1 + j] = a1 + ba;
    out[y2 + j] = a2 + ba;
    out[y3 + j] = a3 + ba;
    out[y0 + j + 1] = b0 + bb;
    out[y1 + j + 1] = b1 + bb;
    out[y2 + j + 1] = b2 + bb;
    out[y3 + j + 1] = b3 + bb;
  }
  if (j < rows) {
    const wa = j * cols;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let k = 0; k < cols; k++) {
      const u = weight[wa + k];
      a0 += u * input[x0 + k];
      a1 += u * input[x1 + k];
      a2 += u * input[x2 + k];
      a3 += u * input[x3 + k];
    }
    const ba = bias[j];
    out[y0 + j] = a0 + ba;
    out[y1 + j] = a1 + ba;
    out[y2 + j] = a2 + ba;
    out[y3 + j] = a3 + ba;
  }
}

/** Batch row b alone: four weight rows at a time over pairs of k, then the last rows % 4 singly. */
function affineTile4x1(
  weight: Float32Array,
  rowsIn: number,
  colsIn: number,
  bias: Float32Array,
  input: Float32Array,
  bIn: number,
  out: Float32Array,
): void {
  const rows = rowsIn & 0x3fff; // see the note at the top: bounded sizes, unchecked index arithmetic
  const cols = colsIn & 0x3fff;
  const b = bIn & 0x3fff;
  const x0 = b * cols;
  const y0 = b * rows;
  const cols2 = cols - (cols % 2);
  const rows4 = rows - (rows % 4);
  let j = 0;
  for (; j < rows4; j += 4) {
    const w0 = j * cols;
    const w1 = w0 + cols;
    const w2 = w1 + cols;
    const w3 = w2 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k < cols2; k += 2) {
      const p = input[x0 + k];
      const q = input[x0 + k + 1];
      s0 += weight[w0 + k] * p + weight[w0 + k + 1] * q;
      s1 += weight[w1 + k] * p + weight[w1 + k + 1] * q;
      s2 += weight[w2 + k] * p + weight[w2 + k + 1] * q;
      s3 += weight[w3 + k] * p + weight[w3 + k + 1] * q;
    }
    if (k < cols) {
      const p = input[x0 + k];
      s0 += weight[w0 + k] * p;
      s1 += weight[w1 + k] * p;
      s2 += weight[w2 + k] * p;
      s3 += weight[w3 + k] * p;
    }
    out[y0 + j] = s0 + bias[j];
    out[y0 + j + 1] = s1 + bias[j + 1];
    out[y0 + j + 2] = s2 + bias[j + 2];
    out[y0 + j + 3] = s3 + bias[j + 3];
  }
  for (; j < rows; j++) {
    const w0 = j * cols;
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    for (; k < cols2; k += 2) {
      s0 += weight[w0 + k] * input[x0 + k];
      s1 += weight[w0 + k + 1] * input[x0 + k + 1];
    }
    if (k < cols) s0 += weight[w0 + k] * input[x0 + k];
    out[y0 + j] = s0 + s1 + bias[j];
  }
}
