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
// Sums are float32, lane-wise: lane l of row j's accumulator adds W[j, 4g + l] · x[4g + l] for
// g = 0, 1, … in order, then the row's sum is (lane0 + lane2) + (lane1 + lane3). Every kernel
// below sums a row in exactly that order, whatever the tile shape, so a row's result does not
// depend on the batch size or on which tile computed it (src/kernels/simd.test.ts pins the order).

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
  const triples = batch - (batch % 3);
  // Three batch rows per pass over a tile (12 accumulators); the tile (≤ 16 KiB at 1024 columns)
  // stays in L1 while the batch rows pass over it.
  if (triples > 0) {
    for (let t = 0; t < tiles; t++) {
      const wt = w + (<usize>t) * tileBytes;
      for (let b = 0; b < triples; b += 3) {
        tile4x3(wt, groups, x + (<usize>b) * xStride, xStride, y + (<usize>b) * yStride + ((<usize>t) << 4), yStride);
      }
    }
  }
  const rest = batch - triples;
  if (rest == 2) {
    for (let t = 0; t < tiles; t++) {
      tile4x2(w + (<usize>t) * tileBytes, groups, x + (<usize>triples) * xStride, xStride, y + (<usize>triples) * yStride + ((<usize>t) << 4), yStride);
    }
  } else if (rest == 1) {
    // One batch row: two tiles at a time (8 accumulators keep the adds in flight).
    const xb = x + (<usize>triples) * xStride;
    const yb = y + (<usize>triples) * yStride;
    let t = 0;
    for (; t + 2 <= tiles; t += 2) tile8x1(w + (<usize>t) * tileBytes, tileBytes, groups, xb, yb + ((<usize>t) << 4));
    if (t < tiles) tile4x1(w + (<usize>t) * tileBytes, groups, xb, yb + ((<usize>t) << 4));
  }
}

@inline
function tile4x1(w: usize, groups: i32, x: usize, y: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  for (let g = 0; g < groups; g++) {
    const v = v128.load(x);
    a0 = f32x4.add(a0, f32x4.mul(v128.load(w), v));
    a1 = f32x4.add(a1, f32x4.mul(v128.load(w, 16), v));
    a2 = f32x4.add(a2, f32x4.mul(v128.load(w, 32), v));
    a3 = f32x4.add(a3, f32x4.mul(v128.load(w, 48), v));
    w += 64;
    x += 16;
  }
  v128.store(y, rowSums(a0, a1, a2, a3));
}

@inline
function tile8x1(w: usize, tileBytes: usize, groups: i32, x: usize, y: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let c0 = a0;
  let c1 = a0;
  let c2 = a0;
  let c3 = a0;
  let u = w + tileBytes;
  for (let g = 0; g < groups; g++) {
    const v = v128.load(x);
    a0 = f32x4.add(a0, f32x4.mul(v128.load(w), v));
    a1 = f32x4.add(a1, f32x4.mul(v128.load(w, 16), v));
    a2 = f32x4.add(a2, f32x4.mul(v128.load(w, 32), v));
    a3 = f32x4.add(a3, f32x4.mul(v128.load(w, 48), v));
    c0 = f32x4.add(c0, f32x4.mul(v128.load(u), v));
    c1 = f32x4.add(c1, f32x4.mul(v128.load(u, 16), v));
    c2 = f32x4.add(c2, f32x4.mul(v128.load(u, 32), v));
    c3 = f32x4.add(c3, f32x4.mul(v128.load(u, 48), v));
    w += 64;
    u += 64;
    x += 16;
  }
  v128.store(y, rowSums(a0, a1, a2, a3));
  v128.store(y, rowSums(c0, c1, c2, c3), 16);
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

@inline
function tile4x3(w: usize, groups: i32, x: usize, xStride: usize, y: usize, yStride: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  let b0 = a0;
  let b1 = a0;
  let b2 = a0;
  let b3 = a0;
  let c0 = a0;
  let c1 = a0;
  let c2 = a0;
  let c3 = a0;
  let x1 = x + xStride;
  let x2 = x1 + xStride;
  for (let g = 0; g < groups; g++) {
    const w0 = v128.load(w);
    const w1 = v128.load(w, 16);
    const w2 = v128.load(w, 32);
    const w3 = v128.load(w, 48);
    const v = v128.load(x);
    a0 = f32x4.add(a0, f32x4.mul(w0, v));
    a1 = f32x4.add(a1, f32x4.mul(w1, v));
    a2 = f32x4.add(a2, f32x4.mul(w2, v));
    a3 = f32x4.add(a3, f32x4.mul(w3, v));
    const u = v128.load(x1);
    b0 = f32x4.add(b0, f32x4.mul(w0, u));
    b1 = f32x4.add(b1, f32x4.mul(w1, u));
    b2 = f32x4.add(b2, f32x4.mul(w2, u));
    b3 = f32x4.add(b3, f32x4.mul(w3, u));
    const s = v128.load(x2);
    c0 = f32x4.add(c0, f32x4.mul(w0, s));
    c1 = f32x4.add(c1, f32x4.mul(w1, s));
    c2 = f32x4.add(c2, f32x4.mul(w2, s));
    c3 = f32x4.add(c3, f32x4.mul(w3, s));
    w += 64;
    x += 16;
    x1 += 16;
    x2 += 16;
  }
  v128.store(y, rowSums(a0, a1, a2, a3));
  v128.store(y + yStride, rowSums(b0, b1, b2, b3));
  v128.store(y + (yStride << 1), rowSums(c0, c1, c2, c3));
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
 * d[j, k] += Σ_b g[b, j] · x[b, k] (the weight gradient of x ↦ W x summed over n rows), in
 * float32, one running sum per entry starting from d's value, over b in order. d is row-major with
 * 4·tiles rows of 4·groups floats; g has n rows of 4·tiles floats, x n rows of 4·groups floats.
 * Rows of g and x are taken in chunks so a chunk of x stays in L2 while every tile of d passes over it.
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
        let a0 = v128.load(p);
        let a1 = v128.load(p, 16);
        let c0 = v128.load(p + dStride);
        let c1 = v128.load(p + dStride, 16);
        let e0 = v128.load(p + 2 * dStride);
        let e1 = v128.load(p + 2 * dStride, 16);
        let f0 = v128.load(p + 3 * dStride);
        let f1 = v128.load(p + 3 * dStride, 16);
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
        v128.store(p, a0);
        v128.store(p, a1, 16);
        v128.store(p + dStride, c0);
        v128.store(p + dStride, c1, 16);
        v128.store(p + 2 * dStride, e0);
        v128.store(p + 2 * dStride, e1, 16);
        v128.store(p + 3 * dStride, f0);
        v128.store(p + 3 * dStride, f1, 16);
      }
      if (q < groups) {
        const p = d0 + ((<usize>q) << 4);
        let a0 = v128.load(p);
        let c0 = v128.load(p + dStride);
        let e0 = v128.load(p + 2 * dStride);
        let f0 = v128.load(p + 3 * dStride);
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
        v128.store(p, a0);
        v128.store(p + dStride, c0);
        v128.store(p + 2 * dStride, e0);
        v128.store(p + 3 * dStride, f0);
      }
    }
  }
}
