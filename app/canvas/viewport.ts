// Zoom and pan of the heatmaps as plain maths (no React, no DOM). One zoom is shared by every band, in
// normalised coordinates, so the r | z | n bands of all four tensors stay aligned row for row. An axis
// zooms only as far as MIN_VISIBLE cells: weight_ih with I = 3 keeps its columns while H = 1024 rows zoom in.
import { isTensorName, type GridName } from '../../src';

export interface Zoom {
  /** Magnification, 1 = whole grid. */
  k: number;
  /** Centre of the view in [0, 1] along columns (x) and rows (y). */
  cx: number;
  cy: number;
}

/** A view of a rows × cols grid, in (fractional) cells: rows [r0, r1), columns [c0, c1). */
export interface CellWindow {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export const NO_ZOOM: Zoom = { k: 1, cx: 0.5, cy: 0.5 };
export const MAX_ZOOM = 128;
/** An axis never zooms past this many visible cells. */
export const MIN_VISIBLE = 8;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The magnification an axis of n cells can take. */
export function axisZoom(k: number, n: number): number {
  return clamp(k, 1, Math.max(1, n / MIN_VISIBLE));
}

function axisWindow(k: number, centre: number, n: number): [number, number] {
  const w = 1 / axisZoom(k, n);
  const start = clamp(centre - w / 2, 0, 1 - w);
  return [start * n, (start + w) * n];
}

export function zoomWindow(zoom: Zoom, rows: number, cols: number): CellWindow {
  const [r0, r1] = axisWindow(zoom.k, zoom.cy, rows);
  const [c0, c1] = axisWindow(zoom.k, zoom.cx, cols);
  return { r0, r1, c0, c1 };
}

/** The part of a band on screen: weight bands follow the shared zoom, x and h always show whole. */
export function bandWindow(zoom: Zoom, grid: GridName, rowCount: number, cols: number): CellWindow {
  return isTensorName(grid) ? zoomWindow(zoom, rowCount, cols) : { r0: 0, r1: rowCount, c0: 0, c1: cols };
}

export const isZoomed = (w: CellWindow, rows: number, cols: number) => w.r0 > 0 || w.c0 > 0 || w.r1 < rows || w.c1 < cols;

/** The cell under a point at fractions (fx, fy) of the drawn view, or null outside it. */
export function cellAtFraction(w: CellWindow, fx: number, fy: number): { row: number; col: number } | null {
  if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
  return { row: Math.floor(w.r0 + fy * (w.r1 - w.r0)), col: Math.floor(w.c0 + fx * (w.c1 - w.c0)) };
}

/** k within [1, MAX_ZOOM] and the centre where the view stays inside the grid. */
export function clampZoom(z: Zoom): Zoom {
  const k = clamp(Number.isFinite(z.k) ? z.k : 1, 1, MAX_ZOOM);
  const half = 1 / (2 * k);
  return { k, cx: clamp(z.cx, half, 1 - half), cy: clamp(z.cy, half, 1 - half) };
}

/** Zoom by `factor` keeping the grid point under (fx, fy) — fractions of the view — where it is. */
export function zoomAt(z: Zoom, factor: number, fx = 0.5, fy = 0.5): Zoom {
  const from = clampZoom(z);
  const k = clamp(from.k * factor, 1, MAX_ZOOM);
  const along = (centre: number, f: number) => {
    const point = centre - 1 / (2 * from.k) + f / from.k; // normalised grid point under the pointer
    return point - f / k + 1 / (2 * k);
  };
  return clampZoom({ k, cx: along(from.cx, fx), cy: along(from.cy, fy) });
}

/** Move the view by a drag of (dfx, dfy) fractions of its size: the grid follows the pointer. */
export function panBy(z: Zoom, dfx: number, dfy: number): Zoom {
  const from = clampZoom(z);
  return clampZoom({ ...from, cx: from.cx - dfx / from.k, cy: from.cy - dfy / from.k });
}
