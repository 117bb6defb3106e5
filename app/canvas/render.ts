// Plain drawing functions for grid canvases, no React. Each grid keeps a one-pixel-per-cell image
// (rasterised from the palette table); the visible canvas shows it scaled with smoothing off, so
// cells stay crisp at any devicePixelRatio. A brush edit rewrites one pixel, not the image.
import { rasterize } from './palette';
import { themeColours } from '../theme';

export interface CellImage {
  /** cols × rows, one pixel per cell. */
  source: HTMLCanvasElement;
  data: ImageData;
}

export function createCellImage(cols: number, rows: number): CellImage {
  const source = document.createElement('canvas');
  source.width = Math.max(1, cols);
  source.height = Math.max(1, rows);
  return { source, data: new ImageData(source.width, source.height) };
}

/** Rasterises `count` values from `start` into the whole image. */
export function paintImage(image: CellImage, values: ArrayLike<number>, start: number, range: number, lut: Uint8ClampedArray) {
  rasterize(values, start, image.data.width * image.data.height, range, lut, image.data.data);
  image.source.getContext('2d')!.putImageData(image.data, 0, 0);
}

/** Rewrites the pixels of some cells (offset = row · cols + col within the image), with one upload. */
export function paintPixels(
  image: CellImage,
  offsets: readonly number[],
  values: ArrayLike<number>,
  first: number,
  range: number,
  lut: Uint8ClampedArray,
) {
  const { width } = image.data;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (const offset of offsets) {
    rasterize(values, first + offset, 1, range, lut, image.data.data.subarray(offset * 4, offset * 4 + 4));
    const x = offset % width;
    const y = Math.floor(offset / width);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  if (x1 < 0) return;
  image.source.getContext('2d')!.putImageData(image.data, 0, 0, x0, y0, x1 - x0 + 1, y1 - y0 + 1);
}

/** Sizes the canvas backing store for its CSS box and devicePixelRatio. */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(cssWidth * dpr));
  const h = Math.max(1, Math.round(cssHeight * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
}

/** A zoomed view of the image, in cells; the whole image when absent. */
export interface ImageWindow {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

const wholeImage = (cols: number, rows: number): ImageWindow => ({ r0: 0, r1: rows, c0: 0, c1: cols });

/** Shows the cell image (or a window of it) scaled to the canvas, with cell borders where cells are big enough. */
export function blitImage(canvas: HTMLCanvasElement, image: CellImage, view?: ImageWindow) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: cols, height: rows } = image.data;
  const w = view ?? wholeImage(cols, rows);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image.source, w.c0, w.r0, w.c1 - w.c0, w.r1 - w.r0, 0, 0, canvas.width, canvas.height);
  strokeCellBorders(ctx, canvas.width, canvas.height, w);
}

/** Lines in the panel's colour between the cells of a window drawn over width × height pixels, when cells are at least 7 px. */
export function strokeCellBorders(ctx: CanvasRenderingContext2D, width: number, height: number, w: ImageWindow) {
  const cw = width / (w.c1 - w.c0);
  const ch = height / (w.r1 - w.r0);
  if (cw < 7 || ch < 7) return;
  ctx.strokeStyle = themeColours().cellBorder;
  ctx.lineWidth = Math.max(1, Math.round(window.devicePixelRatio || 1));
  ctx.beginPath();
  for (let c = Math.floor(w.c0) + 1; c < w.c1; c++) {
    const x = Math.round((c - w.c0) * cw) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
  }
  for (let r = Math.floor(w.r0) + 1; r < w.r1; r++) {
    const y = Math.round((r - w.r0) * ch) + 0.5;
    ctx.moveTo(0, y);
    ctx.lineTo(width, y);
  }
  ctx.stroke();
}

/** The hover / selection outline, on its own transparent canvas above the image. */
export function drawHighlight(
  overlay: HTMLCanvasElement,
  cols: number,
  rows: number,
  cell: { row: number; col: number } | null,
  view?: ImageWindow,
) {
  const ctx = overlay.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, overlay.width, overlay.height);
  if (!cell) return;
  const w = view ?? wholeImage(cols, rows);
  if (cell.row < Math.floor(w.r0) || cell.row >= w.r1 || cell.col < Math.floor(w.c0) || cell.col >= w.c1) return;
  const cw = overlay.width / (w.c1 - w.c0);
  const ch = overlay.height / (w.r1 - w.r0);
  ctx.strokeStyle = themeColours().highlight;
  ctx.lineWidth = Math.max(2, Math.round(2 * (window.devicePixelRatio || 1)));
  const inset = ctx.lineWidth / 2;
  // At least a few device pixels, so a cell of a 1024-wide grid is still visible.
  const bw = Math.max(cw, 6);
  const bh = Math.max(ch, 6);
  const x = (cell.col - w.c0) * cw;
  const y = (cell.row - w.r0) * ch;
  ctx.strokeRect(x + (cw - bw) / 2 + inset, y + (ch - bh) / 2 + inset, bw - 2 * inset, bh - 2 * inset);
}

/**
 * drawValues' cell images, one per size: it paints and shows at once, so canvases of a size can share one. A new
 * canvas and context per draw cost ~1 ms per brush event at H = 1024, where eight strips redraw.
 */
const scratchImages = new Map<string, CellImage>();
const SCRATCH_SIZES = 8;

/** One-shot draw of a whole value block (output strips). */
export function drawValues(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  cols: number,
  rows: number,
  range: number,
  lut: Uint8ClampedArray,
) {
  const key = `${cols}×${rows}`;
  let image = scratchImages.get(key);
  if (!image) {
    image = createCellImage(cols, rows);
    scratchImages.set(key, image);
    if (scratchImages.size > SCRATCH_SIZES) scratchImages.delete(scratchImages.keys().next().value!); // the oldest size
  }
  paintImage(image, values, 0, range, lut);
  blitImage(canvas, image);
}

/** Cells at least this many device px on both sides get a clipped-value mark. */
const MARK_MIN_CELL = 7;

/**
 * Marks cells whose value lies beyond ±range (drawn at the end colour of the scale) with a white
 * corner triangle, where cells are big enough to carry one; the legend counts them at any size.
 */
export function markClipped(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  first: number,
  cols: number,
  rows: number,
  range: number,
  view?: ImageWindow,
) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const w = view ?? wholeImage(cols, rows);
  const cw = canvas.width / (w.c1 - w.c0);
  const ch = canvas.height / (w.r1 - w.r0);
  const dpr = window.devicePixelRatio || 1;
  if (cw < MARK_MIN_CELL * dpr || ch < MARK_MIN_CELL * dpr) return;
  const size = Math.min(cw, ch) * 0.38;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.beginPath();
  for (let r = Math.max(0, Math.floor(w.r0)); r < Math.min(rows, Math.ceil(w.r1)); r++) {
    for (let c = Math.max(0, Math.floor(w.c0)); c < Math.min(cols, Math.ceil(w.c1)); c++) {
      if (!(Math.abs(values[first + r * cols + c]) > range)) continue;
      const right = (c + 1 - w.c0) * cw - 1;
      const top = (r - w.r0) * ch + 1;
      ctx.moveTo(right - size, top);
      ctx.lineTo(right, top);
      ctx.lineTo(right, top + size);
      ctx.closePath();
    }
  }
  ctx.fill();
}
