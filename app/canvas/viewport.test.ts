import { describe, expect, it } from 'vitest';
import { cellAtFraction, clampZoom, MAX_ZOOM, NO_ZOOM, panBy, zoomAt, zoomWindow } from './viewport';

describe('viewport', () => {
  it('shows the whole grid at k = 1', () => {
    expect(zoomWindow(NO_ZOOM, 1024, 3)).toEqual({ r0: 0, r1: 1024, c0: 0, c1: 3 });
  });

  it('zooms rows of a big band but not the columns of a narrow tensor', () => {
    const w = zoomWindow({ k: 8, cx: 0.5, cy: 0.5 }, 1024, 3);
    expect([w.r0, w.r1]).toEqual([448, 576]);
    expect([w.c0, w.c1]).toEqual([0, 3]);
    // 16 columns zoom at most ×2 (8 visible).
    const h = zoomWindow({ k: 8, cx: 0, cy: 0 }, 1024, 16);
    expect([h.c0, h.c1]).toEqual([0, 8]);
  });

  it('keeps the point under the pointer fixed while zooming', () => {
    const rows = 1024;
    const before = zoomWindow(NO_ZOOM, rows, rows);
    const fy = 0.3;
    const point = before.r0 + fy * (before.r1 - before.r0);
    const z = zoomAt(NO_ZOOM, 4, 0.5, fy);
    const after = zoomWindow(z, rows, rows);
    expect(after.r0 + fy * (after.r1 - after.r0)).toBeCloseTo(point, 9);
    expect(after.r1 - after.r0).toBeCloseTo(256, 9);
  });

  it('maps view fractions to cells inside the window', () => {
    const w = zoomWindow({ k: 4, cx: 0.5, cy: 0.5 }, 1024, 1024);
    expect(cellAtFraction(w, 0, 0)).toEqual({ row: 384, col: 384 });
    expect(cellAtFraction(w, 0.999, 0.5)).toEqual({ row: 512, col: 639 });
    expect(cellAtFraction(w, 1, 0.5)).toBeNull();
    expect(cellAtFraction(w, Number.NaN, 0.5)).toBeNull();
  });

  it('pans with the drag and stops at the edges', () => {
    const z = panBy({ k: 4, cx: 0.5, cy: 0.5 }, 0.5, 0); // drag right by half the view: see further left
    expect(z.cx).toBeCloseTo(0.5 - 0.5 / 4, 12);
    expect(panBy(z, 100, -100)).toEqual({ k: 4, cx: 0.125, cy: 0.875 });
  });

  it('clamps absurd zooms', () => {
    expect(clampZoom({ k: 1e9, cx: 2, cy: -1 })).toEqual({ k: MAX_ZOOM, cx: 1 - 1 / (2 * MAX_ZOOM), cy: 1 / (2 * MAX_ZOOM) });
    expect(clampZoom({ k: Number.NaN, cx: 0.5, cy: 0.5 }).k).toBe(1);
    expect(zoomAt(NO_ZOOM, 0.1)).toEqual(NO_ZOOM);
  });
});
