import { describe, expect, it } from 'vitest';
import { defaultModel, resizeModel } from '../../src';
import { countBeyond, QUARTILE_SAMPLE, robustRange } from './robustRange';

const tensors = (m: ReturnType<typeof defaultModel>) => [m.weights.weightIh, m.weights.weightHh, m.weights.biasIh, m.weights.biasHh];
const maxAbs = (arrays: Float32Array[]) => Math.max(...arrays.map((a) => Math.max(...Array.from(a, Math.abs))));

describe('robustRange', () => {
  it('is max |w| for the default PyTorch initialisation (nothing clipped)', () => {
    const w = tensors(defaultModel());
    const r = robustRange(w);
    expect(r.range).toBe(maxAbs(w));
    expect(r.clipped).toBe(0);
  });

  it('one ±20 band probe at H = 4 leaves the other cells their own scale, and counts the 4 clipped cells', () => {
    const m = defaultModel();
    m.weights.biasHh.fill(20, 4, 8);
    const r = robustRange(tensors(m));
    expect(r.range).toBeLessThan(0.5);
    expect(r.range).toBeGreaterThan(0.45);
    expect(r.clipped).toBe(4);
    expect(r.maxAbs).toBe(20);
  });

  it('a probe alone (all other cells zero) keeps its own value as the range', () => {
    const w = [new Float32Array(36), new Float32Array(48), new Float32Array(12), new Float32Array(12)];
    w[3].fill(20, 4, 8);
    expect(robustRange(w)).toMatchObject({ range: 20, clipped: 0 });
    w[3].fill(-100, 0, 4);
    expect(robustRange(w).range).toBe(100);
  });

  it('after resizing 4 → 256 the range follows the new cells (U(±1/16)), the kept H = 4 cells are clipped', () => {
    const big = resizeModel(defaultModel(), 3, 256, 1, 0);
    const w = tensors(big);
    const r = robustRange(w);
    expect(r.range).toBeLessThanOrEqual(1.25 / 16);
    expect(r.range).toBeGreaterThan(0.062);
    expect(r.clipped).toBe(countBeyond(w, r.range));
    expect(r.clipped).toBeGreaterThan(50);
    expect(r.clipped).toBeLessThan(3 * 4 * (3 + 4 + 2));
  });

  it('samples large tensors for the quartiles but scans every value for the range and the count', () => {
    const a = Float32Array.from({ length: 4 * QUARTILE_SAMPLE }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
    a[12345] = 50;
    const r = robustRange([a]);
    expect(r.range).toBeCloseTo(0.5, 2);
    expect(r.clipped).toBe(1);
  });

  it('all zeros: the floor, nothing clipped; ±∞ counts as clipped, NaN is ignored', () => {
    expect(robustRange([new Float32Array(8)])).toMatchObject({ range: 1e-6, clipped: 0 });
    const r = robustRange([Float32Array.from([0.1, -0.2, Infinity, NaN])]);
    expect(r.range).toBeCloseTo(0.2, 6);
    expect(r.clipped).toBe(1);
  });
});
