// Reading the brush hint (`lastEdit`) safely: it describes one step from one grid array to the next, and is
// only trusted when the two models differ by exactly that step (after an undo or a fill it is stale).
import { getGrid, GRIDS, type GruModel } from '../../src';
import type { CellEdit } from './store';

/** True when `after` is `before` with only `edit`'s cells of one grid rewritten. */
export function isEditOf(before: GruModel, after: GruModel, edit: CellEdit): boolean {
  return GRIDS.every((g) => (g === edit.grid ? getGrid(before, g) === edit.previous && getGrid(after, g) === edit.next : getGrid(before, g) === getGrid(after, g)));
}

/** For a canvas that drew `drawn` of `grid`: the cells to patch to reach `values`, or null when it must repaint. */
export function patchableCells(drawn: Float32Array, values: Float32Array, edit: CellEdit | null): number[] | null {
  if (drawn === values) return [];
  return edit && edit.previous === drawn && edit.next === values ? edit.indices : null;
}
