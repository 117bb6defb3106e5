import { describe, expect, it } from 'vitest';
import cellCases from '../gru/fixtures/gru-cell.json';
import { decodeF32, goldenWeights, maxAbsDiff } from '../gru/fixtures/golden';
import { gruCell } from '../gru/cell';
import { FLAX_BLOCKS, fromFlax, toFlax, type FlaxGruParams } from './flax';
import { randomWeights, sameBits } from './fixtures/testWeights';

// Flax linen GRUCell, written out from flax/linen/recurrent.py (Dense: y = x · kernel + bias, kernel (in, out)):
//   r = σ(ir(x) + hr(h)), z = σ(iz(x) + hz(h)), n = tanh(in(x) + r ⊙ hn(h)), h' = (1 − z) ⊙ n + z ⊙ h
function flaxCell(p: FlaxGruParams, I: number, H: number, x: ArrayLike<number>, h: ArrayLike<number>, batch: number): number[] {
  const dense = (kernel: Float32Array, bias: Float32Array | undefined, v: ArrayLike<number>, off: number, n: number, j: number): number => {
    let s = bias ? bias[j] : 0;
    for (let k = 0; k < n; k++) s += v[off + k] * kernel[k * H + j];
    return s;
  };
  const sig = (a: number): number => 1 / (1 + Math.exp(-a));
  const out: number[] = [];
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      const r = sig(dense(p.ir.kernel, p.ir.bias, x, b * I, I, j) + dense(p.hr.kernel, undefined, h, b * H, H, j));
      const z = sig(dense(p.iz.kernel, p.iz.bias, x, b * I, I, j) + dense(p.hz.kernel, undefined, h, b * H, H, j));
      const n = Math.tanh(dense(p.in.kernel, p.in.bias, x, b * I, I, j) + r * dense(p.hn.kernel, p.hn.bias, h, b * H, H, j));
      out.push((1 - z) * n + z * h[b * H + j]);
    }
  }
  return out;
}

describe('toFlax', () => {
  const I = 3;
  const H = 4;
  const w = randomWeights(I, H, 61);
  const f = toFlax(w);

  it('has six Dense blocks with (in, out) kernels and four biases', () => {
    expect(Object.keys(f.params).sort()).toEqual([...FLAX_BLOCKS].sort());
    expect(f.shapes.ir).toEqual({ kernel: [I, H], bias: [H] });
    expect(f.shapes.hr).toEqual({ kernel: [H, H] });
    expect(f.shapes.hn).toEqual({ kernel: [H, H], bias: [H] });
    expect('bias' in f.params.hr || 'bias' in f.params.hz).toBe(false);
  });

  it('transposes each PyTorch row block: weight_hh[H + 3, 1] is hz.kernel[1, 3]', () => {
    expect(f.params.hz.kernel[1 * H + 3]).toBe(w.weightHh[(H + 3) * H + 1]);
    expect(f.params.in.kernel[2 * H + 1]).toBe(w.weightIh[(2 * H + 1) * I + 2]);
  });

  it('folds b_ir + b_hr and b_iz + b_hz; b_in and b_hn stay exact', () => {
    for (let j = 0; j < H; j++) {
      expect(f.params.ir.bias[j]).toBe(Math.fround(w.biasIh[j] + w.biasHh[j]));
      expect(f.params.iz.bias[j]).toBe(Math.fround(w.biasIh[H + j] + w.biasHh[H + j]));
      expect(f.params.in.bias[j]).toBe(w.biasIh[2 * H + j]);
      expect(f.params.hn.bias[j]).toBe(w.biasHh[2 * H + j]);
    }
    expect(f.foldRounding).toBeLessThan(1e-7);
  });
});

describe('Flax GRUCell computes PyTorch’s function', () => {
  for (const c of cellCases.cases.filter((k) => !['nan_weight', 'inf_bias'].includes(k.name))) {
    it(`${c.name}`, () => {
      const w = goldenWeights(c);
      const x = decodeF32(c.x);
      const h = decodeF32(c.h);
      const f = toFlax(w);
      expect(maxAbsDiff(flaxCell(f.params, w.inputSize, w.hiddenSize, x, h, c.batch), decodeF32(c.hNext))).toBeLessThanOrEqual(1e-5);
      // back to PyTorch layout: a different bias split, the same cell
      const back = fromFlax(f.params);
      expect(maxAbsDiff(gruCell(back, x, h, c.batch).h, gruCell(w, x, h, c.batch).h)).toBeLessThanOrEqual(1e-5);
    });
  }
});

describe('fromFlax', () => {
  it('puts ir/iz/in biases in bias_ih, hn.bias in bias_hh[2H:3H], zeros elsewhere; toFlax undoes it exactly', () => {
    const f = toFlax(randomWeights(2, 3, 62)).params;
    const w = fromFlax(f);
    expect([w.inputSize, w.hiddenSize]).toEqual([2, 3]);
    expect(Array.from(w.biasHh.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
    const again = toFlax(w).params;
    for (const name of FLAX_BLOCKS) {
      expect(sameBits(again[name].kernel, f[name].kernel)).toBe(true);
      const a = (again[name] as { bias?: Float32Array }).bias;
      const b = (f[name] as { bias?: Float32Array }).bias;
      if (b) expect(sameBits(a!, b)).toBe(true);
    }
  });

  it('throws clear errors for missing blocks and wrong sizes', () => {
    const f = toFlax(randomWeights(2, 3, 63)).params;
    expect(() => fromFlax({ ...f, hz: undefined } as unknown as FlaxGruParams)).toThrow(/hz.kernel/);
    expect(() => fromFlax({ ...f, in: { kernel: new Float32Array(5), bias: f.in.bias } })).toThrow(/in.kernel/);
    expect(() => fromFlax({ ...f, hn: { kernel: f.hn.kernel, bias: new Float32Array(2) } })).toThrow(/hn.bias/);
  });
});
