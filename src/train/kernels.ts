// The three matrix products training needs, in one swappable object (a WebAssembly kernel set can
// replace the default one without touching the backward pass):
//   affine        Y = X Wᵀ + b               forward of a linear map (the GRU's own kernel)
//   productGW     Y = G W                    gradient flowing back to a linear map's input
//   accumulateOuter  dW += Gᵀ X              gradient of a linear map's weight
// All row-major Float32Array. The plain-JS set (float64 sums) reuses the tiled affine kernel for all
// three: a transposed copy turns G W and Gᵀ X into X Wᵀ-shaped products with contiguous inner loops.
// createTrainKernels() runs them on the WebAssembly SIMD kernels (src/kernels, float32 sums) once
// initKernels() has loaded those, the plain-JS set otherwise and for the smallest products.
import { affineRows, type AffineKernel } from '../gru/affine';
import { affine, noteWeightsChanged, tryWasm, wasmFor } from '../kernels';

export interface TrainKernels {
  /** out (batch × rows) = input (batch × cols) · weightᵀ + bias; weight is rows × cols. */
  affine: AffineKernel;
  /** out (n × cols) = g (n × rows) · weight (rows × cols). */
  productGW(g: Float32Array, n: number, rows: number, weight: Float32Array, cols: number, out: Float32Array): void;
  /** dW (rows × cols) += gᵀ (rows × n) · x (n × cols): the sum over n of outer products g[i]ᵀ x[i]. */
  accumulateOuter(dW: Float32Array, g: Float32Array, x: Float32Array, n: number, rows: number, cols: number): void;
  /** Reports weights updated in place (an optimizer step, a restore): kernels keeping laid-out copies refresh them. */
  weightsChanged(tensors: readonly Float32Array[]): void;
}

// affineRows takes at most KERNEL_LIMIT rows, columns and batch rows: longer n is done in chunks.
const CHUNK = 8192;

/** Row-major (rows × cols) → (cols × rows). */
export function transposeInto(a: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let i = 0; i < rows; i++) {
    const a0 = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[a0 + j];
  }
}

/** The fastest kernel set loaded (see the top); owns its scratch buffers (one set per worker or trainer). */
export function createTrainKernels(): TrainKernels {
  const js = createJsTrainKernels();
  return {
    affine,
    productGW(g, n, rows, weight, cols, out) {
      const simd = wasmFor(rows * cols * n);
      if (!simd || !tryWasm(() => simd.productGW(g, n, rows, weight, cols, out))) js.productGW(g, n, rows, weight, cols, out);
    },
    accumulateOuter(dW, g, x, n, rows, cols) {
      const simd = wasmFor(rows * cols * n);
      if (!simd || !tryWasm(() => simd.accumulateOuter(dW, g, x, n, rows, cols))) js.accumulateOuter(dW, g, x, n, rows, cols);
    },
    weightsChanged(tensors) {
      for (const t of tensors) noteWeightsChanged(t);
    },
  };
}

/** The plain-JS kernel set; owns its scratch buffers. */
export function createJsTrainKernels(): TrainKernels {
  let scratchA: Float32Array = new Float32Array(0);
  let scratchB: Float32Array = new Float32Array(0);
  let scratchC: Float32Array = new Float32Array(0);
  let zeros: Float32Array = new Float32Array(0);
  const grow = (buf: Float32Array, size: number): Float32Array => (buf.length >= size ? buf : new Float32Array(size));
  const zeroBias = (size: number): Float32Array => {
    if (zeros.length < size) zeros = new Float32Array(size);
    return zeros;
  };

  return {
    affine: affineRows,
    productGW(g, n, rows, weight, cols, out) {
      // G W = G (Wᵀ)ᵀ: the affine kernel with the transposed weight (cols × rows) and no bias.
      scratchA = grow(scratchA, rows * cols);
      transposeInto(weight, rows, cols, scratchA);
      const bias = zeroBias(cols);
      for (let i = 0; i < n; i += CHUNK) {
        const m = Math.min(CHUNK, n - i);
        affineRows(scratchA, cols, rows, bias, g.subarray(i * rows, (i + m) * rows), m, out.subarray(i * cols, (i + m) * cols));
      }
    },
    accumulateOuter(dW, g, x, n, rows, cols) {
      // Gᵀ X: with gᵀ (rows × n) as the batch and xᵀ (cols × n) as the weight, every inner loop runs
      // over n contiguously (n is T·batch when a whole sequence is accumulated at once).
      const bias = zeroBias(cols);
      for (let i = 0; i < n; i += CHUNK) {
        const m = Math.min(CHUNK, n - i);
        scratchA = grow(scratchA, rows * m);
        scratchB = grow(scratchB, cols * m);
        scratchC = grow(scratchC, rows * cols);
        transposeInto(g.subarray(i * rows, (i + m) * rows), m, rows, scratchA);
        transposeInto(x.subarray(i * cols, (i + m) * cols), m, cols, scratchB);
        affineRows(scratchB, cols, m, bias, scratchA, rows, scratchC);
        for (let k = 0; k < rows * cols; k++) dW[k] += scratchC[k];
      }
    },
    weightsChanged() {}, // keeps no copies
  };
}
