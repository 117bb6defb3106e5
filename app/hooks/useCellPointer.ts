// Pointer and keyboard input on a grid canvas, turned into the current tool's edit.
import type { KeyboardEvent, PointerEvent } from 'react';
import { gateOfRow, gridShape, isTensorName, type GridName } from '../../src';
import { fillBand, fillColumn, fillRow, panView, pickValue, selectCell, setHover, setZoom } from '../store/actions';
import { bandWindow, cellAtFraction } from '../canvas/viewport';
import { explorer, type CellRef } from '../store/store';
import { beginStroke, continueStroke, endStroke } from '../store/stroke';
import { markPaintInput } from '../perf';

function cellAt(event: PointerEvent<HTMLCanvasElement>, grid: GridName, rowStart: number, rowCount: number): CellRef | null {
  const box = event.currentTarget.getBoundingClientRect();
  const s = explorer.getState();
  const { cols } = gridShape(s.model, grid);
  const at = cellAtFraction(
    bandWindow(s.zoom, grid, rowCount, cols),
    (event.clientX - box.left) / box.width,
    (event.clientY - box.top) / box.height,
  );
  if (!at || at.col >= cols || at.row >= rowCount) return null;
  return { grid, row: rowStart + at.row, col: at.col };
}

/** Keeps the keyboard cursor on screen when the heatmaps are zoomed: the view re-centres on it. */
function followCursor(grid: GridName, bandRow: number, col: number, rowCount: number, cols: number) {
  const { zoom } = explorer.getState();
  const w = bandWindow(zoom, grid, rowCount, cols);
  const rowOut = bandRow < Math.floor(w.r0) || bandRow >= w.r1;
  const colOut = col < Math.floor(w.c0) || col >= w.c1;
  if (rowOut || colOut) {
    setZoom({ ...zoom, cy: rowOut ? (bandRow + 0.5) / rowCount : zoom.cy, cx: colOut ? (col + 0.5) / cols : zoom.cx });
  }
}

/** The last pointer position of a pan drag (the Pan tool). */
let panFrom: { x: number; y: number } | null = null;

/** Applies the current tool once at `cell` (a click, or Enter on the keyboard cursor). */
export function applyTool(cell: CellRef, eventTime?: number) {
  const { tool, brushValue, model, readonly } = explorer.getState();
  if (readonly) return selectCell(cell);
  if (tool !== 'eyedropper' && tool !== 'select' && tool !== 'pan') markPaintInput(eventTime);
  switch (tool) {
    case 'brush':
      beginStroke(cell, brushValue);
      break;
    case 'eyedropper':
      pickValue(cell);
      break;
    case 'band':
      fillBand(cell.grid, isTensorName(cell.grid) ? gateOfRow(cell.row, model.weights.hiddenSize).gate : 'r', brushValue);
      break;
    case 'row':
      fillRow(cell, brushValue);
      break;
    case 'column':
      fillColumn(cell, brushValue);
      break;
    case 'select':
    case 'pan':
      break;
  }
  selectCell(cell);
}

export function useCellPointer(grid: GridName, rowStart: number, rowCount: number) {
  return {
    onPointerDown(event: PointerEvent<HTMLCanvasElement>) {
      if (event.button !== 0) return;
      if (explorer.getState().tool === 'pan') {
        panFrom = { x: event.clientX, y: event.clientY };
        event.currentTarget.setPointerCapture?.(event.pointerId);
        return;
      }
      const cell = cellAt(event, grid, rowStart, rowCount);
      if (!cell) return;
      event.currentTarget.focus({ preventScroll: true });
      applyTool(cell, event.timeStamp);
    },
    onPointerMove(event: PointerEvent<HTMLCanvasElement>) {
      if (panFrom && event.buttons & 1) {
        // The grid follows the pointer; fractions of this canvas are fractions of every band's view.
        const box = event.currentTarget.getBoundingClientRect();
        panView((event.clientX - panFrom.x) / box.width, (event.clientY - panFrom.y) / box.height);
        panFrom = { x: event.clientX, y: event.clientY };
      }
      const cell = cellAt(event, grid, rowStart, rowCount);
      const { tool, brushValue, readonly } = explorer.getState();
      if (cell && tool === 'brush' && event.buttons & 1 && !readonly) {
        if (continueStroke(cell, brushValue)) markPaintInput(event.timeStamp);
      }
      setHover(cell);
    },
    onPointerUp() {
      panFrom = null;
      endStroke();
    },
    onPointerLeave() {
      setHover(null);
    },
    onKeyDown(event: KeyboardEvent<HTMLCanvasElement>) {
      const s = explorer.getState();
      const { rows, cols } = gridShape(s.model, grid);
      const current = s.selectedCell?.grid === grid ? s.selectedCell : { grid, row: rowStart, col: 0 };
      const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const move = moves[event.key];
      if (move) {
        event.preventDefault();
        const row = Math.min(rows - 1, Math.max(0, current.row + move[0]));
        const col = Math.min(cols - 1, Math.max(0, current.col + move[1]));
        selectCell({ grid, row, col });
        followCursor(grid, row % rowCount, col, rowCount, cols);
        // Moving past a band's edge hands focus to the canvas holding that row.
        if (row < rowStart || row >= rowStart + rowCount) {
          document
            .querySelector<HTMLCanvasElement>(
              `canvas[data-grid="${grid}"][data-row-start="${rows === rowCount ? 0 : Math.floor(row / rowCount) * rowCount}"]`,
            )
            ?.focus();
        }
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        applyTool(current);
        endStroke();
      }
    },
  };
}
