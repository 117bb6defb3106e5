import { describe, expect, it } from 'vitest';
import { GATES, gateOfRow, gateRows, gateSlice } from './gates';
import { fillBand, fillColumn, setCells } from './edit';
import { zeroWeights } from './weights';

describe('gate bands follow PyTorch r | z | n', () => {
  it('orders the gates r, z, n', () => {
    expect(GATES).toEqual(['r', 'z', 'n']);
  });
  it('gives each gate H rows', () => {
    expect(gateRows('r', 4)).toEqual({ start: 0, end: 4 });
    expect(gateRows('z', 4)).toEqual({ start: 4, end: 8 });
    expect(gateRows('n', 4)).toEqual({ start: 8, end: 12 });
  });
  it('names the PyTorch slice of a band', () => {
    expect(gateSlice('weight_hh', 'z', 4)).toBe('weight_hh[4:8]');
    expect(gateSlice('bias_ih', 'n', 256)).toBe('bias_ih[512:768]');
  });
  it('maps a row back to gate and unit, and refuses rows outside 3H', () => {
    expect(gateOfRow(0, 4)).toEqual({ gate: 'r', unit: 0 });
    expect(gateOfRow(7, 4)).toEqual({ gate: 'z', unit: 3 });
    expect(gateOfRow(9, 4)).toEqual({ gate: 'n', unit: 1 });
    expect(() => gateOfRow(12, 4)).toThrow(/outside 0..11/);
  });
});

describe('edits', () => {
  it('fills a band like cell.bias_hh[H:2*H].fill_(20)', () => {
    const w = fillBand(zeroWeights(3, 4), 'bias_hh', 'z', 20);
    expect(Array.from(w.biasHh)).toEqual([0, 0, 0, 0, 20, 20, 20, 20, 0, 0, 0, 0]);
  });
  it('fills a band of a matrix across all its columns', () => {
    const w = fillBand(zeroWeights(2, 2), 'weight_ih', 'n', 1);
    expect(Array.from(w.weightIh)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });
  it('fills a column and single cells, refusing indices outside the tensor', () => {
    const w = fillColumn(zeroWeights(2, 1), 'weight_ih', 1, 5);
    expect(Array.from(w.weightIh)).toEqual([0, 5, 0, 5, 0, 5]);
    expect(Array.from(setCells(w, 'bias_ih', [2], -1).biasIh)).toEqual([0, 0, -1]);
    expect(() => setCells(w, 'bias_ih', [3], 1)).toThrow(/index 3 is outside bias_ih/);
    expect(() => fillColumn(w, 'weight_ih', 2, 1)).toThrow(/column 2 is outside/);
  });
});
