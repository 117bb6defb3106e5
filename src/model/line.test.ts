import { describe, expect, it } from 'vitest';
import { lineCells } from './line';

describe('lineCells', () => {
  it('is empty from a cell to itself', () => {
    expect(lineCells({ row: 2, col: 3 }, { row: 2, col: 3 })).toEqual([]);
  });

  it('walks a row, a column and a diagonal cell by cell, ending on the target', () => {
    expect(lineCells({ row: 0, col: 0 }, { row: 0, col: 3 })).toEqual([
      { row: 0, col: 1 },
      { row: 0, col: 2 },
      { row: 0, col: 3 },
    ]);
    expect(lineCells({ row: 3, col: 1 }, { row: 1, col: 1 })).toEqual([
      { row: 2, col: 1 },
      { row: 1, col: 1 },
    ]);
    expect(lineCells({ row: 0, col: 0 }, { row: 2, col: -2 })).toEqual([
      { row: 1, col: -1 },
      { row: 2, col: -2 },
    ]);
  });

  it('leaves no gap on a shallow slope: each step moves one row or column', () => {
    const cells = lineCells({ row: 0, col: 0 }, { row: 3, col: 10 });
    expect(cells.at(-1)).toEqual({ row: 3, col: 10 });
    let prev = { row: 0, col: 0 };
    for (const c of cells) {
      expect(Math.max(Math.abs(c.row - prev.row), Math.abs(c.col - prev.col))).toBe(1);
      prev = c;
    }
    expect(cells).toHaveLength(10);
  });
});
