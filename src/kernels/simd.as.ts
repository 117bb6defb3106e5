// WebAssembly SIMD kernels for the GRU's matrix products (AssemblyScript; compiled by
// scripts/build-wasm.mjs with --enable simd, no runtime, no allocation: every argument is a byte
// offset into linear memory that the JS side (src/kernels/heap.ts) manages).
//
// Packed layout of a weight W (rows × cols, row-major): blocks of 4 rows × 4 columns, 16 floats =
// 64 bytes = one cache line, row-major inside the block. Tile t (rows 4t … 4t+3) is `groups`
// consecutive blocks, block g holding columns 4g … 4g+3. Rows and columns past the matrix are zero.
// So a product over a tile streams one contiguous run of cache lines, each used whole: per line,
// 4 f32x4 loads of W (4 rows × 4 columns), one f32x4 of x per batch row, 4 f32x4 mul + 4 add per
// batch row (16 multiply-adds).
//
// Sums are float32, lane-wise: lane l of row j's accumulator adds W[j, 4g + l] · x[4g + l] over the
// blocks g in order — for a lone batch row, even and odd blocks in two accumulators, added lane-wise
// at the end — and the row's sum is (lane0 + lane2) + (lane1 + lane3) (simd.test.ts pins the order).

/** First free byte after the module's own static data. */
export function heapBase(): usize {
  return __heap_base;
}

/** Lays out W (rows × cols, row-major at src) into the packed layout at dst. */
export function pack(src: usize, rows: i32, cols: i32, dst: usize): void {
  const tiles = (rows + 3) >> 2;
  const groups = (cols + 3) >> 2;
  const fullGroups = cols >> 2;
  const rowBytes = (<usize>cols) << 2;
  let out = dst;
  for (let t = 0; t < tiles; t++) {
    for (let g = 0; g < groups; g++) {
      for (let r = 0; r < 4; r++) {
        const row = (t << 2) + r;
        const from = src + (<usize>row) * rowBytes + ((<usize>g) << 4);
        if (row < rows && g < fullGroups) {
          v128.store(out, v128.load(from));
        } else {
          for (let l = 0; l < 4; l++) {
            const inside = row < rows && (g << 2) + l < cols;
            store<f32>(out + ((<usize>l) << 2), inside ? load<f32>(from + ((<usize>l) << 2)) : 0);
          }
        }
        out += 16;
      }
    }
  }
}

// [Σ a0, Σ a1, Σ a2, Σ a3], each Σ a = (a[0] + a[2]) + (a[1] + a[3]).
@inline
function rowSums(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const s01 = f32x4.add(f32x4.shuffle(a0, a1, 0, 1, 4, 5), f32x4.shuffle(a0, a1, 2, 3, 6, 7));
  const s23 = f32x4.add(f32x4.shuffle(a2, a3, 0, 1, 4, 5), f32x4.shuffle(a2, a3, 2, 3, 6, 7));
  return f32x4.add(f32x4.shuffle(s01, s23, 0, 2, 4, 6), f32x4.shuffle(s01, s23, 1, 3, 5, 7));
}

/**
 * y[b, j] = Σ_k W[j, k] · x[b, k] for the packed W (tiles × groups blocks) at w, x of `batch` rows
 * of 4·groups floats (zero past the matrix's columns) and y of `batch` rows of 4·tiles floats.
 */
export function affine(w: usize, tiles: i32, groups: i32, x: usize, batch: i32, y: usize): void {
  const tileBytes = (<usize>groups) << 6;
  const xStride = (<usize>groups) << 4;
  const yStride = (<usize>tiles) << 4;
  const pairs = batch & ~1;
  // Two batch rows per pass over a tile (8 accumulators, 4 + 2 loads per 32 multiply-adds); the tile
  // (≤ 16 KiB at 1024 columns) stays in L1 while the pairs pass over it. Three rows (12 accumulators)
  // were 1.4× slower: with the 4 weight vectors they spill out of the 16 SIMD registers.
  if (pairs > 0) {
    for (let t = 0; t < tiles; t++) {
      const wt = w + (<usize>t) * tileBytes;
      for (let b = 0; b < pairs; b += 2) {
        tile4x2(wt, groups, x + (<usize>b) * xStride, xStride, y + (<usize>b) * yStride + ((<usize>t) << 4), yStride);
      }
    }
  }
  if (pairs < batch) {
    // A lone batch row (batch 1, or the last of an odd batch): one tile at a time, one stream of cache
    // lines; two tiles at once were 1.9× slower at 3072 × 1024 (two streams out of L3).
    const xb = x + (<usize>pairs) * xStride;
    const yb = y + (<usize>pairs) * yStride;
    for (let t = 0; t < tiles; t++) tile4x1(w + (<usize>t) * tileBytes, groups, xb, yb + ((<usize>t) << 4));
  }
}

