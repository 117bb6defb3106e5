// A brush stroke: pointer down, drag, pointer up — one undo step. Each pointer event writes a new copy of
// the painted grid (copy-on-write: the store never sees an array change in place) while zundo's history
// is paused, so the state before the stroke is the one undo step. `lastEdit` tells canvases and caches
// which cells the event wrote, so they patch those pixels instead of repainting.
import { getGrid, gridShape, isTensorName, noteWeightCells, withGrid, type WeightOp } from '../../src';
import { explorer, history, type CellRef } from './store';

type CellsOp = Extract<WeightOp, { k: 'cells' }>;

let stroke: {
  /** The last cell painted, so a fast drag fills the cells between two events. */
  cell: CellRef;
  /** The recipe before the stroke, and the stroke's own op (rebuilt per event: recipes are never mutated). */
  recipeBefore: WeightOp[] | null;
  op: CellsOp | null;
  /** The history is paused once the stroke's first change is recorded (the undo step). */
  paused: boolean;
} | null = null;

/** Cells on the straight line from `a` to `b` (Bresenham), excluding `a`. */
export function cellsBetween(a: CellRef, b: CellRef): CellRef[] {
  const cells: CellRef[] = [];
  const dr = Math.abs(b.row - a.row);
  const dc = Math.abs(b.col - a.col);
  const sr = b.row > a.row ? 1 : -1;
  const sc = b.col > a.col ? 1 : -1;
  let err = dc - dr;
  let { row, col } = a;
  while (row !== b.row || col !== b.col) {
    const e2 = 2 * err;
    if (e2 > -dr) {
      err -= dr;
      col += sc;
    }
    if (e2 < dc) {
      err += dc;
      row += sr;
    }
    cells.push({ grid: b.grid, row, col });
  }
  return cells;
}

/** Writes `value` into `cells` of one grid as a new model; returns false when no cell changes. */
function paint(cells: CellRef[], value: number): boolean {
  const { model, recipe } = explorer.getState();
  const grid = cells[0].grid;
  const previous = getGrid(model, grid);
  const { cols } = gridShape(model, grid);
  const stored = Math.fround(value);
  const indices: number[] = [];
  for (const cell of cells) {
    const index = cell.row * cols + cell.col;
    if (cell.grid === grid && !Object.is(previous[index], stored) && !indices.includes(index)) indices.push(index);
  }
  if (indices.length === 0) return false;
  const next = previous.slice();
  for (const i of indices) next[i] = stored;
  // The GRU kernels keep each weight matrix laid out for their products: hand the layout to the copy, these cells rewritten.
  if (isTensorName(grid)) noteWeightCells(previous, indices, next);
  let nextRecipe = recipe;
  if (stroke && isTensorName(grid)) {
    const op: CellsOp = stroke.op ?? { k: 'cells', t: grid, i: [], v: [] };
    stroke.op = { ...op, i: [...op.i, ...indices], v: [...op.v, ...indices.map(() => stored)] };
    nextRecipe = stroke.recipeBefore ? [...stroke.recipeBefore, stroke.op] : null;
  }
  explorer.setState({
    model: withGrid(model, grid, next),
    recipe: nextRecipe,
    lastEdit: { grid, indices, maxAbs: Math.abs(stored), previous, next },
    message: null,
  });
  if (stroke && !stroke.paused) {
    history().pause();
    stroke.paused = true;
  }
  return true;
}

/** Starts a stroke at `cell`; its first change records the state before it as the one undo step. */
export function beginStroke(cell: CellRef, value: number) {
  endStroke();
  stroke = { cell, recipeBefore: explorer.getState().recipe, op: null, paused: false };
  paint([cell], value);
  // A stroke that ends outside the canvas (or the window) ends on the next pointerup anywhere.
  if (typeof window !== 'undefined') window.addEventListener('pointerup', endStroke, { once: true });
}

/** Paints along the line from the stroke's last cell to `cell`; returns false when nothing changed. */
export function continueStroke(cell: CellRef, value: number): boolean {
  if (!stroke || cell.grid !== stroke.cell.grid) return false;
  const path = cellsBetween(stroke.cell, cell);
  stroke.cell = cell;
  return path.length > 0 && paint(path, value);
}

/** Ends the stroke under way (if any): later edits make undo steps again. */
export function endStroke() {
  if (!stroke) return;
  const { paused } = stroke;
  stroke = null;
  if (paused) history().resume();
}

/** A stroke of one cell: one undo step. */
export function setCell(cell: CellRef, value: number) {
  beginStroke(cell, value);
  endStroke();
}
