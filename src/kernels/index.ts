// Which kernel runs the GRU's matrix products: the WebAssembly SIMD one (simd.as.ts) once
// initKernels() has loaded it, the plain-JS one before that, without SIMD, and for products so small
// that the call into WebAssembly and the copies cost more than they save.
import { affineRows, KERNEL_LIMIT, type AffineKernel } from '../gru/affine';
import { productGWRows } from './jsProducts';
import { createSimdKernels, type SimdExports, type SimdKernels } from './simd';

export type KernelKind = 'wasm' | 'js';
/** 'fastest': wasm for products of WASM_MIN_PRODUCT multiply-adds or more, JS below; or one kernel for every size. */
export type KernelChoice = 'fastest' | KernelKind;

/**
 * Products with fewer multiply-adds than this stay in JS: below it the fixed cost of a wasm call (copy
 * in, copy out, finding the laid-out weights; ~0.3 µs) is more than the SIMD saves. Measured with
 * `npm run bench`: a 3 × 4 cell (≤ 48 per product) is ~2× faster in JS, 16 × 16 already faster in wasm.
 */
export const WASM_MIN_PRODUCT = 512;

let simd: SimdKernels | null = null;
let choice: KernelChoice = 'fastest';
let loading: Promise<KernelKind> | null = null;

/** Where the kernels' bytes come from; by default the simd.wasm built next to this file. */
export type KernelSource = BufferSource | URL | string;

/**
 * Loads the WebAssembly SIMD kernels; resolves to 'wasm' when the GRU products use them from now on,
 * 'js' when this engine cannot run them (no WebAssembly or no SIMD) or they could not be fetched. Never
 * rejects. Calling it again returns the same promise.
 */
export function initKernels(source?: KernelSource): Promise<KernelKind> {
  loading ??= load(source).then(
    (kernels) => {
      simd = kernels;
      return kernels ? 'wasm' : 'js';
    },
    () => 'js' as const,
  );
  return loading;
}

async function readBytes(source: KernelSource | undefined): Promise<BufferSource> {
  if (source !== undefined && typeof source !== 'string' && !(source instanceof URL)) return source;
  // Vite turns this into the URL of the emitted asset; in Node (tests, benchmarks) it is a file URL.
  const url = source === undefined ? new URL('./simd.wasm', import.meta.url) : new URL(source, import.meta.url);
  if (url.protocol === 'file:') {
    // Node only; the specifier is a variable so bundlers for the browser leave it alone.
    const fsModule = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsModule)) as { readFile(u: URL): Promise<Uint8Array<ArrayBuffer>> };
    return fs.readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`kernels: ${url.href} answered ${response.status}`);
  return response.arrayBuffer();
}

async function load(source: KernelSource | undefined): Promise<SimdKernels | null> {
  if (typeof WebAssembly !== 'object') return null;
  const bytes = await readBytes(source);
  // validate() is false on an engine without SIMD: the plain-JS kernels stay.
  if (!WebAssembly.validate(bytes)) return null;
  const { instance } = await WebAssembly.instantiate(bytes);
  return createSimdKernels(instance.exports as unknown as SimdExports);
}

/** The kernel the larger products use now. */
export function kernelsInUse(): KernelKind {
  return simd && choice !== 'js' ? 'wasm' : 'js';
}

/** Chooses the kernels (tests and comparisons side by side); 'wasm' needs initKernels() to have resolved to 'wasm'. */
export function useKernels(next: KernelChoice): void {
  if (next === 'wasm' && !simd) throw new Error('the WebAssembly kernels are not loaded: await initKernels() first');
  choice = next;
}

/** The WebAssembly kernels when a product of `macs` multiply-adds should use them (null: the plain-JS kernel). */
export function wasmFor(macs: number): SimdKernels | null {
  if (!simd || choice === 'js') return null;
  return choice === 'wasm' || macs >= WASM_MIN_PRODUCT ? simd : null;
}

/** The loaded WebAssembly kernels themselves (null before initKernels or without SIMD), for tests and benchmarks. */
export function simdKernels(): SimdKernels | null {
  return simd;
}

function checkSizes(name: string, a: number, b: number, c: number): void {
  if ((a & KERNEL_LIMIT) !== a || (b & KERNEL_LIMIT) !== b || (c & KERNEL_LIMIT) !== c) {
    throw new Error(`${name}: sizes ${a}, ${b}, ${c}; each must be an integer in 0…${KERNEL_LIMIT}`);
  }
}

// A RangeError from the kernels means their memory could not grow: that product runs in JS instead.
function wasmOr<T>(run: () => T, fallback: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError) return fallback();
    throw error;
  }
}

/**
 * The WebAssembly kernels when a GRU step whose workspace uses `kernel` should run in them whole (products,
 * gates and blend): `kernel` is the default one and the step's recurrent product is large enough.
 */
export function wasmStepFor(kernel: AffineKernel, hiddenSize: number, batch: number): SimdKernels | null {
  return kernel === affine ? wasmFor(3 * hiddenSize * hiddenSize * batch) : null;
}

/** Runs `run` with the WebAssembly kernels; false (and nothing run) when their memory could not grow. */
export function tryWasm(run: () => void): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** Y = X Wᵀ + b (the GRU's products) with the fastest kernel for the size. */
export const affine: AffineKernel = (weight, rows, cols, bias, input, batch, out) => {
  const s = wasmFor(rows * cols * batch);
  if (s) {
    checkSizes('affine', rows, cols, batch);
    wasmOr(
      () => s.affine(weight, rows, cols, bias, input, batch, out),
      () => affineRows(weight, rows, cols, bias, input, batch, out),
    );
  } else affineRows(weight, rows, cols, bias, input, batch, out);
};

/**
 * out (n × cols) = g (n × rows) · W (rows × cols) [+ bias (cols)]: the gradient through x ↦ W x back to x,
 * or, with the bias, the affine product of the transposed matrix Wᵀ without making it.
 */
export function productGW(
  g: Float32Array,
  n: number,
  rows: number,
  weight: Float32Array,
  cols: number,
  out: Float32Array,
  bias?: Float32Array,
): void {
  checkSizes('productGW', rows, cols, 0);
  const s = wasmFor(rows * cols * n);
  if (s) {
    // The wasm sums are float32 already: the bias is added to the rounded sum.
    const ok = wasmOr(
      () => (s.productGW(g, n, rows, weight, cols, out), true),
      () => (productGWRows(g, n, rows, weight, cols, out, bias), false),
    );
    if (ok && bias) for (let b = 0; b < n; b++) for (let k = 0; k < cols; k++) out[b * cols + k] += bias[k];
  } else productGWRows(g, n, rows, weight, cols, out, bias);
}

/**
 * Reports cells of a weight tensor changed: in place (`next` omitted), or in `next`, a copy of `tensor`
 * that differs from it only there. The kernels rewrite just those cells of their laid-out copy (and,
 * for a copy, move that copy over to `next`) instead of laying the whole matrix out again.
 */
export function noteWeightCells(tensor: Float32Array, indices: ArrayLike<number>, next?: Float32Array): void {
  simd?.noteWeightCells(tensor, indices, next);
}

/** Reports a weight tensor edited in place wholesale: its laid-out copy is dropped and made again on next use. */
export function noteWeightsChanged(tensor: Float32Array): void {
  simd?.noteWeightsChanged(tensor);
}
