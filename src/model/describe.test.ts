import { describe, expect, it } from 'vitest';
import { describeCell } from './describe';

describe('describeCell', () => {
  it('names a weight_hh cell by gate, unit and source', () => {
    expect(describeCell('weight_hh', 5, 2, 4)).toEqual({
      index: 'weight_hh[5, 2]',
      gate: 'z',
      unit: 1,
      source: 'h[2]',
      term: 'W_hz[1, 2]: weight from h[2] into the update gate of unit 1',
    });
  });
  it('places b_hn inside the reset bracket', () => {
    expect(describeCell('bias_hh', 9, 0, 4).term).toMatch(/^b_hn\[1\]: .*inside r ⊙/);
    expect(describeCell('bias_ih', 0, 0, 4)).toMatchObject({ index: 'bias_ih[0]', gate: 'r', unit: 0, source: 'bias' });
  });
  it('describes weight_ih and the inputs', () => {
    expect(describeCell('weight_ih', 11, 2, 4).term).toBe('W_in[3, 2]: weight from x[2] into the new gate of unit 3');
    expect(describeCell('h', 1, 3, 4).index).toBe('h[1, 3]');
    expect(describeCell('x', 0, 2, 4).source).toBe('input');
  });
});
