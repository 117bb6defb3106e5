import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from './compare';

describe('maxAbsDiff', () => {
  it('is the largest finite difference', () => {
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(maxAbsDiff(new Float32Array([0, -0]), new Float32Array([-0, 0]))).toBe(0);
  });
  it('counts NaN in the same place, and equal infinities, as a match', () => {
    expect(maxAbsDiff([NaN, Infinity, -Infinity, 1], [NaN, Infinity, -Infinity, 1])).toBe(0);
  });
  it('counts NaN on one side, or opposite infinities, as Infinity', () => {
    expect(maxAbsDiff([NaN, 0], [0, 0])).toBe(Infinity);
    expect(maxAbsDiff([0, 1], [0, NaN])).toBe(Infinity);
    expect(maxAbsDiff([Infinity], [-Infinity])).toBe(Infinity);
    expect(maxAbsDiff([Infinity], [1])).toBe(Infinity);
  });
  it('refuses arrays of different lengths', () => {
    expect(() => maxAbsDiff([1], [1, 2])).toThrow(/length/);
  });
});
