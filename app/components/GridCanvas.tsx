// A thin canvas component: it sizes two stacked canvases (the cell image and a highlight overlay),
// turns pointer and key events into cell references, and redraws from a store subscription —
// React does not re-render per painted cell, and a brush edit redraws only its band.
import { getGrid, gridShape, type GridName } from '../../src';
import { useExplorer, type CellRef, type ExplorerState } from '../store/store';
import { selectInputRange, selectWeightRange } from '../store/ranges';
import { paletteLut } from '../canvas/palette';
import { blitImage, createCellImage, drawHighlight, markClipped, paintImage, paintPixels } from '../canvas/render';
import { useCellPointer } from '../hooks/useCellPointer';
import { useCanvasStack } from '../hooks/useStoreCanvas';
import { redrawPlan } from '../canvas/redraw';
import { CanvasStack } from './CanvasStack';
import { bandWindow, type Zoom } from '../canvas/viewport';

interface Props {
  grid: GridName;
  rowStart: number;
  rowCount: number;
  width: number;
  height: number;
  label: string;
}

function highlightIn(s: ExplorerState, grid: GridName, rowStart: number, rowCount: number) {
  const cell: CellRef | null = s.hover?.grid === grid ? s.hover : s.selectedCell?.grid === grid ? s.selectedCell : null;
  if (!cell || cell.row < rowStart || cell.row >= rowStart + rowCount) return null;
  return { row: cell.row - rowStart, col: cell.col };
}

export function GridCanvas({ grid, rowStart, rowCount, width, height, label }: Props) {
  const cols = useExplorer((s) => gridShape(s.model, grid).cols);
  // As text: a string selector re-renders only when the window really moves.
  const viewText = useExplorer((s) => {
    const w = bandWindow(s.zoom, grid, rowCount, cols);
    return `${w.r0} ${w.r1} ${w.c0} ${w.c1}`;
  });
  const handlers = useCellPointer(grid, rowStart, rowCount);

  const { imageRef, overlayRef } = useCanvasStack(
    (canvas, overlay) => {
      const image = createCellImage(cols, rowCount);
      const first = rowStart * cols;
      const plan = redrawPlan([grid]);
      let zoom: Zoom | null = null;
      let outlined: string | null = null;

      const draw = (s: ExplorerState, fresh: boolean) => {
        const values = getGrid(s.model, grid);
        if (values.length < first + cols * rowCount) return; // a resize is on its way: React remounts us
        const range = grid === 'x' || grid === 'h' ? selectInputRange(s) : selectWeightRange(s);
        const lut = paletteLut(s.palette);
        const view = bandWindow(s.zoom, grid, rowCount, cols);
        if (fresh) plan.reset();
        const redraw = plan.next(s, [range, s.palette]);
        const zoomMoved = fresh || zoom !== s.zoom;
        zoom = s.zoom;
        // A brush event rewrites a few cells: redraw those pixels, and only in the band that holds them.
        const offsets = typeof redraw === 'object' ? redraw.indices.map((i) => i - first).filter((o) => o >= 0 && o < cols * rowCount) : [];
        if (redraw === 'repaint') paintImage(image, values, first, range, lut);
        else if (offsets.length > 0) paintPixels(image, offsets, values, first, range, lut);
        if (redraw === 'repaint' || offsets.length > 0 || zoomMoved) {
          blitImage(canvas, image, view);
          markClipped(canvas, values, first, cols, rowCount, range, view);
        }

        const cell = highlightIn(s, grid, rowStart, rowCount);
        const key = cell ? `${cell.row}:${cell.col}` : null;
        if (key !== outlined || zoomMoved) {
          outlined = key;
          drawHighlight(overlay, cols, rowCount, cell, view);
        }
      };
      return { draw };
    },
    [grid, rowStart, rowCount, cols],
    width,
    height,
  );

  return (
    <CanvasStack
      width={width}
      height={height}
      imageRef={imageRef}
      overlayRef={overlayRef}
      role="img"
      aria-label={label}
      data-grid={grid}
      data-row-start={rowStart}
      data-rows={rowCount}
      data-cols={cols}
      data-view={viewText}
      tabIndex={0}
      {...handlers}
    />
  );
}
