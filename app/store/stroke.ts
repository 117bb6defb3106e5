// A brush stroke: pointer down, drag, pointer up — one undo step. Each pointer event makes a new model while
// zundo's history is paused, so the state before the stroke is the one undo step. The painted grid is copied
// once per stroke (copy-on-write of an array the history or anyone else may hold); later events of the stroke
// write that copy — the stroke's own, held by no other state — in place: at H = 1024 a copy of weight_hh is
// 12.6 MB, too slow to make per pointer event. `lastEdit` tells canvases and caches which cells the event wrote
// (and the values they held), so they patch those pixels instead of repainting.
import { getGrid, gridShape, isTensorName, lineCells, noteWeightCells, withGrid, type GridName, type WeightOp } from '../../src';
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
  /** The stroke's copy of the grid it paints, written in place while the model on screen holds it. */
  own: { grid: GridName; values: Float32Array } | null;
} | null = null;

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
  const was = Float32Array.from(indices, (i) => previous[i]);
  const inPlace = stroke?.own?.grid === grid && stroke.own.values === previous;
  const next = inPlace ? previous : previous.slice();
  for (const i of indices) next[i] = stored;
  // The GRU kernels keep each weight matrix laid out for their products: these cells rewritten (in a copy: moved to it).
  if (isTensorName(grid)) noteWeightCells(previous, indices, inPlace ? undefined : next);
  if (stroke && !inPlace) stroke.own = { grid, values: next };
  let nextRecipe = recipe;
  if (stroke && isTensorName(grid)) {
    const op: CellsOp = stroke.op ?? { k: 'cells', t: grid, i: [], v: [] };
    stroke.op = { ...op, i: [...op.i, ...indices], v: [...op.v, ...indices.map(() => stored)] };
    nextRecipe = stroke.recipeBefore ? [...stroke.recipeBefore, stroke.op] : null;
  }
  const after = withGrid(model, grid, next);
  explorer.setState({
    model: after,
    recipe: nextRecipe,
    lastEdit: { grid, indices, was, maxAbs: Math.abs(stored), before: model, after },
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
  stroke = { cell, recipeBefore: explorer.getState().recipe, op: null, paused: false, own: null };
  paint([cell], value);
  // A stroke that ends outside the canvas (or the window) ends on the next pointerup anywhere.
  if (typeof window !== 'undefined') window.addEventListener('pointerup', endStroke, { once: true });
}

/** Paints along the line from the stroke's last cell to `cell`; returns false when nothing changed. */
export function continueStroke(cell: CellRef, value: number): boolean {
  if (!stroke || cell.grid !== stroke.cell.grid) return false;
  const path = lineCells(stroke.cell, cell).map(({ row, col }) => ({ grid: cell.grid, row, col }));
  stroke.cell = cell;
  return path.length > 0 && paint(path, value);
}

/**
 * The model on screen is being kept as it is (A pinned mid-stroke): the stroke's next event copies its grid
 * again instead of writing an array that state holds.
 */
export function shareStrokeCopy() {
  if (stroke) stroke.own = null;
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
