import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRng } from '../init/random';
import { affineRows } from '../gru/affine';
import { accumulateOuterRows, productGWRows } from './jsProducts';
import { createSimdKernels, PACK_BUDGET_BYTES, type SimdExports, type SimdKernels } from './simd';
import { initKernels, simdKernels } from './index';

// The WebAssembly kernels' float32 summation order (simd.as.ts), written plainly with Math.fround:
// lane l of a row sums W[j, 4g + l] · x[4g + l] over the blocks g in order — a lone batch row (batch 1, or
// the last of an odd batch) even and odd blocks apart, added lane-wise — then (lane0 + lane2) + (lane1 + lane3).
const f = Math.fround;
function referenceAffine(w: Float32Array, rows: number, cols: number, bias: Float32Array, x: Float32Array, batch: number): Float32Array {
  const out = new Float32Array(rows * batch);
  const paired = batch - (batch % 2);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < rows; j++) {
      const even = [0, 0, 0, 0];
      const odd = [0, 0, 0, 0];
      for (let k = 0; k < cols; k++) {
        const lanes = b >= paired && Math.floor(k / 4) % 2 === 1 ? odd : even;
        lanes[k % 4] = f(lanes[k % 4] + f(w[j * cols + k] * x[b * cols + k]));
      }
      const lane = b >= paired ? even.map((v, l) => f(v + odd[l])) : even;
      out[b * rows + j] = f(f(f(lane[0] + lane[2]) + f(lane[1] + lane[3])) + bias[j]);
    }
  }
  return out;
}

// Per output: a running sum over tiles of ((g0 W0 + g1 W1) + (g2 W2 + g3 W3)), rows past the matrix are 0.
function referenceGW(g: Float32Array, n: number, rows: number, w: Float32Array, cols: number): Float32Array {
  const out = new Float32Array(n * cols);
  const at = (b: number, j: number, k: number) => (j < rows ? f(g[b * rows + j] * w[j * cols + k]) : 0);
  for (let b = 0; b < n; b++) {
    for (let k = 0; k < cols; k++) {
      let s = 0;
      for (let j = 0; j < rows; j += 4) s = f(s + f(f(at(b, j, k) + at(b, j + 1, k)) + f(at(b, j + 2, k) + at(b, j + 3, k))));
      out[b * cols + k] = s;
    }
  }
  return out;
}

// Per entry: the rows b in chunks of 128, each chunk a running float32 sum from 0 over b in order, added to dW.
function referenceOuter(dW: Float32Array, g: Float32Array, x: Float32Array, n: number, rows: number, cols: number): Float32Array {
  const out = dW.slice();
  for (let j = 0; j < rows; j++) {
    for (let k = 0; k < cols; k++) {
      for (let b0 = 0; b0 < n; b0 += 128) {
        let s = 0;
        for (let b = b0; b < Math.min(n, b0 + 128); b++) s = f(s + f(g[b * rows + j] * x[b * cols + k]));
        out[j * cols + k] = f(out[j * cols + k] + s);
      }
    }
  }
  return out;
}

function values(n: number, seed: number, scale = 1): Float32Array {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => (2 * rng() - 1) * scale);
}
const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const wasmBytes = readFileSync(new URL('./simd.wasm', import.meta.url));

/** A kernel set on a module of its own, so a test sees its memory from empty. */
async function freshKernels(): Promise<{ kernels: SimdKernels; exports: SimdExports }> {
  const { instance } = await WebAssembly.instantiate(wasmBytes);
  const exports = instance.exports as unknown as SimdExports;
  return { kernels: createSimdKernels(exports), exports };
}

let simd: SimdKernels;
beforeAll(async () => {
  expect(await initKernels()).toBe('wasm');
  simd = simdKernels()!;
});