// One batch row, 4 weight rows, over pairs of blocks: even blocks in a, odd in c (8 accumulators keep
// the adds in flight), added lane-wise at the end.
@inline
function tile4x1(w: usize, groups: i32, x: usize, y: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let c0 = a0;
  let c1 = a0;
  let c2 = a0;
  let c3 = a0;
  let g = 0;
  for (; g + 2 <= groups; g += 2) {
    const v = v128.load(x);
    const u = v128.load(x, 16);
    a0 = f32x4.add(a0, f32x4.mul(v128.load(w), v));
    a1 = f32x4.add(a1, f32x4.mul(v128.load(w, 16), v));
    a2 = f32x4.add(a2, f32x4.mul(v128.load(w, 32), v));
    a3 = f32x4.add(a3, f32x4.mul(v128.load(w, 48), v));
    c0 = f32x4.add(c0, f32x4.mul(v128.load(w, 64), u));
    c1 = f32x4.add(c1, f32x4.mul(v128.load(w, 80), u));
    c2 = f32x4.add(c2, f32x4.mul(v128.load(w, 96), u));
    c3 = f32x4.add(c3, f32x4.mul(v128.load(w, 112), u));
    w += 128;
    x += 32;
  }
  if (g < groups) {
    const v = v128.load(x);
    a0 = f32x4.add(a0, f32x4.mul(v128.load(w), v));
    a1 = f32x4.add(a1, f32x4.mul(v128.load(w, 16), v));
    a2 = f32x4.add(a2, f32x4.mul(v128.load(w, 32), v));
    a3 = f32x4.add(a3, f32x4.mul(v128.load(w, 48), v));
  }
  v128.store(y, rowSums(f32x4.add(a0, c0), f32x4.add(a1, c1), f32x4.add(a2, c2), f32x4.add(a3, c3)));
}

@inline
function tile4x2(w: usize, groups: i32, x: usize, xStride: usize, y: usize, yStride: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let b0 = a0;
  let b1 = a0;
  let b2 = a0;
  let b3 = a0;
  let x1 = x + xStride;
  for (let g = 0; g < groups; g++) {
    const v = v128.load(x);
    const u = v128.load(x1);
    const w0 = v128.load(w);
    const w1 = v128.load(w, 16);
    const w2 = v128.load(w, 32);
    const w3 = v128.load(w, 48);
    a0 = f32x4.add(a0, f32x4.mul(w0, v));
    a1 = f32x4.add(a1, f32x4.mul(w1, v));
    a2 = f32x4.add(a2, f32x4.mul(w2, v));
    a3 = f32x4.add(a3, f32x4.mul(w3, v));
    b0 = f32x4.add(b0, f32x4.mul(w0, u));
    b1 = f32x4.add(b1, f32x4.mul(w1, u));
    b2 = f32x4.add(b2, f32x4.mul(w2, u));
    b3 = f32x4.add(b3, f32x4.mul(w3, u));
    w += 64;
    x += 16;
    x1 += 16;
  }
  v128.store(y, rowSums(a0, a1, a2, a3));
  v128.store(y + yStride, rowSums(b0, b1, b2, b3));
}

/**
 * out[b, k] = Σ_j g[b, j] · W[j, k] (the product with W, not Wᵀ: a gradient flowing back through
 * the map x ↦ W x) on the same packed W. g has n rows of 4·tiles floats (zero past the matrix's
 * rows), out n rows of 4·groups floats. Per output: a running float32 sum over tiles t of
 * (g[4t]·W[4t, k] + g[4t+1]·W[4t+1, k]) + (g[4t+2]·W[4t+2, k] + g[4t+3]·W[4t+3, k]).
 */
