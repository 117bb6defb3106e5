// The one "patch the changed cells or repaint" decision for canvases that draw grids of the model. A canvas
// remembers the model and the look (colour range, palette, …) it drew last; for each new state it gets:
//   'same'     nothing it shows changed,
//   a CellEdit a brush event rewrote a few cells of one grid since: patch those (if they are on this canvas),
//   'repaint'  anything else.
// The edit is trusted only for the exact step it describes (lastEdit names its models), because a brush stroke
// writes its own copy of the grid in place: the same array can hold new values.
import { getGrid, type GridName, type GruModel } from '../../src';
import type { CellEdit } from '../store/store';
import { isEditOf } from '../store/edits';

export type Redraw = 'same' | 'repaint' | CellEdit;

export interface RedrawPlan {
  /** What to redraw to show `state` in `look`; from then on that is what the canvas shows. */
  next(state: { model: GruModel; lastEdit: CellEdit | null }, look: readonly unknown[]): Redraw;
  /** Forgets what was drawn (a theme change, values drawn elsewhere): the next state repaints. */
  reset(): void;
}

/** A plan for a canvas that draws `grids` of the model. */
export function redrawPlan(grids: readonly GridName[]): RedrawPlan {
  let drawn: { model: GruModel; look: readonly unknown[] } | null = null;
  return {
    next({ model, lastEdit }, look) {
      const before = drawn;
      drawn = { model, look };
      if (!before || look.length !== before.look.length || look.some((v, i) => v !== before.look[i])) return 'repaint';
      if (before.model === model) return 'same';
      if (isEditOf(before.model, model, lastEdit)) return grids.includes(lastEdit.grid) ? lastEdit : 'same';
      // Another change: arrays this canvas draws that were not replaced were not written (only a stroke writes in place).
      return grids.every((g) => getGrid(before.model, g) === getGrid(model, g)) ? 'same' : 'repaint';
    },
    reset() {
      drawn = null;
    },
  };
}
