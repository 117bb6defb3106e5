// Every reading of one set of stored GRU weights on one observation (x, h), for the layout detective: the 6
// block orders × stored (3H, ·) or transposed (·, 3H) × reset-after/before × the gate activations.
//
// Why it is fast: a block order only renames blocks. W_ih x and W_hh h over all 3H rows are the same numbers
// for every order — only which output block is read as r, z or n changes — so they are computed once per
// transposition on the stored arrays, and the orders permute output blocks instead of weights. The transposed
// reading multiplies by each block's transpose, which is the product from the other side, g · W
// (productGW), on the stored matrix; no weight is copied or transposed except, once, the three H × H column
// blocks of W_hh that reset-before multiplies by r ⊙ h. Those products (one per order and activation) run
// batched: one call per n block for the 2 orders × activations that read that block as n.
//
// Each reading's arithmetic is variantStep's (src/layouts/variants.ts): same gates, same float32 steps. Only
// the products' float64 summation order differs (other tiles, another batch), so a value can differ from
// variantStep's by one float32 rounding; with the WebAssembly kernels the products sum in float32.
import { affine, productGW } from '../kernels';
import type { GruWeights } from '../gru/weights';
import { ALL_BLOCK_ORDERS, type BlockOrder } from './blocks';
import { recurrentActivationFn, type RecurrentActivation } from './variants';

const CHUNK = 4096;

/** One reading, as the detective enumerates them. */
export interface ReadingKey {
  gateOrder: BlockOrder;
  transposed: boolean;
  resetAfter: boolean;
  recurrentActivation: RecurrentActivation;
}

/** Enumeration order: block order, then not transposed / transposed, then reset-after / before, then activation. */
export function readingKeys(activations: readonly RecurrentActivation[]): ReadingKey[] {
  const keys: ReadingKey[] = [];
  for (const gateOrder of ALL_BLOCK_ORDERS) {
    for (const transposed of [false, true]) {
      for (const resetAfter of [true, false]) {
        for (const recurrentActivation of activations) keys.push({ gateOrder, transposed, resetAfter, recurrentActivation });
      }
    }
  }
  return keys;
}

const readingIndex = (order: number, transposed: boolean, resetAfter: boolean, act: number, acts: number): number =>
  order * 4 * acts + (transposed ? 2 * acts : 0) + (resetAfter ? 0 : acts) + act;

/**
 * Calls visit(i, h′) for every reading, i its index in readingKeys(activations). h′ is batch × H and is
 * only valid during the call. x is batch × I, h batch × H; lengths are checked by the caller.
 */
