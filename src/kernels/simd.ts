// The WebAssembly SIMD kernels (simd.as.ts) behind the same signatures as the plain-JS ones: weights
// are laid out once in the kernels' memory (the packed layout of simd.as.ts) and kept, keyed by the
// array that holds them; inputs are copied in and results out on every call (a few KiB).
//
// Keeping the layout is what makes the kernel fast, and it makes one rule for callers: an array
// edited IN PLACE after a product has used it must be reported, with noteWeightCells(array, indices)
// (cheap: rewrites those cells) or noteWeightsChanged(array). A new array needs nothing. As a safety
// net every use compares 8 sampled entries with the laid-out copy and lays the array out again on a
// difference, which catches edits of most of a matrix (an optimiser step) but not a few cells.
import type { GruCellOutputs } from '../gru/cell';
import type { GruWeights } from '../gru/weights';
import { createHeap, type Heap } from './heap';

export interface SimdExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  pack(src: number, rows: number, cols: number, dst: number): void;
  affine(w: number, tiles: number, groups: number, x: number, batch: number, y: number): void;
  productGW(w: number, tiles: number, groups: number, g: number, n: number, out: number): void;
  accumulateOuter(d: number, tiles: number, groups: number, g: number, x: number, n: number): void;
  gates(
    gi: number,
    gh: number,
    stride: number,
    bih: number,
    bhh: number,
    h: number,
    hStride: number,
    H: number,
    batch: number,
    r: number,
    z: number,
    n: number,
    hOut: number,
  ): void;
}

/** A weight matrix laid out in the kernels' memory. */
interface Pack {
  source: WeakRef<ArrayBufferLike>;
  /** Element offset of W[0, 0] in the source buffer. */
  first: number;
  rows: number;
  cols: number;
  tiles: number;
  groups: number;
  ptr: number;
  bytes: number;
}

export interface SimdKernels {
  affine(weight: Float32Array, rows: number, cols: number, bias: Float32Array, input: Float32Array, batch: number, out: Float32Array): void;
  productGW(g: Float32Array, n: number, rows: number, weight: Float32Array, cols: number, out: Float32Array): void;
  accumulateOuter(dW: Float32Array, g: Float32Array, x: Float32Array, n: number, rows: number, cols: number): void;
  /** A whole GRU step (both products, the gates and the blend, all float32) on weights validated by the caller. */
  step(weights: GruWeights, x: Float32Array, h: Float32Array, batch: number, out: GruCellOutputs): void;
  noteWeightCells(tensor: Float32Array, indices: ArrayLike<number>, next?: Float32Array): void;
  noteWeightsChanged(tensor: Float32Array): void;
  /** Laid-out matrices kept now, and their bytes (for tests and benchmarks). */
  packStats(): { packs: number; bytes: number; memoryBytes: number };
}

/** Laid-out weights kept at most (least recently used dropped first): the live model at I = H = 1024 (25 MB) and room for one more. */
export const PACK_BUDGET_BYTES = 48 * 2 ** 20;
const SAMPLES = 8;