export function productGW(w: usize, tiles: i32, groups: i32, g: usize, n: i32, out: usize): void {
  const tileBytes = (<usize>groups) << 6;
  const gStride = (<usize>tiles) << 4;
  const oStride = (<usize>groups) << 4;
  for (let b = 0; b < n; b++) {
    const gb = g + (<usize>b) * gStride;
    const ob = out + (<usize>b) * oStride;
    let q = 0;
    // Four column groups (16 columns, 256 contiguous bytes of each tile) per pass.
    for (; q + 4 <= groups; q += 4) {
      let a0 = f32x4.splat(0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      let p = w + ((<usize>q) << 6);
      for (let t = 0; t < tiles; t++) {
        const gv = v128.load(gb + ((<usize>t) << 4));
        const s0 = f32x4.shuffle(gv, gv, 0, 0, 0, 0);
        const s1 = f32x4.shuffle(gv, gv, 1, 1, 1, 1);
        const s2 = f32x4.shuffle(gv, gv, 2, 2, 2, 2);
        const s3 = f32x4.shuffle(gv, gv, 3, 3, 3, 3);
        a0 = f32x4.add(a0, blockColumn(p, s0, s1, s2, s3));
        a1 = f32x4.add(a1, blockColumn(p + 64, s0, s1, s2, s3));
        a2 = f32x4.add(a2, blockColumn(p + 128, s0, s1, s2, s3));
        a3 = f32x4.add(a3, blockColumn(p + 192, s0, s1, s2, s3));
        p += tileBytes;
      }
      const o = ob + ((<usize>q) << 4);
      v128.store(o, a0);
      v128.store(o, a1, 16);
      v128.store(o, a2, 32);
      v128.store(o, a3, 48);
    }
    for (; q < groups; q++) {
      let a0 = f32x4.splat(0);
      let p = w + ((<usize>q) << 6);
      for (let t = 0; t < tiles; t++) {
        const gv = v128.load(gb + ((<usize>t) << 4));
        const s0 = f32x4.shuffle(gv, gv, 0, 0, 0, 0);
        const s1 = f32x4.shuffle(gv, gv, 1, 1, 1, 1);
        const s2 = f32x4.shuffle(gv, gv, 2, 2, 2, 2);
        const s3 = f32x4.shuffle(gv, gv, 3, 3, 3, 3);
        a0 = f32x4.add(a0, blockColumn(p, s0, s1, s2, s3));
        p += tileBytes;
      }
      v128.store(ob + ((<usize>q) << 4), a0);
    }
  }
}

// (s0·row0 + s1·row1) + (s2·row2 + s3·row3) of the block at p: its 4 columns weighted by g.
@inline
function blockColumn(p: usize, s0: v128, s1: v128, s2: v128, s3: v128): v128 {
  return f32x4.add(
    f32x4.add(f32x4.mul(s0, v128.load(p)), f32x4.mul(s1, v128.load(p, 16))),
    f32x4.add(f32x4.mul(s2, v128.load(p, 32)), f32x4.mul(s3, v128.load(p, 48))),
  );
}

/**
 * d[j, k] += Σ_b g[b, j] · x[b, k] (the weight gradient of x ↦ W x summed over n rows), in float32:
 * the rows b are taken in chunks of 128 (so a chunk of x stays in L2 while every tile of d passes over
 * it); each chunk is summed from 0 over b in order and then added to d, which keeps the rounding error
 * of n = T·batch terms near that of 128 + n/128 additions instead of n. d is row-major with 4·tiles rows
 * of 4·groups floats; g has n rows of 4·tiles floats, x n rows of 4·groups floats.
 */
export function accumulateOuter(d: usize, tiles: i32, groups: i32, g: usize, x: usize, n: i32): void {
  const gStride = (<usize>tiles) << 4;
  const xStride = (<usize>groups) << 4;
  const dStride = xStride;
  const chunk = 128;
  for (let b0 = 0; b0 < n; b0 += chunk) {
    const b1 = min(n, b0 + chunk);
    for (let t = 0; t < tiles; t++) {
      const d0 = d + ((<usize>t) << 2) * dStride;
      const gt = g + ((<usize>t) << 4);
      let q = 0;
      for (; q + 2 <= groups; q += 2) {
        const p = d0 + ((<usize>q) << 4);
        let a0 = f32x4.splat(0);
        let a1 = a0;
        let c0 = a0;
        let c1 = a0;
        let e0 = a0;
        let e1 = a0;
        let f0 = a0;
        let f1 = a0;
        let gp = gt + (<usize>b0) * gStride;
        let xp = x + (<usize>b0) * xStride + ((<usize>q) << 4);
        for (let b = b0; b < b1; b++) {
          const gv = v128.load(gp);
          const u = v128.load(xp);
          const v = v128.load(xp, 16);
          const s0 = f32x4.shuffle(gv, gv, 0, 0, 0, 0);
          const s1 = f32x4.shuffle(gv, gv, 1, 1, 1, 1);
          const s2 = f32x4.shuffle(gv, gv, 2, 2, 2, 2);
          const s3 = f32x4.shuffle(gv, gv, 3, 3, 3, 3);
          a0 = f32x4.add(a0, f32x4.mul(s0, u));
          a1 = f32x4.add(a1, f32x4.mul(s0, v));
          c0 = f32x4.add(c0, f32x4.mul(s1, u));
          c1 = f32x4.add(c1, f32x4.mul(s1, v));
          e0 = f32x4.add(e0, f32x4.mul(s2, u));
          e1 = f32x4.add(e1, f32x4.mul(s2, v));
          f0 = f32x4.add(f0, f32x4.mul(s3, u));
          f1 = f32x4.add(f1, f32x4.mul(s3, v));
          gp += gStride;
          xp += xStride;
        }
        v128.store(p, f32x4.add(v128.load(p), a0));
        v128.store(p, f32x4.add(v128.load(p, 16), a1), 16);
        v128.store(p + dStride, f32x4.add(v128.load(p + dStride), c0));
        v128.store(p + dStride, f32x4.add(v128.load(p + dStride, 16), c1), 16);
        v128.store(p + 2 * dStride, f32x4.add(v128.load(p + 2 * dStride), e0));
        v128.store(p + 2 * dStride, f32x4.add(v128.load(p + 2 * dStride, 16), e1), 16);
        v128.store(p + 3 * dStride, f32x4.add(v128.load(p + 3 * dStride), f0));
        v128.store(p + 3 * dStride, f32x4.add(v128.load(p + 3 * dStride, 16), f1), 16);
      }
      if (q < groups) {
        const p = d0 + ((<usize>q) << 4);
        let a0 = f32x4.splat(0);
        let c0 = a0;
        let e0 = a0;
        let f0 = a0;
        let gp = gt + (<usize>b0) * gStride;
        let xp = x + (<usize>b0) * xStride + ((<usize>q) << 4);
        for (let b = b0; b < b1; b++) {
          const gv = v128.load(gp);
          const u = v128.load(xp);
          a0 = f32x4.add(a0, f32x4.mul(f32x4.shuffle(gv, gv, 0, 0, 0, 0), u));
          c0 = f32x4.add(c0, f32x4.mul(f32x4.shuffle(gv, gv, 1, 1, 1, 1), u));
          e0 = f32x4.add(e0, f32x4.mul(f32x4.shuffle(gv, gv, 2, 2, 2, 2), u));
          f0 = f32x4.add(f0, f32x4.mul(f32x4.shuffle(gv, gv, 3, 3, 3, 3), u));
          gp += gStride;
          xp += xStride;
        }
        v128.store(p, f32x4.add(v128.load(p), a0));
        v128.store(p + dStride, f32x4.add(v128.load(p + dStride), c0));
        v128.store(p + 2 * dStride, f32x4.add(v128.load(p + 2 * dStride), e0));
        v128.store(p + 3 * dStride, f32x4.add(v128.load(p + 3 * dStride), f0));
      }
    }
  }
}

// ---- the GRU's gates ------------------------------------------------------------------------------------
// e^x lane-wise in float32 (Cephes expf: x = n·ln 2 + r, |r| ≤ ½ ln 2, a degree-6 polynomial in r; ≤ 2 ulp).
// Only what the gates need is exact: above 88.72 it is +∞ (as float32 exp overflows), below −87 it is 0
// (the gates then round to 0 or 1 anyway), NaN stays NaN.
@inline
function expf4(x: v128): v128 {
  const overflow = f32x4.gt(x, f32x4.splat(88.72283));
  const underflow = f32x4.lt(x, f32x4.splat(-87.0));
  const xc = f32x4.min(f32x4.max(x, f32x4.splat(-87.0)), f32x4.splat(88.3));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(1.44269504)));
  let r = f32x4.sub(xc, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23); // 2^n, n in [−126, 127]
  const e = f32x4.mul(p, scale);
  return v128.bitselect(f32x4.splat(Infinity), v128.andnot(e, underflow), overflow);
}

