// The forum question "What is the layout of the GRU weights and bias?": with every weight zero,
// filling one bias block with ±20 saturates one gate and reveals which block it is. The probe
// states are built here with the core's own band edits; the expected numbers are what real
// PyTorch printed for the same fills (scripts/make_fixtures.py → forum-probes.json).
import { describe, expect, it } from 'vitest';
import probes from './fixtures/forum-probes.json';
import { decodeF32 } from './fixtures/golden';
import { gruCell } from './cell';
import { fillBand } from './edit';
import { GATES, type Gate } from './gates';
import { zeroWeights, type GruWeights } from './weights';

const I = 3;
const H = 4;
const probe = (name: string) => {
  const c = probes.cases.find((k) => k.name === name);
  if (!c) throw new Error(`no probe ${name}`);
  return c;
};
const hRowsOneToFour = Float32Array.from({ length: 4 * H }, (_, i) => Math.floor(i / H) + 1);

function expectExactly(w: GruWeights, name: string, x: Float32Array, h: Float32Array, batch: number) {
  const c = probe(name);
  // The same fill in PyTorch and here gives the same tensors …
  expect(w.biasIh).toEqual(decodeF32(c.biasIh));
  expect(w.biasHh).toEqual(decodeF32(c.biasHh));
  expect(h).toEqual(decodeF32(c.h));
  // … and exactly the numbers PyTorch printed.
  expect(Array.from(gruCell(w, x, h, batch).h)).toEqual(c.hNextList.flat());
}

describe('forum probes give exactly what PyTorch prints', () => {
  const expected: Record<Gate, (h: number) => number> = {
    r: (h) => 0.5 * h, // r = 1: n = tanh(0) = 0, z = ½ → h' = ½h
    z: (h) => h, // z = 1: h' = h (memory)
    n: (h) => 0.5 + 0.5 * h, // b_hn = 20 but r = ½ → n = tanh(10) ≈ 1, z = ½
  };
  GATES.forEach((gate, block) => {
    it(`bias_hh block ${block} = 20 with h rows 1..4 reveals ${gate}`, () => {
      const w = fillBand(zeroWeights(I, H), 'bias_hh', gate, 20);
      expectExactly(w, `bias_hh_block${block}_20`, new Float32Array(4 * I), hRowsOneToFour, 4);
      const out = gruCell(w, new Float32Array(4 * I), hRowsOneToFour, 4).h;
      out.forEach((v, i) => expect(v).toBeCloseTo(expected[gate](hRowsOneToFour[i]), 6));
    });
  });

  GATES.forEach((gate, block) => {
    it(`with z switched off, only bias_ih block 2 (n) = 20 gives h' = 1 (block ${block})`, () => {
      let w = fillBand(zeroWeights(I, H), 'bias_hh', 'z', -20);
      w = fillBand(w, 'bias_ih', gate, 20);
      expectExactly(w, `bias_ih_block${block}_20_z_off`, new Float32Array(I), new Float32Array(H), 1);
      expect(Array.from(gruCell(w, new Float32Array(I), new Float32Array(H)).h)).toEqual(Array(H).fill(gate === 'n' ? 1 : 0));
    });
  });

  for (const [rBias, name, value] of [
    [-100, 'reset_probe_r_minus100', 0],
    [20, 'reset_probe_r_plus20', 1],
  ] as const) {
    it(`bias_hh[0:4] = ${rBias} with b_hn = 20 and z off gives h' = ${value}: block 0 is r`, () => {
      let w = fillBand(zeroWeights(I, H), 'bias_hh', 'z', -20);
      w = fillBand(w, 'bias_hh', 'n', 20);
      w = fillBand(w, 'bias_hh', 'r', rBias);
      expectExactly(w, name, new Float32Array(I), new Float32Array(H), 1);
      expect(Array.from(gruCell(w, new Float32Array(I), new Float32Array(H)).h)).toEqual(Array(H).fill(value));
    });
  }
});
