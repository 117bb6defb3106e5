import { describe, expect, it } from 'vitest';
import { decodeF32, maxAbsDiff } from '../gru/fixtures/golden';
import { gruCell } from '../gru/cell';
import expected from '../formats/fixtures/onnx/expected.json';
import { fromTfjs, toTfjs } from './tfjs';
import { toKeras } from './keras';
import { gruCellVariant } from './variants';
import { randomArray, randomWeights, sameBits } from './fixtures/testWeights';

// docs/gru-conventions.md (tfjs-layers/src/layers/recurrent.ts): kernel [I, 3H] z | r | h,
// recurrent_kernel [H, 3H], bias [3H]; reset-before only; default recurrentActivation hardSigmoid.
describe('toTfjs', () => {
  const I = 3;
  const H = 4;
  const w = randomWeights(I, H, 51);
  const t = toTfjs(w);

  it('has the Keras kernel layout and a single (3H) bias', () => {
    const k = toKeras(w);
    expect(t.shapes).toEqual({ kernel: [I, 3 * H], recurrentKernel: [H, 3 * H], bias: [3 * H] });
    expect(sameBits(t.kernel, k.kernel)).toBe(true);
    expect(sameBits(t.recurrentKernel, k.recurrentKernel)).toBe(true);
    expect(t.resetAfter).toBe(false);
    expect(t.recurrentActivation).toBe('sigmoid');
  });

  it('folds b_i + b_h for z and r (z block first) and, by default, b_in + b_hn for h', () => {
    for (let j = 0; j < H; j++) {
      expect(t.bias[j]).toBe(Math.fround(w.biasIh[H + j] + w.biasHh[H + j]));
      expect(t.bias[H + j]).toBe(Math.fround(w.biasIh[j] + w.biasHh[j]));
      expect(t.bias[2 * H + j]).toBe(Math.fround(w.biasIh[2 * H + j] + w.biasHh[2 * H + j]));
    }
    const dropped = toTfjs(w, { candidateBias: 'drop' });
    for (let j = 0; j < H; j++) expect(dropped.bias[2 * H + j]).toBe(w.biasIh[2 * H + j]);
    expect(() => toTfjs(w, { candidateBias: 'half' as 'fold' })).toThrow(/candidateBias/);
  });

  it("says b_hn cannot be represented exactly and that TF.js's default activation is hardSigmoid", () => {
    expect(t.warnings.join(' ')).toMatch(/b_hn cannot be represented exactly/);
    expect(t.warnings.join(' ')).toMatch(/reset-before/);
    expect(t.warnings.join(' ')).toMatch(/hardSigmoid/);
  });

  it('is exact when r ≡ 1 and b_hn folds (saturated reset gate), approximate otherwise', () => {
    const x = randomArray(I, 3);
    const h = randomArray(H, 4);
    const back = fromTfjs(t).weights;
    const before = gruCellVariant(back, x, h, 1, { resetAfter: false }).h;
    expect(maxAbsDiff(before, gruCell(w, x, h).h)).toBeGreaterThan(1e-4);
    const sat = randomWeights(I, H, 52);
    sat.biasIh.fill(40, 0, H); // r = σ(≥ 40 − …) = 1 in float32
    const ts = toTfjs(sat);
    const viaTfjs = gruCellVariant(fromTfjs(ts).weights, x, h, 1, { resetAfter: false }).h;
    expect(maxAbsDiff(viaTfjs, gruCell(sat, x, h).h)).toBeLessThanOrEqual(2e-6);
  });
});

describe('fromTfjs', () => {
  it('reproduces real TF.js GRUCell output with gruCellVariant(resetAfter: false)', () => {
    for (const c of expected.tfjs) {
      const r = fromTfjs({
        kernel: decodeF32(c.kernel.data),
        recurrentKernel: decodeF32(c.recurrentKernel.data),
        bias: decodeF32(c.bias.data),
      });
      expect(r.resetAfter).toBe(false);
      expect(r.warnings[0]).toMatch(/reset-before/);
      const out = gruCellVariant(r.weights, decodeF32(c.x.data), decodeF32(c.h.data), c.batch, {
        resetAfter: false,
        recurrentActivation: c.recurrentActivation as 'sigmoid' | 'hardSigmoid',
      });
      expect(maxAbsDiff(out.h, decodeF32(c.hNext.data))).toBeLessThanOrEqual(1e-6);
    }
  });

  it('round-trips the TF.js tensors exactly', () => {
    const c = expected.tfjs[0];
    const kernel = decodeF32(c.kernel.data);
    const recurrentKernel = decodeF32(c.recurrentKernel.data);
    const bias = decodeF32(c.bias.data);
    const w = fromTfjs({ kernel, recurrentKernel, bias }).weights;
    const t = toTfjs(w); // bias_hh is zero, so folding changes nothing
    expect(sameBits(t.kernel, kernel) && sameBits(t.recurrentKernel, recurrentKernel) && sameBits(t.bias, bias)).toBe(true);
  });

  it('throws clear errors on wrong lengths', () => {
    expect(() => fromTfjs({ kernel: new Float32Array(36), recurrentKernel: new Float32Array(47) })).toThrow(/recurrent_kernel/);
    expect(() => fromTfjs({ kernel: new Float32Array(36), recurrentKernel: new Float32Array(48), bias: new Float32Array(11) })).toThrow(
      /bias has 11/,
    );
  });
});