// σ(a) = 1 / (1 + e^−a): exactly 0 where e^−a overflows (a < −88.72), exactly 1 for a > 87.
@inline
function sigmoid4(a: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expf4(f32x4.neg(a))));
}

// tanh(a) = sign(a) · (1 − e^−2|a|) / (1 + e^−2|a|); for |a| < 1/16 its series to a⁹ (no cancellation).
@inline
function tanh4(a: v128): v128 {
  const m = f32x4.abs(a);
  const e = expf4(f32x4.mul(m, f32x4.splat(-2)));
  const big = f32x4.div(f32x4.sub(f32x4.splat(1), e), f32x4.add(f32x4.splat(1), e));
  const m2 = f32x4.mul(m, m);
  let s = f32x4.splat(62.0 / 2835.0);
  s = f32x4.add(f32x4.mul(s, m2), f32x4.splat(-17.0 / 315.0));
  s = f32x4.add(f32x4.mul(s, m2), f32x4.splat(2.0 / 15.0));
  s = f32x4.add(f32x4.mul(s, m2), f32x4.splat(-1.0 / 3.0));
  const small = f32x4.add(f32x4.mul(f32x4.mul(s, m2), m), m);
  const t = v128.bitselect(small, big, f32x4.lt(m, f32x4.splat(0.0625)));
  return v128.bitselect(a, t, i32x4.splat(0x80000000)); // the sign of a, the magnitude of t
}

