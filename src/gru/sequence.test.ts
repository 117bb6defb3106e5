import { describe, expect, it } from 'vitest';
import sequenceCases from './fixtures/gru-sequence.json';
import { decodeF32, goldenWeights, maxAbsDiff } from './fixtures/golden';
import { gruCell } from './cell';
import { gruSequence } from './sequence';

describe('gruSequence matches PyTorch nn.GRU (one layer, sequence-first)', () => {
  for (const c of sequenceCases.cases) {
    it(`${c.name} (I=${c.inputSize}, H=${c.hiddenSize}, batch=${c.batch}, steps=${c.steps})`, () => {
      const result = gruSequence(goldenWeights(c), decodeF32(c.xs), decodeF32(c.h0), c.steps, c.batch);
      expect(maxAbsDiff(result.outputs, decodeF32(c.outputs))).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(result.h, decodeF32(c.h))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('records the gates of every step, equal to stepping gruCell by hand', () => {
    const c = sequenceCases.cases.find((k) => k.steps > 3 && k.batch > 1)!;
    const w = goldenWeights(c);
    const xs = decodeF32(c.xs);
    const seq = gruSequence(w, xs, decodeF32(c.h0), c.steps, c.batch);
    const BH = c.batch * c.hiddenSize;
    const BI = c.batch * c.inputSize;
    let h = decodeF32(c.h0);
    for (let t = 0; t < c.steps; t++) {
      const step = gruCell(w, xs.subarray(t * BI, (t + 1) * BI), h, c.batch);
      expect(seq.z.slice(t * BH, (t + 1) * BH)).toEqual(step.z);
      expect(seq.r.slice(t * BH, (t + 1) * BH)).toEqual(step.r);
      h = step.h;
    }
    expect(seq.h).toEqual(h);
  });

  it('rejects a sequence of the wrong length', () => {
    const c = sequenceCases.cases[0];
    expect(() => gruSequence(goldenWeights(c), new Float32Array(2), decodeF32(c.h0), c.steps, c.batch)).toThrow(
      /xs has 2 values but \(steps, batch, I\)/,
    );
  });
});
