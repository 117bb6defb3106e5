import { describe, expect, it } from 'vitest';
import { gruCell } from '../gru/cell';
import { defaultModel } from './defaults';
import { sequenceInputs, unrollModel } from './sequence';

describe('sequenceInputs', () => {
  const x = Float32Array.from([1, 0, -2, 3, 4, 5]); // batch 2 × I 3
  it('repeats, pulses or alternates the model x', () => {
    expect(Array.from(sequenceInputs(x, 2, 'constant'))).toEqual([1, 0, -2, 3, 4, 5, 1, 0, -2, 3, 4, 5]);
    expect(Array.from(sequenceInputs(x, 3, 'impulse'))).toEqual([1, 0, -2, 3, 4, 5, ...new Array(12).fill(0)]);
    expect(Array.from(sequenceInputs(x, 2, 'alternating')).map((v) => v + 0)).toEqual([1, 0, -2, 3, 4, 5, -1, 0, 2, -3, -4, -5]);
  });
  it('refuses absurd step counts and unknown patterns with a clear message', () => {
    expect(() => sequenceInputs(x, 0, 'constant')).toThrow(/1\.\.200/);
    expect(() => sequenceInputs(x, 1e9, 'constant')).toThrow(/1\.\.200/);
    expect(() => sequenceInputs(x, 2.5, 'constant')).toThrow(/whole number/);
    expect(() => sequenceInputs(x, 2, 'sawtooth' as never)).toThrow(/constant, impulse, alternating/);
  });
});

describe('unrollModel', () => {
  it('is the live cell applied step after step', () => {
    const model = defaultModel();
    const seq = unrollModel(model, 3, 'alternating');
    const H = model.weights.hiddenSize;
    let h = model.h;
    for (let t = 0; t < 3; t++) {
      const x = t % 2 ? model.x.map((v) => -v) : model.x;
      h = gruCell(model.weights, x, h, model.batch).h;
      expect(seq.outputs.subarray(t * H, (t + 1) * H)).toEqual(h);
    }
  });
});
