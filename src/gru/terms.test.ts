import { describe, expect, it } from 'vitest';
import cellCases from './fixtures/gru-cell.json';
import { goldenWeights, decodeF32, type GoldenWeights } from './fixtures/golden';
import { gatePreActivations, gateTerms } from './terms';

interface CellCase extends GoldenWeights {
  name: string;
  batch: number;
  gi: string;
  gh: string;
  r: string;
  z: string;
  n: string;
}
const cases = (cellCases as unknown as { cases: CellCase[] }).cases;
const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

describe('gate pre-activations from PyTorch’s gi, gh and r', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: σ(a_r) = r, σ(a_z) = z, tanh(a_n) = n as PyTorch computed them', (_, c) => {
    const [gi, gh, r, z, n] = [c.gi, c.gh, c.r, c.z, c.n].map(decodeF32);
    const pre = gatePreActivations({ gi, gh, r }, c.batch, c.hiddenSize);
    for (let u = 0; u < c.batch * c.hiddenSize; u++) {
      if (Number.isNaN(r[u]) || Number.isNaN(n[u])) continue;
      expect(Math.abs(sigmoid(pre.r[u]) - r[u])).toBeLessThanOrEqual(2e-6);
      expect(Math.abs(sigmoid(pre.z[u]) - z[u])).toBeLessThanOrEqual(2e-6);
      expect(Math.abs(Math.tanh(pre.n[u]) - n[u])).toBeLessThanOrEqual(2e-6);
    }
  });

  it('terms add back to the pre-activations: W·x + b_i = gi and W·h + b_h = gh, per gate', () => {
    const c = cases.find((k) => k.batch > 1) ?? cases[0];
    const w = goldenWeights(c);
    const [gi, gh] = [decodeF32(c.gi), decodeF32(c.gh)];
    const H = c.hiddenSize;
    const b = c.batch - 1;
    const terms = gateTerms(w, { gi, gh }, H - 1, b);
    terms.forEach((t, k) => {
      const row = b * 3 * H + k * H + H - 1;
      expect(t.bi).toBe(w.biasIh[k * H + H - 1]);
      expect(t.bh).toBe(w.biasHh[k * H + H - 1]);
      expect(Math.fround(t.wx + t.bi)).toBeCloseTo(gi[row], 5);
      expect(Math.fround(t.wh + t.bh)).toBeCloseTo(gh[row], 5);
    });
  });
});
