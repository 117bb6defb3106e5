import { describe, expect, it } from 'vitest';
import { GATES, gateRows } from '../gru/gates';
import { zeroWeights } from '../gru/weights';
import {
  applyInitializer,
  defaultInitializer,
  INITIALIZER_LABELS,
  pytorchDefaultWeights,
  sampleInitializer,
  type Initializer,
  type InitializerKind,
} from './initializers';
import { orthogonalMatrix } from './orthogonal';
import { normalSampler, seededRng } from './random';

const mean = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;
const std = (v: ArrayLike<number>) => {
  const m = mean(v);
  return Math.sqrt(Array.from(v).reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
};
const maxAbs = (v: ArrayLike<number>) => Math.max(...Array.from(v, Math.abs));

describe('initializers follow torch.nn.init', () => {
  const rows = 64;
  const cols = 48;
  const sample = (spec: Initializer, seed = 7) => sampleInitializer(spec, rows, cols, false, 64, seed);

  it('PyTorch default is U(−1/√H, 1/√H)', () => {
    const v = sampleInitializer({ kind: 'pytorch' }, 3 * 256, 1, true, 256, 1);
    expect(maxAbs(v)).toBeLessThanOrEqual(1 / 16);
    expect(maxAbs(v)).toBeGreaterThan(0.9 / 16); // fills the range
    expect(Math.abs(mean(v))).toBeLessThan(0.01);
  });

  it('uniform(a, b) stays in [a, b) and normal(μ, σ) has its moments', () => {
    const u = sample({ kind: 'uniform', low: 2, high: 3 });
    expect(Math.min(...u)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...u)).toBeLessThanOrEqual(3);
    const n = sample({ kind: 'normal', mean: 1.5, std: 0.25 });
    expect(mean(n)).toBeCloseTo(1.5, 1);
    expect(std(n)).toBeCloseTo(0.25, 1);
  });

  it('Xavier and Kaiming use the fans of the region filled', () => {
    const a = Math.sqrt(6 / (rows + cols));
    const xu = sample({ kind: 'xavierUniform', gain: 1 });
    expect(maxAbs(xu)).toBeLessThanOrEqual(a);
    expect(maxAbs(xu)).toBeGreaterThan(0.95 * a);
    expect(std(sample({ kind: 'xavierNormal', gain: 2 }))).toBeCloseTo(2 * Math.sqrt(2 / (rows + cols)), 2);
    const ku = sample({ kind: 'kaimingUniform', gain: Math.SQRT2 });
    expect(maxAbs(ku)).toBeLessThanOrEqual(Math.SQRT2 * Math.sqrt(3 / cols));
    expect(std(sample({ kind: 'kaimingNormal', gain: Math.SQRT2 }))).toBeCloseTo(Math.SQRT2 / Math.sqrt(cols), 2);
  });

  it('orthogonal gives orthonormal rows or columns, scaled by gain', () => {
    for (const [r, c] of [
      [12, 5],
      [5, 12],
      [8, 8],
    ]) {
      const q = orthogonalMatrix(r, c, normalSampler(seededRng(3), 0, 1), 2);
      const k = Math.min(r, c);
      // Gram matrix of the shorter side must be gain² · I.
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          let dot = 0;
          for (let i = 0; i < Math.max(r, c); i++) {
            dot += r >= c ? q[i * c + a] * q[i * c + b] : q[a * c + i] * q[b * c + i];
          }
          expect(dot).toBeCloseTo(a === b ? 4 : 0, 9);
        }
      }
    }
  });

  it('constant and zeros fill exactly', () => {
    expect(Array.from(sample({ kind: 'constant', value: -20 }))).toEqual(Array(rows * cols).fill(-20));
    expect(Array.from(sample({ kind: 'zeros' }))).toEqual(Array(rows * cols).fill(0));
  });

  it('the same seed gives the same values; another seed does not', () => {
    for (const kind of Object.keys(INITIALIZER_LABELS) as InitializerKind[]) {
      if (kind === 'constant' || kind === 'zeros') continue;
      const spec = defaultInitializer(kind);
      expect(sample(spec, 11)).toEqual(sample(spec, 11));
      expect(sample(spec, 11)).not.toEqual(sample(spec, 12));
    }
  });

  it('refuses fan-based initializers on a bias and non-finite parameters', () => {
    expect(() => sampleInitializer({ kind: 'xavierUniform', gain: 1 }, 12, 1, true, 4, 0)).toThrow(/bias has no fan-in/);
    expect(() => sample({ kind: 'normal', mean: Number.NaN, std: 1 })).toThrow(/mean must be a finite number/);
    expect(() => sample({ kind: 'uniform', low: 1, high: 0 })).toThrow(/low \(1\) must not exceed high \(0\)/);
    expect(() => sample({ kind: 'zeros' }, Number.POSITIVE_INFINITY)).toThrow(/seed must be a finite number/);
  });
});

describe('applyInitializer on gate bands', () => {
  const H = 4;
  const base = pytorchDefaultWeights(zeroWeights(3, H), 5);

  it('changes only the chosen band of the chosen tensor', () => {
    const w = applyInitializer(base, { tensor: 'weight_hh', gate: 'z' }, { kind: 'constant', value: 1 }, 0);
    const { start, end } = gateRows('z', H);
    for (let row = 0; row < 3 * H; row++) {
      const got = Array.from(w.weightHh.subarray(row * H, (row + 1) * H));
      const before = Array.from(base.weightHh.subarray(row * H, (row + 1) * H));
      expect(got).toEqual(row >= start && row < end ? [1, 1, 1, 1] : before);
    }
    expect(w.weightIh).toBe(base.weightIh); // untouched tensors are shared
    expect(base.weightHh).not.toEqual(w.weightHh); // the input was not mutated
  });

  it('initialises r, z and n differently, as the forum asked', () => {
    let w = base;
    const specs: Initializer[] = [
      { kind: 'orthogonal', gain: 1 },
      { kind: 'constant', value: 1 },
      { kind: 'xavierUniform', gain: 1 },
    ];
    GATES.forEach((gate, i) => {
      w = applyInitializer(w, { tensor: 'weight_hh', gate }, specs[i], 42);
    });
    expect(Array.from(w.weightHh.subarray(H * H, 2 * H * H))).toEqual(Array(H * H).fill(1));
  });

  it('default PyTorch init of the whole cell is reproducible from its seed', () => {
    expect(pytorchDefaultWeights(zeroWeights(3, H), 5)).toEqual(base);
    expect(maxAbs(base.weightHh)).toBeLessThanOrEqual(1 / Math.sqrt(H));
  });
});
