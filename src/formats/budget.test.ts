import { describe, expect, it } from 'vitest';
import { GRU_LAYER_ELEMENTS, ReadBudget } from './budget';
import { errorOf } from './fixtures/fixtures';
import { zipBombNpz } from './fixtures/hostile';
import { readNpz } from './npy';

describe('ReadBudget: what one file may cost', () => {
  it('the largest GRU layer the explorer takes fits from the smallest file (zeros, compressed)', () => {
    expect(GRU_LAYER_ELEMENTS).toBe(2 * (3 * 1024 * 2048 + 6 * 1024));
    // Its 12.6 M float32 zeros as eight deflated .npy entries: a 320 KB file that inflates to 50 MB.
    const file = zipBombNpz(GRU_LAYER_ELEMENTS / 8, 8);
    expect(file.length).toBeLessThan(400_000);
    const tensors = readNpz(file).tensors;
    expect(tensors.reduce((n, t) => n + t.data.length, 0)).toBe(GRU_LAYER_ELEMENTS);
  });

  it('refuses work past the limit with a message naming it', () => {
    const budget = new ReadBudget(1000);
    budget.spend('gather', 1_000_000, 'small');
    expect(errorOf(() => budget.spend('gather', 100_000_000, 'tensor "w"'))).toMatch(
      /^tensor "w": reading this file would take about 6\.\d s on a slow laptop \(gather of 100,000,000 elements\); the limit is 1\.0 s beyond one pass over its 1000 bytes$/,
    );
  });

  it('a large file gets one pass over its own bytes on top', () => {
    const budget = new ReadBudget(200 * 1024 * 1024);
    budget.spend('crc', 200 * 1024 * 1024, 'the archive');
    budget.spend('decode', 50 * 1024 * 1024, 'its tensors');
  });
});