export function createSimdKernels(exports: SimdExports): SimdKernels {
  const heap: Heap = createHeap(exports.memory, exports.heapBase());
  const byBuffer = new WeakMap<ArrayBufferLike, Pack[]>();
  const lru = new Set<Pack>(); // iteration order: least recently used first
  let packedBytes = 0;
  let scratch = { ptr: 0, bytes: 0 };

  function scratchPtr(bytes: number): number {
    if (scratch.bytes < bytes) {
      if (scratch.bytes > 0) heap.free(scratch.ptr);
      scratch = { ptr: 0, bytes: 0 };
      scratch = { ptr: heap.alloc(bytes), bytes };
    }
    return scratch.ptr;
  }

  const packedIndex = (p: Pack, r: number, c: number): number =>
    (p.ptr >> 2) + ((((r >> 2) * p.groups + (c >> 2)) * 4 + (r & 3)) << 2) + (c & 3);

  function layOut(p: Pack, values: Float32Array): void {
    const n = p.rows * p.cols;
    const staging = heap.alloc(4 * n);
    heap.f32().set(values.subarray(0, n), staging >> 2);
    exports.pack(staging, p.rows, p.cols, p.ptr);
    heap.free(staging);
  }

  function drop(p: Pack): void {
    lru.delete(p);
    const buffer = p.source.deref();
    if (buffer) {
      const list = byBuffer.get(buffer);
      if (list) {
        const i = list.indexOf(p);
        if (i >= 0) list.splice(i, 1);
      }
    }
    heap.free(p.ptr);
    packedBytes -= p.bytes;
  }

  /** Whether the sampled entries of `weight` (rows × cols, starting at row `row0` of p) differ from p. */
  function stale(p: Pack, weight: Float32Array, rows: number, cols: number, row0: number): boolean {
    const f32 = heap.f32();
    const n = rows * cols;
    for (let s = 0; s < SAMPLES; s++) {
      const i = Math.floor((s * (n - 1)) / (SAMPLES - 1));
      const r = Math.floor(i / cols);
      if (!Object.is(f32[packedIndex(p, row0 + r, i - r * cols)], weight[i])) return true;
    }
    return false;
  }

  /** The pack holding weight (rows × cols), made if needed (never dropping `keep`), and the tile its row 0 starts at. */
  function packOf(weight: Float32Array, rows: number, cols: number, keep?: Pack): { p: Pack; tile0: number } {
    const buffer = weight.buffer;
    const first = weight.byteOffset >> 2;
    const list = byBuffer.get(buffer);
    if (list) {
      for (const p of list) {
        // The same matrix, or a band of its rows that starts on a tile (gate blocks of an even H).
        const offset = first - p.first;
        if (p.cols !== cols || offset < 0 || offset % (4 * cols) !== 0 || offset / cols + rows > p.rows) continue;
        const row0 = offset / cols;
        if (stale(p, weight, rows, cols, row0)) layOut(p, new Float32Array(buffer, p.first * 4, p.rows * p.cols));
        lru.delete(p);
        lru.add(p);
        return { p, tile0: row0 >> 2 };
      }
    }
    const tiles = (rows + 3) >> 2;
    const groups = (cols + 3) >> 2;
    const bytes = tiles * groups * 64;
    for (const old of lru) {
      if (packedBytes + bytes <= PACK_BUDGET_BYTES) break;
      if (old !== keep) drop(old);
    }
    const p: Pack = { source: new WeakRef(buffer), first, rows, cols, tiles, groups, ptr: heap.alloc(bytes), bytes };
    try {
      layOut(p, weight);
    } catch (error) {
      heap.free(p.ptr); // e.g. the memory could not grow: nothing is kept, the caller falls back
      throw error;
    }
    packedBytes += bytes;
    if (list) list.push(p);
    else byBuffer.set(buffer, [p]);
    lru.add(p);
    return { p, tile0: 0 };
  }

  /** Copies `count` rows of `cols` floats into rows of `stride` floats at `ptr`, zeroing each row's tail. */
  function stageRows(values: Float32Array, count: number, cols: number, ptr: number, stride: number): void {
    const f32 = heap.f32();
    const at = ptr >> 2;
    if (stride === cols) {
      f32.set(values.subarray(0, count * cols), at);
      return;
    }
    for (let b = 0; b < count; b++) {
      f32.set(values.subarray(b * cols, (b + 1) * cols), at + b * stride);
      f32.fill(0, at + b * stride + cols, at + (b + 1) * stride);
    }
  }

  function need(name: string, array: Float32Array, length: number): void {
    if (array.length < length) throw new Error(`${name} has ${array.length} values; the product needs ${length}`);
  }

  function noteWeightsChanged(tensor: Float32Array): void {
    const list = byBuffer.get(tensor.buffer);
    if (!list) return;
    const base = tensor.byteOffset >> 2;
    for (const p of [...list]) {
      if (p.first + p.rows * p.cols > base && p.first < base + tensor.length) drop(p);
    }
  }

  return {
    affine(weight, rows, cols, bias, input, batch, out) {
      need('weight', weight, rows * cols);
      need('bias', bias, rows);
      need('input', input, batch * cols);
      need('output', out, batch * rows);
      const { p, tile0 } = packOf(weight, rows, cols);
      const tiles = (rows + 3) >> 2;
      const xStride = p.groups * 4;
      const yStride = tiles * 4;
      const x = scratchPtr(4 * batch * (xStride + yStride));
      const y = x + 4 * batch * xStride;
      stageRows(input, batch, cols, x, xStride);
      exports.affine(p.ptr + tile0 * p.groups * 64, tiles, p.groups, x, batch, y);
      const f32 = heap.f32();
      for (let b = 0; b < batch; b++) {
        const from = (y >> 2) + b * yStride;
        const to = b * rows;
        for (let j = 0; j < rows; j++) out[to + j] = f32[from + j] + bias[j];
      }
    },

    productGW(g, n, rows, weight, cols, out) {
      need('weight', weight, rows * cols);
      need('g', g, n * rows);
      need('output', out, n * cols);
      const { p, tile0 } = packOf(weight, rows, cols);
      const tiles = (rows + 3) >> 2;
      const gStride = tiles * 4;
      const oStride = p.groups * 4;
      const gp = scratchPtr(4 * n * (gStride + oStride));
      const op = gp + 4 * n * gStride;
      stageRows(g, n, rows, gp, gStride);
      exports.productGW(p.ptr + tile0 * p.groups * 64, tiles, p.groups, gp, n, op);
      const f32 = heap.f32();
      if (oStride === cols) out.set(f32.subarray(op >> 2, (op >> 2) + n * cols));
      else for (let b = 0; b < n; b++) out.set(f32.subarray((op >> 2) + b * oStride, (op >> 2) + b * oStride + cols), b * cols);
    },

    accumulateOuter(dW, g, x, n, rows, cols) {
      need('dW', dW, rows * cols);
      need('g', g, n * rows);
      need('x', x, n * cols);
      const tiles = (rows + 3) >> 2;
      const groups = (cols + 3) >> 2;
      const gStride = tiles * 4;
      const stride = groups * 4;
      const dp = scratchPtr(4 * (tiles * 4 * stride + n * (gStride + stride)));
      const gp = dp + 4 * tiles * 4 * stride;
      const xp = gp + 4 * n * gStride;
      stageRows(dW, rows, cols, dp, stride);
      heap.f32().fill(0, (dp >> 2) + rows * stride, (dp >> 2) + tiles * 4 * stride);
      stageRows(g, n, rows, gp, gStride);
      stageRows(x, n, cols, xp, stride);
      exports.accumulateOuter(dp, tiles, groups, gp, xp, n);
      const f32 = heap.f32();
      if (stride === cols) dW.set(f32.subarray(dp >> 2, (dp >> 2) + rows * cols));
      else for (let j = 0; j < rows; j++) dW.set(f32.subarray((dp >> 2) + j * stride, (dp >> 2) + j * stride + cols), j * cols);
    },

    step(weights, xIn, hIn, batch, out) {
      const { inputSize: I, hiddenSize: H } = weights;
      const G = 3 * H;
      const ih = packOf(weights.weightIh, G, I);
      const hh = packOf(weights.weightHh, G, H, ih.p);
      const tiles = (G + 3) >> 2;
      const yStride = tiles * 4;
      const xStride = ih.p.groups * 4;
      const hStride = hh.p.groups * 4;
      const floats = batch * (xStride + hStride + 2 * yStride + 4 * H) + 2 * yStride;
      const xp = scratchPtr(4 * floats);
      const hp = xp + 4 * batch * xStride;
      const gi = hp + 4 * batch * hStride;
      const gh = gi + 4 * batch * yStride;
      const bih = gh + 4 * batch * yStride;
      const bhh = bih + 4 * yStride;
      const rp = bhh + 4 * yStride;
      const zp = rp + 4 * batch * H;
      const np = zp + 4 * batch * H;
      const hOut = np + 4 * batch * H;
      stageRows(xIn, batch, I, xp, xStride);
      stageRows(hIn, batch, H, hp, hStride);
      const f32 = heap.f32();
      f32.set(weights.biasIh.subarray(0, G), bih >> 2);
      f32.set(weights.biasHh.subarray(0, G), bhh >> 2);
      exports.affine(ih.p.ptr, tiles, ih.p.groups, xp, batch, gi);
      exports.affine(hh.p.ptr, tiles, hh.p.groups, hp, batch, gh);
      exports.gates(gi, gh, yStride, bih, bhh, hp, hStride, H, batch, rp, zp, np, hOut);
      const BH = batch * H;
      out.r.set(f32.subarray(rp >> 2, (rp >> 2) + BH));
      out.z.set(f32.subarray(zp >> 2, (zp >> 2) + BH));
      out.n.set(f32.subarray(np >> 2, (np >> 2) + BH));
      out.h.set(f32.subarray(hOut >> 2, (hOut >> 2) + BH));
      for (let b = 0; b < batch; b++) {
        out.gi.set(f32.subarray((gi >> 2) + b * yStride, (gi >> 2) + b * yStride + G), b * G);
        out.gh.set(f32.subarray((gh >> 2) + b * yStride, (gh >> 2) + b * yStride + G), b * G);
      }
    },

    noteWeightCells(tensor, indices, next = tensor) {
      const list = byBuffer.get(tensor.buffer);
      if (!list || list.length === 0) return;
      const base = tensor.byteOffset >> 2;
      const f32 = heap.f32();
      for (const p of list) {
        const size = p.rows * p.cols;
        for (let k = 0; k < indices.length; k++) {
          const i = indices[k];
          const local = base + i - p.first;
          if (local < 0 || local >= size) continue;
          const r = Math.floor(local / p.cols);
          f32[packedIndex(p, r, local - r * p.cols)] = next[i];
        }
      }
      if (next === tensor || next.length !== tensor.length) {
        if (next !== tensor) noteWeightsChanged(tensor);
        return;
      }
      // A copy with these cells changed: its laid-out matrices are the tensor's, moved over.
      const shift = (next.byteOffset >> 2) - base;
      const moved = list.filter((p) => p.first >= base && p.first + p.rows * p.cols <= base + tensor.length);
      byBuffer.set(
        tensor.buffer,
        list.filter((p) => !moved.includes(p)),
      );
      const target = byBuffer.get(next.buffer) ?? [];
      for (const p of moved) {
        p.source = new WeakRef(next.buffer);
        p.first += shift;
        target.push(p);
      }
      byBuffer.set(next.buffer, target);
    },

    noteWeightsChanged,

    packStats: () => ({ packs: lru.size, bytes: packedBytes, memoryBytes: heap.size() }),
  };
}
