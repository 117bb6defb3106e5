// Save PNG, Save SVG and Copy figure: the same figure (app/figure/draw.ts) on a canvas or as SVG text. With an A
// pinned in the compare panel, the figure is A, B and B − A (app/figure/drawCompare.ts); without, it is unchanged.
import type { ExplorerState } from '../store/store';
import { useCompare } from '../store/compare';
import { downloadBlob } from '../download';
import { drawFigure, layoutFor } from './draw';
import { drawCompareFigure, prepareCompare, type PinnedA } from './drawCompare';
import { figureFileName } from './layout';
import { compareFileName } from './compareLayout';
import { canvasPainter, svgPainter, type Painter } from './painter';

/** The compare panel's pinned A, if any, and its common-part choice. */
const pinnedA = (): PinnedA | null => {
  const { a, crop } = useCompare.getState();
  return a ? { a, crop } : null;
};

/** The figure's size and how to draw it: of B alone, or of A and B. */
function figureOf(
  state: ExplorerState,
  scale: number,
  pinned: PinnedA | null,
): { width: number; height: number; draw: (p: Painter) => void } {
  if (!pinned) {
    const layout = layoutFor(state, scale);
    return { width: layout.width, height: layout.height, draw: (p) => drawFigure(state, p, layout) };
  }
  const figure = prepareCompare(state, pinned, scale);
  return { width: figure.layout.width, height: figure.layout.height, draw: (p) => drawCompareFigure(state, figure, p) };
}

export function figureCanvas(state: ExplorerState, scale = 2, pinned = pinnedA()): HTMLCanvasElement {
  const figure = figureOf(state, scale, pinned);
  const canvas = document.createElement('canvas');
  canvas.width = figure.width;
  canvas.height = figure.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(`the browser gave no 2D canvas for a ${figure.width}×${figure.height} figure`);
  figure.draw(canvasPainter(ctx));
  return canvas;
}

async function figurePng(state: ExplorerState, scale = 2): Promise<Blob> {
  const canvas = figureCanvas(state, scale);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(`the browser could not encode the ${canvas.width}×${canvas.height} figure as PNG`);
  return blob;
}

export function figureSvg(state: ExplorerState, scale = 2, pinned = pinnedA()): string {
  const figure = figureOf(state, scale, pinned);
  const painter = svgPainter(figure.width, figure.height);
  figure.draw(painter);
  return painter.svg();
}

/** gru-explorer-I3-H4.png, or gru-explorer-compare-I3-H4.png with an A pinned (B's sizes). */
const fileName = (s: ExplorerState, ext: 'png' | 'svg') =>
  (useCompare.getState().a ? compareFileName : figureFileName)(s.model.weights.inputSize, s.model.weights.hiddenSize, ext);

export async function savePng(state: ExplorerState, scale = 2): Promise<void> {
  downloadBlob(await figurePng(state, scale), fileName(state, 'png'));
}

export function saveSvg(state: ExplorerState, scale = 2): void {
  downloadBlob(new Blob([figureSvg(state, scale)], { type: 'image/svg+xml' }), fileName(state, 'svg'));
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
