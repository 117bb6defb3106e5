import { describe, expect, it } from 'vitest';
import { CELL_VECTORS, figureCell, figureLayout, figureVectorCell, NUMBER_LIMIT, type Rect } from './layout';

const inside = (r: Rect, w: number, h: number) => r.x >= 0 && r.y >= 0 && r.x + r.width <= w && r.y + r.height <= h;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('figureLayout', () => {
  for (const [I, H] of [
    [3, 4],
    [3, 256],
    [1024, 1024],
    [1, 1],
  ]) {
    it(`I = ${I}, H = ${H}: the live cell sits right of the weights, inside the figure, in whole device pixels`, () => {
      const l = figureLayout(I, H);
      const lastColumn = l.columns[l.columns.length - 1];
      expect(l.cell.x).toBeGreaterThan(lastColumn.x + lastColumn.width);
      expect(l.cell.vectors.map((v) => v.name)).toEqual([...CELL_VECTORS]);
      expect(l.cell.vectors.map((v) => v.count)).toEqual([I, H, H, H, H, H]);
      for (const v of l.cell.vectors) {
        expect(Number.isInteger(v.cellWidth) && v.cellWidth >= 1).toBe(true);
        expect(v.numbers).toBe(v.count <= NUMBER_LIMIT);
        const strip = { x: v.x, y: v.y, width: v.cellWidth * v.count, height: v.height };
        expect(inside(strip, l.width, l.height)).toBe(true);
        for (const band of l.bands) for (const image of band.images) expect(overlap(strip, image)).toBe(false);
        expect(overlap(strip, l.legend)).toBe(false);
      }
      // The vectors start level with the first band and do not overlap one another.
      expect(l.cell.vectors[0].y).toBe(l.bands[0].y);
      l.cell.vectors.slice(1).forEach((v, i) => expect(v.y).toBeGreaterThanOrEqual(l.cell.vectors[i].y + l.cell.vectors[i].height));
      expect(figureVectorCell(l, 'h′', H - 1)).toMatchObject({ y: l.cell.vectors[5].y });
      expect(figureVectorCell(l, 'h′', H)).toBeNull();
      expect(inside(figureCell(l, 'weight_hh', 3 * H - 1, H - 1)!, l.width, l.height)).toBe(true);
    });
  }

  it('prints numbers in 62 px cells (124 device px at 2×) for short vectors', () => {
    const l = figureLayout(3, 4);
    expect(figureVectorCell(l, 'x', 0)!.width).toBe(124);
    expect(figureVectorCell(l, 'h′', 3)!.x).toBe(l.cell.vectors[5].x + 3 * 124);
  });
});
