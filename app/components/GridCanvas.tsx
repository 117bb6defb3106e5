// A thin canvas component: it sizes the canvas, turns pointer and key events into cell
// references, and redraws from a store subscription — React does not re-render per painted cell.
import { useEffect, useRef } from 'react';
import { getGrid, gridShape, type GridName } from '../../src';
import { explorer, useExplorer, type CellRef, type ExplorerState } from '../store/store';
import { selectInputRange, selectWeightRange } from '../store/ranges';
import { paletteLut } from './palette';
import { drawGrid, fitCanvas } from './render';
import { useCellPointer } from '../hooks/useCellPointer';

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
  const ref = useRef<HTMLCanvasElement>(null);
  const cols = useExplorer((s) => gridShape(s.model, grid).cols);
  const handlers = useCellPointer(grid, rowStart, rowCount);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    fitCanvas(canvas, width, height);
    let drawn: unknown[] = [];
    const draw = (s: ExplorerState, force = false) => {
      const values = getGrid(s.model, grid);
      const isInput = grid === 'x' || grid === 'h';
      const range = isInput ? selectInputRange(s) : selectWeightRange(s);
      const highlight = highlightIn(s, grid, rowStart, rowCount);
      const versionKey = s.editedGrid === grid ? s.version : -1;
      const key = [values, versionKey, range, s.palette, highlight?.row, highlight?.col];
      if (!force && key.every((k, i) => k === drawn[i])) return;
      drawn = key;
      const { cols } = gridShape(s.model, grid);
      drawGrid(canvas, { values, start: rowStart * cols, rows: rowCount, cols, range, lut: paletteLut(s.palette) }, highlight);
    };
    draw(explorer.getState(), true);
    return explorer.subscribe((s) => draw(s));
  }, [grid, rowStart, rowCount, width, height]);

  return (
    <canvas
      ref={ref}
      className="grid-canvas"
      style={{ width, height }}
      role="img"
      aria-label={label}
      data-grid={grid}
      data-row-start={rowStart}
      data-rows={rowCount}
      data-cols={cols}
      tabIndex={0}
      {...handlers}
    />
  );
}
