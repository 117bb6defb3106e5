// Colour ranges: one shared range for the four weight tensors (so colours compare across them)
// and one for the inputs x and h. A full scan reads 3M values at H = 1024, so an in-place brush
// edit (one version step) only widens the range by the painted value; any other change rescans.
import { symmetricRange } from '../canvas/palette';
import { getGrid, type GruModel } from '../../src';
import type { ExplorerState } from './store';

type RangeState = Pick<ExplorerState, 'model' | 'version' | 'fixedRange' | 'lastEdit'>;

function memo(compute: (s: RangeState) => number, covers: (grid: string) => boolean) {
  let key: { model: GruModel; version: number } | null = null;
  let value = 1;
  return (s: RangeState) => {
    if (key && key.model === s.model && key.version === s.version) return value;
    const edit = s.lastEdit;
    // One step that wrote one cell: in place, or into a copy of the array the last scan covered.
    const oneStep =
      key && edit && s.version === key.version + 1 && (key.model === s.model ? !edit.previous : getGrid(key.model as GruModel, edit.grid) === edit.previous);
    if (oneStep && s.lastEdit) {
      const v = s.lastEdit.maxAbs;
      if (covers(s.lastEdit.grid) && v > value && v !== Infinity) value = v;
    } else {
      value = compute(s);
    }
    key = { model: s.model, version: s.version };
    return value;
  };
}

const isInput = (grid: string) => grid === 'x' || grid === 'h';
const autoWeightRange = memo(({ model: { weights: w } }) => symmetricRange([w.weightIh, w.weightHh, w.biasIh, w.biasHh]), (g) => !isInput(g));
const autoInputRange = memo(({ model }) => symmetricRange([model.x, model.h]), isInput);

export const selectWeightRange = (s: RangeState) => s.fixedRange ?? autoWeightRange(s);
export const selectInputRange = (s: RangeState) => s.fixedRange ?? autoInputRange(s);