describe('WebAssembly affine kernel', () => {
  it('sums in its documented order, bit for bit, for every tile shape and remainder', () => {
    let seed = 1;
    for (const rows of [1, 3, 4, 5, 8, 9, 12, 13]) {
      for (const cols of [1, 3, 4, 5, 8, 11, 12, 13]) {
        for (const batch of [1, 2, 3, 4, 5, 7]) {
          const w = values(rows * cols, seed++);
          const bias = values(rows, seed++);
          const x = values(batch * cols, seed++, 4);
          const out = new Float32Array(rows * batch);
          simd.affine(w, rows, cols, bias, x, batch, out);
          expect(bits(out), `${rows}×${cols}×${batch}`).toEqual(bits(referenceAffine(w, rows, cols, bias, x, batch)));
        }
      }
    }
  });

  it('agrees with the plain-JS kernel within float32 rounding at the sizes the explorer runs', () => {
    for (const [rows, cols, batch] of [
      [12, 3, 1],
      [192, 64, 1],
      [768, 256, 1],
      [768, 256, 32],
      [3072, 1024, 1],
      [3072, 1024, 3],
    ]) {
      const w = values(rows * cols, rows + cols, 1 / Math.sqrt(cols));
      const bias = values(rows, 7, 0.1);
      const x = values(batch * cols, batch, 1);
      const js = new Float32Array(rows * batch);
      const wasm = new Float32Array(rows * batch);
      affineRows(w, rows, cols, bias, x, batch, js);
      simd.affine(w, rows, cols, bias, x, batch, wasm);
      // float32 sums of `cols` terms of size ≤ 1/√cols: the error grows like √cols · 2^-24
      expect(maxDiff(wasm, js), `${rows}×${cols}×${batch}`).toBeLessThan(2e-6);
    }
  });

  it('uses a band of rows of a laid-out matrix (a gate block) without laying it out again', async () => {
    const { kernels } = await freshKernels();
    const H = 8;
    const w = values(3 * H * 5, 3);
    const bias = values(3 * H, 4);
    const x = values(2 * 5, 5);
    kernels.affine(w, 3 * H, 5, bias, x, 2, new Float32Array(6 * H));
    expect(kernels.packStats().packs).toBe(1);
    for (const [start, rows] of [
      [0, 2 * H],
      [2 * H, H],
      [H, H],
    ]) {
      const band = w.subarray(start * 5, (start + rows) * 5);
      const out = new Float32Array(2 * rows);
      kernels.affine(band, rows, 5, bias.subarray(start), x, 2, out);
      expect(bits(out)).toEqual(bits(referenceAffine(band, rows, 5, bias.subarray(start), x, 2)));
    }
    expect(kernels.packStats().packs).toBe(1);
  });
});

describe('WebAssembly products of a backward pass', () => {
  it('g · W sums in its documented order and agrees with the plain-JS product', () => {
    let seed = 100;
    for (const rows of [1, 4, 6, 9]) {
      for (const cols of [1, 4, 7, 16, 21]) {
        for (const n of [1, 2, 5]) {
          const w = values(rows * cols, seed++);
          const g = values(n * rows, seed++, 3);
          const out = new Float32Array(n * cols);
          simd.productGW(g, n, rows, w, cols, out);
          expect(bits(out), `${rows}×${cols}×${n}`).toEqual(bits(referenceGW(g, n, rows, w, cols)));
        }
      }
    }
    const [rows, cols, n] = [768, 256, 32];
    const w = values(rows * cols, 1, 1 / 16);
    const g = values(n * rows, 2);
    const js = new Float32Array(n * cols);
    const wasm = new Float32Array(n * cols);
    productGWRows(g, n, rows, w, cols, js);
    simd.productGW(g, n, rows, w, cols, wasm);
    expect(maxDiff(wasm, js)).toBeLessThan(2e-6 * Math.sqrt(rows));
  });

  it('dW += gᵀ x sums in its documented order and agrees with the plain-JS product', () => {
    let seed = 200;
    for (const rows of [1, 4, 6]) {
      for (const cols of [1, 4, 7, 8, 13]) {
        for (const n of [1, 3, 130]) {
          const dW = values(rows * cols, seed++);
          const g = values(n * rows, seed++);
          const x = values(n * cols, seed++);
          const expected = referenceOuter(dW, g, x, n, rows, cols);
          simd.accumulateOuter(dW, g, x, n, rows, cols);
          expect(bits(dW), `${rows}×${cols}×${n}`).toEqual(bits(expected));
        }
      }
    }
    const [rows, cols, n] = [768, 256, 64];
    const start = values(rows * cols, 3);
    const g = values(n * rows, 4, 0.1);
    const x = values(n * cols, 5);
    const js = start.slice();
    const wasm = start.slice();
    accumulateOuterRows(js, g, x, n, rows, cols);
    simd.accumulateOuter(wasm, g, x, n, rows, cols);
    expect(maxDiff(wasm, js)).toBeLessThan(1e-6 * 8);
  });
});

