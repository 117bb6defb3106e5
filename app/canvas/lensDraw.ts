// Plain drawing for the layout lens, no React. A framework tensor is drawn from its one-pixel-per-cell image
// block by block, so the permutation can be played: at progress 0 each gate block sits in its PyTorch slot
// (r, z, n), at 1 in the framework's (z, r, h for Keras/ONNX/TF.js).
import { lensStart, type LensBlock, type LensTensor } from '../../src';
import { strokeCellBorders, type CellImage } from './render';
import { themeColours } from '../theme';

/** CSS px per cell: square when cells are at least 3 px, else each axis fills its box. */
export function lensCellSize(t: LensTensor, maxWidth: number, maxHeight: number, maxCell = 22) {
  const cw = Math.min(maxCell, maxWidth / t.cols);
  const ch = Math.min(maxCell, maxHeight / t.rows);
  const square = Math.min(cw, ch);
  return square >= 3 ? { cw: square, ch: square } : { cw, ch };
}

function gateColour(block: LensBlock): string {
  return themeColours().gate[block.gate];
}

/** Block extent in drawn cells. */
export function blockSize(block: LensBlock) {
  const { rows, cols } = block.source;
  return block.transposed ? { rows: cols, cols: rows } : { rows, cols };
}

export function drawLens(canvas: HTMLCanvasElement, image: CellImage, t: LensTensor, H: number, progress: number) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const sx = canvas.width / t.cols;
  const sy = canvas.height / t.rows;
  const dpr = window.devicePixelRatio || 1;
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const moving = progress < 1;
  const placed = t.blocks.map((block) => {
    const start = lensStart(t, block, H);
    const row = start.row + (block.row0 - start.row) * progress;
    const col = start.col + (block.col0 - start.col) * progress;
    return { block, row, col, ...blockSize(block) };
  });
  for (const p of placed) {
    ctx.drawImage(image.source, p.block.col0, p.block.row0, p.cols, p.rows, p.col * sx, p.row * sy, p.cols * sx, p.rows * sy);
  }
  // Cell borders, as on the main heatmaps.
  if (!moving) strokeCellBorders(ctx, canvas.width, canvas.height, { r0: 0, r1: t.rows, c0: 0, c1: t.cols });
  // Gate outlines: the blocks are what moves between frameworks.
  if (t.blocks.length > 1) {
    ctx.lineWidth = Math.max(2, Math.round(2 * dpr));
    const inset = ctx.lineWidth / 2;
    for (const p of placed) {
      ctx.strokeStyle = gateColour(p.block);
      ctx.strokeRect(p.col * sx + inset, p.row * sy + inset, p.cols * sx - 2 * inset, p.rows * sy - 2 * inset);
    }
  }
}
