// Save PNG, Save SVG and Copy figure: the same figure (app/figure/draw.ts) on a canvas or as SVG text.
import type { ExplorerState } from '../store/store';
import { downloadBlob } from '../download';
import { drawFigure, layoutFor } from './draw';
import { figureFileName } from './layout';
import { canvasPainter, svgPainter } from './painter';

export function figureCanvas(state: ExplorerState, scale = 2): HTMLCanvasElement {
  const layout = layoutFor(state, scale);
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(`the browser gave no 2D canvas for a ${layout.width}×${layout.height} figure`);
  drawFigure(state, canvasPainter(ctx), layout);
  return canvas;
}

async function figurePng(state: ExplorerState, scale = 2): Promise<Blob> {
  const canvas = figureCanvas(state, scale);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(`the browser could not encode the ${canvas.width}×${canvas.height} figure as PNG`);
  return blob;
}

export function figureSvg(state: ExplorerState, scale = 2): string {
  const layout = layoutFor(state, scale);
  const painter = svgPainter(layout.width, layout.height);
  drawFigure(state, painter, layout);
  return painter.svg();
}

const sizes = (s: ExplorerState) => [s.model.weights.inputSize, s.model.weights.hiddenSize] as const;

export async function savePng(state: ExplorerState, scale = 2): Promise<void> {
  downloadBlob(await figurePng(state, scale), figureFileName(...sizes(state), 'png'));
}

export function saveSvg(state: ExplorerState, scale = 2): void {
  downloadBlob(new Blob([figureSvg(state, scale)], { type: 'image/svg+xml' }), figureFileName(...sizes(state), 'svg'));
}

/** Puts the PNG figure on the clipboard (ClipboardItem image/png); false where the browser refuses. */
export async function copyFigure(state: ExplorerState, scale = 2): Promise<boolean> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) return false;
  try {
    // The promise form keeps the user's click as the activation while the PNG is encoded (Safari needs it).
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': figurePng(state, scale) })]);
    return true;
  } catch {
    return false;
  }
}
