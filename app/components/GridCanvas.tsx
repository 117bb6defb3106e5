// A thin canvas component: it sizes two stacked canvases (the cell image and a highlight overlay),
// turns pointer and key events into cell references, and redraws from a store subscription —
// React does not re-render per painted cell, and a brush edit redraws only its band.
import { useEffect, useRef } from 'react';
import { getGrid, gridShape, type GridName } from '../../src';
import { explorer, useExplorer, type CellRef, type ExplorerState } from '../store/store';
import { selectInputRange, selectWeightRange } from '../store/ranges';
import { patchableCells } from '../store/edits';
import { paletteLut } from '../canvas/palette';
import { blitImage, createCellImage, drawHighlight, fitCanvas, markClipped, paintImage, paintPixels } from '../canvas/render';
import { useCellPointer } from '../hooks/useCellPointer';
import { bandWindow, type Zoom } from '../canvas/viewport';
import { onThemeChange } from '../theme';

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
  const imageRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const cols = useExplorer((s) => gridShape(s.model, grid).cols);
  // As text: a string selector re-renders only when the window really moves.
  const viewText = useExplorer((s) => {
    const w = bandWindow(s.zoom, grid, rowCount, cols);
    return `${w.r0} ${w.r1} ${w.c0} ${w.c1}`;
  });
  const handlers = useCellPointer(grid, rowStart, rowCount);

  useEffect(() => {
    const canvas = imageRef.current;
    const overlay = overlayRef.current;
    if (!canvas || !overlay) return;
    fitCanvas(canvas, width, height);
    fitCanvas(overlay, width, height);
    const image = createCellImage(cols, rowCount);
    const first = rowStart * cols;
    let drawn: { values: Float32Array; range: number; palette: string; zoom: Zoom } | null = null;
    let outlined: string | null = null;

    const draw = (s: ExplorerState) => {
      const values = getGrid(s.model, grid);
      if (values.length < first + cols * rowCount) return; // a resize is on its way: React remounts us
      const range = grid === 'x' || grid === 'h' ? selectInputRange(s) : selectWeightRange(s);
      const lut = paletteLut(s.palette);
      const view = bandWindow(s.zoom, grid, rowCount, cols);
      const show = () => {
        blitImage(canvas, image, view);
        markClipped(canvas, values, first, cols, rowCount, range, view);
      };
      // A brush event rewrites a few cells into a copy of the array drawn last: redraw those pixels,
      // and only in the band that holds them.
      const sameLook = drawn && drawn.range === range && drawn.palette === s.palette && drawn.zoom === s.zoom;
      const cells = sameLook ? patchableCells(drawn!.values, values, s.lastEdit?.grid === grid ? s.lastEdit : null) : null;
      if (cells) {
        const offsets = cells.map((i) => i - first).filter((o) => o >= 0 && o < cols * rowCount);
        if (offsets.length > 0) {
          paintPixels(image, offsets, values, first, range, lut);
          show();
        }
      } else if (!drawn || drawn.values !== values || drawn.range !== range || drawn.palette !== s.palette) {
        paintImage(image, values, first, range, lut);
        show();
      } else if (drawn.zoom !== s.zoom) {
        show();
      }
      const zoomMoved = !drawn || drawn.zoom !== s.zoom;
      drawn = { values, range, palette: s.palette, zoom: s.zoom };

      const cell = highlightIn(s, grid, rowStart, rowCount);
      const key = cell ? `${cell.row}:${cell.col}` : null;
      if (key !== outlined || zoomMoved) {
        outlined = key;
        drawHighlight(overlay, cols, rowCount, cell, view);
      }
    };
    draw(explorer.getState());
    const unsubscribe = explorer.subscribe(draw);
    // Cell borders and the outline take the theme's colours: redraw everything in the new ones.
    const offTheme = onThemeChange(() => {
      drawn = null;
      outlined = null;
      draw(explorer.getState());
    });
    return () => {
      unsubscribe();
      offTheme();
    };
  }, [grid, rowStart, rowCount, cols, width, height]);

  return (
    <div className="grid-stack" style={{ width, height }}>
      <canvas ref={imageRef} className="grid-canvas" style={{ width, height }} aria-hidden="true" />
      <canvas
        ref={overlayRef}
        className="grid-overlay"
        style={{ width, height }}
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
    </div>
  );
}
