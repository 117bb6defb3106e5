// Colour ranges: one shared range for the four weight tensors (so colours compare across them)
// and one for the inputs x and h. Memoised per model/version: at H = 1024 a scan reads 3M values.
import { symmetricRange } from '../components/palette';
import type { ExplorerState } from './store';

type RangeState = Pick<ExplorerState, 'model' | 'version' | 'fixedRange'>;

function memo(compute: (s: RangeState) => number) {
  let key: { model: unknown; version: number } | null = null;
  let value = 1;
  return (s: RangeState) => {
    if (!key || key.model !== s.model || key.version !== s.version) {
      value = compute(s);
      key = { model: s.model, version: s.version };
    }
    return value;
  };
}

const autoWeightRange = memo(({ model: { weights: w } }) => symmetricRange([w.weightIh, w.weightHh, w.biasIh, w.biasHh]));
const autoInputRange = memo(({ model }) => symmetricRange([model.x, model.h]));

export const selectWeightRange = (s: RangeState) => s.fixedRange ?? autoWeightRange(s);
export const selectInputRange = (s: RangeState) => s.fixedRange ?? autoInputRange(s);