/**
 * The gates and blend of one GRU step (PyTorch's reset-after cell), after the products. gi and gh hold
 * W_ih x and W_hh h, `stride` floats per batch row (gate blocks r | z | n at 0, H, 2H); the biases are added
 * to them in place first, so they end as the pre-activations. h has `hStride` floats per batch row.
 *   r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r·gh_n), h′ = (h − n)·z + n (ATen's float32 form)
 * r, z, n and h′ are written with H floats per batch row. Every operation is float32.
 */
export function gates(gi: usize, gh: usize, stride: i32, bih: usize, bhh: usize, h: usize, hStride: i32, H: i32, batch: i32, r: usize, z: usize, n: usize, hOut: usize): void {
  const G = 3 * H;
  const rowBytes = (<usize>stride) << 2;
  for (let b = 0; b < batch; b++) {
    const pi = gi + (<usize>b) * rowBytes;
    const ph = gh + (<usize>b) * rowBytes;
    let j = 0;
    for (; j + 4 <= G; j += 4) {
      const o = (<usize>j) << 2;
      v128.store(pi + o, f32x4.add(v128.load(pi + o), v128.load(bih + o)));
      v128.store(ph + o, f32x4.add(v128.load(ph + o), v128.load(bhh + o)));
    }
    for (; j < G; j++) {
      const o = (<usize>j) << 2;
      store<f32>(pi + o, load<f32>(pi + o) + load<f32>(bih + o));
      store<f32>(ph + o, load<f32>(ph + o) + load<f32>(bhh + o));
    }
    const hb = h + (<usize>b) * ((<usize>hStride) << 2);
    const ob = (<usize>b) * ((<usize>H) << 2);
    const zOff = (<usize>H) << 2;
    const nOff = (<usize>H) << 3;
    j = 0;
    for (; j + 4 <= H; j += 4) {
      const o = (<usize>j) << 2;
      const rv = sigmoid4(f32x4.add(v128.load(pi + o), v128.load(ph + o)));
      const zv = sigmoid4(f32x4.add(v128.load(pi + zOff + o), v128.load(ph + zOff + o)));
      const nv = tanh4(f32x4.add(v128.load(pi + nOff + o), f32x4.mul(rv, v128.load(ph + nOff + o))));
      v128.store(r + ob + o, rv);
      v128.store(z + ob + o, zv);
      v128.store(n + ob + o, nv);
      v128.store(hOut + ob + o, f32x4.add(f32x4.mul(f32x4.sub(v128.load(hb + o), nv), zv), nv));
    }
    // the last H % 4 units one at a time, through the same lane-wise functions
    for (; j < H; j++) {
      const o = (<usize>j) << 2;
      const rv = sigmoid4(f32x4.splat(load<f32>(pi + o) + load<f32>(ph + o)));
      const zv = sigmoid4(f32x4.splat(load<f32>(pi + zOff + o) + load<f32>(ph + zOff + o)));
      const nv = tanh4(f32x4.add(f32x4.splat(load<f32>(pi + nOff + o)), f32x4.mul(rv, f32x4.splat(load<f32>(ph + nOff + o)))));
      const hv = f32x4.add(f32x4.mul(f32x4.sub(f32x4.splat(load<f32>(hb + o)), nv), zv), nv);
      store<f32>(r + ob + o, f32x4.extract_lane(rv, 0));
      store<f32>(z + ob + o, f32x4.extract_lane(zv, 0));
      store<f32>(n + ob + o, f32x4.extract_lane(nv, 0));
      store<f32>(hOut + ob + o, f32x4.extract_lane(hv, 0));
    }
  }
}
