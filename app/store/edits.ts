// Reading the brush hint (`lastEdit`) safely: it describes one step from one model to the next, and is only
// trusted for exactly that step (after an undo, a fill or any later change it is stale).
import type { GruModel } from '../../src';
import type { CellEdit } from './store';

/** True when `after` is `before` with only `edit`'s cells of one grid rewritten. */
export function isEditOf(before: GruModel | null, after: GruModel, edit: CellEdit | null): edit is CellEdit {
  return edit !== null && edit.before === before && edit.after === after;
}
