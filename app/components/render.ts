// Plain drawing functions for grid canvases: no React. One pixel per cell is rasterised from the
// palette table, then scaled up with smoothing off, so cells stay crisp at any devicePixelRatio.
import { LUT_SIZE, rasterize } from './palette';

export interface GridImage {
  values: ArrayLike<number>;
  /** First value of the drawn block (row-major). */
  start: number;
  rows: number;
  cols: number;
  range: number;
  lut: Uint8ClampedArray;
}

let scratch: HTMLCanvasElement | null = null;

function scratchCanvas(cols: number, rows: number): HTMLCanvasElement {
  scratch ??= document.createElement('canvas');
  if (scratch.width !== cols || scratch.height !== rows) {
    scratch.width = cols;
    scratch.height = rows;
  }
  return scratch;
}

/** Sizes the canvas backing store for its CSS box and devicePixelRatio; returns the pixel ratio. */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): number {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(cssWidth * dpr));
  const h = Math.max(1, Math.round(cssHeight * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  return dpr;
}

export function drawGrid(canvas: HTMLCanvasElement, image: GridImage, highlight: { row: number; col: number } | null) {
  const { rows, cols } = image;
  const ctx = canvas.getContext('2d');
  if (!ctx || rows === 0 || cols === 0) return;
  const small = scratchCanvas(cols, rows);
  const sctx = small.getContext('2d')!;
  const data = sctx.createImageData(cols, rows);
  rasterize(image.values, image.start, rows * cols, image.range, image.lut, data.data);
  sctx.putImageData(data, 0, 0);

  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(small, 0, 0, cols, rows, 0, 0, canvas.width, canvas.height);

  const cw = canvas.width / cols;
  const ch = canvas.height / rows;
  // Cell borders only where cells are big enough for them to help rather than hide colour.
  if (cw >= 7 && ch >= 7) {
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.lineWidth = Math.max(1, Math.round(window.devicePixelRatio || 1));
    ctx.beginPath();
    for (let c = 1; c < cols; c++) {
      const x = Math.round(c * cw) + 0.5;
      ctx.moveTo(x, 0);
      ctx.lineTo(x, canvas.height);
    }
    for (let r = 1; r < rows; r++) {
      const y = Math.round(r * ch) + 0.5;
      ctx.moveTo(0, y);
      ctx.lineTo(canvas.width, y);
    }
    ctx.stroke();
  }
  if (highlight) {
    ctx.strokeStyle = '#111';
    ctx.lineWidth = Math.max(2, Math.round(2 * (window.devicePixelRatio || 1)));
    const inset = ctx.lineWidth / 2;
    ctx.strokeRect(highlight.col * cw + inset, highlight.row * ch + inset, Math.max(cw - 2 * inset, 1), Math.max(ch - 2 * inset, 1));
  }
}

export { LUT_SIZE };