describe('bad input', () => {
  it('NaN, ±Inf and subnormal weights and inputs give what the plain-JS kernel gives', () => {
    const rows = 12;
    const cols = 9;
    const batch = 3;
    const w = values(rows * cols, 11, 0.5);
    const x = values(batch * cols, 12);
    w[0] = NaN; // row 0: NaN everywhere
    w[cols + 2] = Infinity; // row 1: +Inf unless x is 0 there
    w[2 * cols + 3] = -Infinity;
    x[3] = 0; // batch row 0: −Inf · 0 = NaN in row 2
    w[3 * cols + 1] = 1e-40; // subnormal weight
    x[cols + 4] = -1e-42; // subnormal input
    for (let k = 0; k < cols; k++) w[4 * cols + k] = 1e-39 * (k + 1); // a row of subnormals
    x[2 * cols + 5] = Infinity;
    const bias = values(rows, 13);
    bias[5] = -Infinity;
    const js = new Float32Array(rows * batch);
    const wasm = new Float32Array(rows * batch);
    affineRows(w, rows, cols, bias, x, batch, js);
    simd.affine(w, rows, cols, bias, x, batch, wasm);
    expect(Array.from(wasm, Number.isNaN)).toEqual(Array.from(js, Number.isNaN));
    expect(js.some(Number.isNaN) && js.some((v) => v === Infinity) && js.some((v) => v === -Infinity)).toBe(true);
    for (let i = 0; i < js.length; i++) {
      if (!Number.isFinite(js[i])) expect(wasm[i]).toBe(js[i] as number);
      else expect(Math.abs(wasm[i] - js[i])).toBeLessThan(1e-6);
    }
    // the subnormal row: products of 1e-39 · x stay subnormal-sized and are not flushed to zero
    const sub = new Float32Array(1);
    simd.affine(w.subarray(4 * cols, 5 * cols), 1, cols, new Float32Array(1), new Float32Array(cols).fill(1), 1, sub);
    expect(sub[0]).toBeCloseTo(45e-39, 44);
    expect(sub[0]).toBeGreaterThan(0);
  });

  it('reads and writes only inside the arrays it is given (guards around every buffer)', () => {
    // Each array sits in the middle of a larger one whose rest is NaN (a read there would make NaN)
    // or a sentinel (a write there would change it).
    const GUARD = 64;
    const inside = (a: Float32Array, guard: number) => {
      const big = new Float32Array(a.length + 2 * GUARD).fill(guard);
      big.set(a, GUARD);
      return { big, view: big.subarray(GUARD, GUARD + a.length) };
    };
    const sentinel = 12345.5;
    for (const [rows, cols, batch] of [
      [7, 5, 1],
      [12, 9, 4],
      [13, 6, 2],
    ]) {
      const w = inside(values(rows * cols, 1), NaN);
      const bias = inside(values(rows, 2), NaN);
      const x = inside(values(batch * cols, 3), NaN);
      const out = inside(new Float32Array(rows * batch), sentinel);
      simd.affine(w.view, rows, cols, bias.view, x.view, batch, out.view);
      expect(out.view.some(Number.isNaN)).toBe(false);
      expect([...out.big.subarray(0, GUARD), ...out.big.subarray(GUARD + rows * batch)].every((v) => v === sentinel)).toBe(true);

      const g = inside(values(batch * rows, 4), NaN);
      const gw = inside(new Float32Array(batch * cols), sentinel);
      simd.productGW(g.view, batch, rows, w.view, cols, gw.view);
      expect(gw.view.some(Number.isNaN)).toBe(false);
      expect([...gw.big.subarray(0, GUARD), ...gw.big.subarray(GUARD + batch * cols)].every((v) => v === sentinel)).toBe(true);

      const dW = inside(values(rows * cols, 5), sentinel);
      simd.accumulateOuter(dW.view, g.view, x.view, batch, rows, cols);
      expect(dW.view.some(Number.isNaN)).toBe(false);
      expect([...dW.big.subarray(0, GUARD), ...dW.big.subarray(GUARD + rows * cols)].every((v) => v === sentinel)).toBe(true);
    }
  });

  it('a whole step reads only its weights and inputs and writes only its batch rows', () => {
    const GUARD = 32;
    const inside = (a: Float32Array) => {
      const big = new Float32Array(a.length + 2 * GUARD).fill(NaN);
      big.set(a, GUARD);
      return big.subarray(GUARD, GUARD + a.length);
    };
    const [I, H, batch] = [7, 9, 2];
    const weights = {
      inputSize: I,
      hiddenSize: H,
      weightIh: inside(values(3 * H * I, 31, 0.3)),
      weightHh: inside(values(3 * H * H, 32, 0.3)),
      biasIh: inside(values(3 * H, 33, 0.3)),
      biasHh: inside(values(3 * H, 34, 0.3)),
    };
    const sentinel = -7.25;
    const out = {
      h: new Float32Array(3 * H),
      r: new Float32Array(3 * H),
      z: new Float32Array(3 * H),
      n: new Float32Array(3 * H),
      gi: new Float32Array(9 * H),
      gh: new Float32Array(9 * H),
    };
    for (const a of Object.values(out)) a.fill(sentinel);
    simd.step(weights, inside(values(batch * I, 35)), inside(values(batch * H, 36)), batch, out);
    for (const [key, a] of Object.entries(out)) {
      const used = (key === 'gi' || key === 'gh' ? 3 * H : H) * batch;
      expect(
        a.subarray(0, used).every((v) => Number.isFinite(v) && v !== sentinel),
        key,
      ).toBe(true);
      expect(
        a.subarray(used).every((v) => v === sentinel),
        key,
      ).toBe(true);
    }
  });

  it('the kernels themselves stay inside their blocks of linear memory', async () => {
    // Raw calls on hand-placed blocks with NaN between them: a read past a block would poison a
    // result, a write past one would change the NaN guard.
    const { exports } = await freshKernels();
    const rows = 9;
    const cols = 6;
    const batch = 4;
    const tiles = 3;
    const groups = 2;
    const f32 = () => new Float32Array(exports.memory.buffer);
    const base = Math.ceil(exports.heapBase() / 64) * 64;
    const need = base + 64 * 1024;
    if (exports.memory.buffer.byteLength < need) exports.memory.grow(Math.ceil((need - exports.memory.buffer.byteLength) / 65536));
    const at = (block: number) => base + block * 4096; // blocks 4 KiB apart, NaN between
    f32().fill(NaN, base >> 2);
    const w = values(rows * cols, 8);
    const x = values(batch * cols, 9);
    f32().set(w, at(0) >> 2);
    exports.pack(at(0), rows, cols, at(1));
    const packedEnd = at(1) + tiles * groups * 64;
    for (let b = 0; b < batch; b++) {
      f32().set(x.subarray(b * cols, (b + 1) * cols), (at(2) >> 2) + b * groups * 4);
      f32().fill(0, (at(2) >> 2) + b * groups * 4 + cols, (at(2) >> 2) + (b + 1) * groups * 4);
    }
    exports.affine(at(1), tiles, groups, at(2), batch, at(3));
    const mem = f32();
    const y = new Float32Array(rows * batch);
    for (let b = 0; b < batch; b++) for (let j = 0; j < rows; j++) y[b * rows + j] = mem[(at(3) >> 2) + b * tiles * 4 + j];
    expect(bits(y)).toEqual(bits(referenceAffine(w, rows, cols, new Float32Array(rows), x, batch)));
    // nothing written past the packed matrix or past the outputs
    expect(mem.subarray(packedEnd >> 2, at(2) >> 2).every(Number.isNaN)).toBe(true);
    expect(mem.subarray((at(3) >> 2) + batch * tiles * 4, at(4) >> 2).every(Number.isNaN)).toBe(true);
  });
});