export function forEachReading(
  stored: GruWeights,
  x: ArrayLike<number>,
  h: ArrayLike<number>,
  batch: number,
  activations: readonly RecurrentActivation[],
  visit: (index: number, hNext: Float32Array) => void,
): void {
  const { inputSize: I, hiddenSize: H } = stored;
  const G = 3 * H;
  const acts = activations.map(recurrentActivationFn);
  const xs = Float32Array.from(x);
  const hs = Float32Array.from(h);
  const gi = new Float32Array(batch * G);
  const gh = new Float32Array(batch * G);
  const hNext = new Float32Array(batch * H);
  const r = new Float32Array(batch * H);
  const z = new Float32Array(batch * H);
  // Reset-before: r ⊙ h of every (order, activation) that reads block k as n, stacked as one batch per block.
  const perBlock = 2 * acts.length; // two orders put n in each block
  const rh = [0, 1, 2].map(() => new Float32Array(perBlock * batch * H));
  const ghN = [0, 1, 2].map(() => new Float32Array(perBlock * batch * H));

  for (const transposed of [false, true]) {
    if (!transposed) {
      affine(stored.weightIh, G, I, stored.biasIh, xs, batch, gi);
      affine(stored.weightHh, G, H, stored.biasHh, hs, batch, gh);
    } else {
      // (Wᵀ) x = x · W: the stored (I, 3H) and (H, 3H) matrices from the other side.
      productGW(xs, batch, I, stored.weightIh, G, gi, stored.biasIh);
      productGW(hs, batch, H, stored.weightHh, G, gh, stored.biasHh);
    }
    const slots = [0, 0, 0];
    const slotOf: number[] = []; // per (order, activation): its row in its n block's stack
    // Reset-after: complete from gi and gh. Reset-before: r, z, and r ⊙ h into the n block's stack.
    ALL_BLOCK_ORDERS.forEach((order, o) => {
      const rb = order.indexOf('r') * H;
      const zb = order.indexOf('z') * H;
      const nk = order.indexOf('n');
      const nb = nk * H;
      acts.forEach((act, a) => {
        gates(act, gi, gh, rb, zb, H, batch, r, z);
        blend(gi, nb, hs, r, z, H, batch, hNext, gh, nb, G);
        visit(readingIndex(o, transposed, true, a, acts.length), hNext);
        const slot = slots[nk]++;
        slotOf[o * acts.length + a] = slot;
        const dst = rh[nk];
        const off = slot * batch * H;
        for (let i = 0; i < batch * H; i++) dst[off + i] = r[i] * hs[i];
      });
    });
    // W_hn (r ⊙ h) + b_hn for every stacked row at once, per n block.
    for (let k = 0; k < 3; k++) {
      const bias = stored.biasHh.subarray(k * H, (k + 1) * H);
      const weight = transposed ? columnBlock(stored.weightHh, H, k) : stored.weightHh.subarray(k * H * H, (k + 1) * H * H);
      // in chunks: the kernels take at most KERNEL_LIMIT batch rows
      for (let row0 = 0; row0 < perBlock * batch; row0 += CHUNK) {
        const rows = Math.min(CHUNK, perBlock * batch - row0);
        const g = rh[k].subarray(row0 * H, (row0 + rows) * H);
        const out = ghN[k].subarray(row0 * H, (row0 + rows) * H);
        if (transposed) productGW(g, rows, H, weight, H, out, bias);
        else affine(weight, H, H, bias, g, rows, out);
      }
    }
    // Finish reset-before: the gates again (cheap) and the blend with W_hn (r ⊙ h) + b_hn.
    ALL_BLOCK_ORDERS.forEach((order, o) => {
      const nk = order.indexOf('n');
      acts.forEach((act, a) => {
        gates(act, gi, gh, order.indexOf('r') * H, order.indexOf('z') * H, H, batch, r, z);
        const off = slotOf[o * acts.length + a] * batch * H;
        blend(gi, nk * H, hs, null, z, H, batch, hNext, ghN[nk].subarray(off, off + batch * H), 0, H);
        visit(readingIndex(o, transposed, false, a, acts.length), hNext);
      });
    });
  }
}

/** H × H column block k of a row-major H × 3H matrix. */
function columnBlock(w: Float32Array, H: number, k: number): Float32Array {
  const out = new Float32Array(H * H);
  for (let i = 0; i < H; i++) out.set(w.subarray(i * 3 * H + k * H, i * 3 * H + (k + 1) * H), i * H);
  return out;
}

/** r and z from the blocks at rb and zb of gi and gh (batch × 3H), as variantStep computes them. */
function gates(
  act: (a: number) => number,
  gi: Float32Array,
  gh: Float32Array,
  rb: number,
  zb: number,
  H: number,
  batch: number,
  r: Float32Array,
  z: Float32Array,
): void {
  const G = 3 * H;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      r[b * H + j] = act(gi[b * G + rb + j] + gh[b * G + rb + j]);
      z[b * H + j] = act(gi[b * G + zb + j] + gh[b * G + zb + j]);
    }
  }
}

/**
 * n and h′ as variantStep: n = tanh(gi_n + (r ⊙) ghN), h′ = (h − n) ⊙ z + n in float32 steps. ghN is read at
 * ghN[b · stride + nOff + j]; r null: reset-before (ghN already holds W_hn (r ⊙ h) + b_hn).
 */
function blend(
  gi: Float32Array,
  nb: number,
  hs: Float32Array,
  r: Float32Array | null,
  z: Float32Array,
  H: number,
  batch: number,
  hNext: Float32Array,
  ghN: Float32Array,
  nOff: number,
  stride: number,
): void {
  const G = 3 * H;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      const u = b * H + j;
      const g = ghN[b * stride + nOff + j];
      const inner = r ? r[u] * g : g;
      const nj = Math.fround(Math.tanh(gi[b * G + nb + j] + inner));
      hNext[u] = Math.fround(Math.fround(hs[u] - nj) * z[u]) + nj;
    }
  }
}
