// Colour ranges: one shared range for the four weight tensors (so colours compare across them)
// and one for the inputs x and h. A full scan reads 3M values at H = 1024, so a brush event (a new model
// whose only change is `lastEdit`) only widens the range by the painted value; any other change rescans.
import { symmetricRange } from '../canvas/palette';
import type { GruModel } from '../../src';
import { isEditOf } from './edits';
import type { ExplorerState } from './store';

type RangeState = Pick<ExplorerState, 'model' | 'fixedRange' | 'lastEdit'>;

function memo(compute: (s: RangeState) => number, covers: (grid: string) => boolean) {
  let key: GruModel | null = null;
  let value = 1;
  return (s: RangeState) => {
    if (key === s.model) return value;
    const edit = s.lastEdit;
    if (key && edit && isEditOf(key, s.model, edit)) {
      if (covers(edit.grid) && edit.maxAbs > value && edit.maxAbs !== Infinity) value = edit.maxAbs;
    } else {
      value = compute(s);
    }
    key = s.model;
    return value;
  };
}

const isInput = (grid: string) => grid === 'x' || grid === 'h';
const autoWeightRange = memo(({ model: { weights: w } }) => symmetricRange([w.weightIh, w.weightHh, w.biasIh, w.biasHh]), (g) => !isInput(g));
const autoInputRange = memo(({ model }) => symmetricRange([model.x, model.h]), isInput);

export const selectWeightRange = (s: RangeState) => s.fixedRange ?? autoWeightRange(s);
export const selectInputRange = (s: RangeState) => s.fixedRange ?? autoInputRange(s);