describe('laid-out weights follow edits', () => {
  const rows = 24;
  const cols = 10;
  const x = values(cols, 21);
  const bias = new Float32Array(rows);
  const run = (k: SimdKernels, w: Float32Array) => {
    const out = new Float32Array(rows);
    k.affine(w, rows, cols, bias, x, 1, out);
    return out;
  };

  it('a cell painted in place and reported is rewritten, not the whole matrix', async () => {
    const { kernels } = await freshKernels();
    const w = values(rows * cols, 22);
    run(kernels, w);
    w[37] = 5;
    w[200] = -3;
    kernels.noteWeightCells(w, [37, 200]);
    expect(bits(run(kernels, w))).toEqual(bits(referenceAffine(w, rows, cols, bias, x, 1)));
    expect(kernels.packStats().packs).toBe(1);
  });

  it('a painted copy takes over the laid-out matrix of the original', async () => {
    const { kernels } = await freshKernels();
    const w = values(rows * cols, 23);
    run(kernels, w);
    const next = w.slice();
    next[5] = 9;
    kernels.noteWeightCells(w, [5], next);
    expect(bits(run(kernels, next))).toEqual(bits(referenceAffine(next, rows, cols, bias, x, 1)));
    expect(kernels.packStats().packs).toBe(1);
    // the original, used again (an undo), is laid out afresh and still gives its own result
    expect(bits(run(kernels, w))).toEqual(bits(referenceAffine(w, rows, cols, bias, x, 1)));
    expect(kernels.packStats().packs).toBe(2);
  });

  it('a wholesale in-place edit reported with noteWeightsChanged, or not reported at all, is seen', async () => {
    const { kernels } = await freshKernels();
    const w = values(rows * cols, 24);
    run(kernels, w);
    w.set(values(rows * cols, 25));
    kernels.noteWeightsChanged(w);
    expect(bits(run(kernels, w))).toEqual(bits(referenceAffine(w, rows, cols, bias, x, 1)));
    // an optimiser-like step over every entry, not reported: the sampled check notices it
    for (let i = 0; i < w.length; i++) w[i] *= 0.5;
    expect(bits(run(kernels, w))).toEqual(bits(referenceAffine(w, rows, cols, bias, x, 1)));
  });

  it('keeps at most its budget of laid-out matrices, dropping the least recently used', async () => {
    const { kernels } = await freshKernels();
    const big = [1, 2, 3, 4, 5, 6].map((s) => new Float32Array(3072 * 1024).fill(s / 8)); // 12 MiB each
    const out = new Float32Array(3072);
    const xs = values(1024, 9);
    for (const w of big) kernels.affine(w, 3072, 1024, new Float32Array(3072), xs, 1, out);
    const { packs, bytes } = kernels.packStats();
    expect(packs).toBeLessThan(6);
    expect(bytes).toBeLessThanOrEqual(PACK_BUDGET_BYTES);
    // the newest is kept and right: 1024 products of 6/8 · x
    expect(out[0]).toBeCloseTo((6 / 8) * xs.reduce((s, v) => s + v, 0), 4);
  });
});
