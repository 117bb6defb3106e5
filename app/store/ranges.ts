// Colour ranges: one shared range for the four weight tensors (so colours compare across them) and
// one for the inputs x and h. The weights' automatic range is robust (app/canvas/robustRange.ts): the
// largest |w| short of outliers, with the outliers counted as clipped. A full scan reads 3M values at
// H = 1024, so a brush event (a new model whose only change is `lastEdit`) updates range and count
// from the painted cells alone; any other change rescans.
import { symmetricRange } from '../canvas/palette';
import { robustRange, type RobustRange } from '../canvas/robustRange';
import { getGrid, type GruModel } from '../../src';
import { isEditOf } from './edits';
import type { ExplorerState } from './store';

type RangeState = Pick<ExplorerState, 'model' | 'fixedRange' | 'lastEdit'>;

export type RangePolicy = 'robust' | 'fixed';

export interface WeightRange {
  range: number;
  policy: RangePolicy;
  /** Weight cells beyond ±range, drawn at the ends of the scale and marked. */
  clipped: number;
  /** The largest finite |w|. */
  maxAbs: number;
}

const isInput = (grid: string) => grid === 'x' || grid === 'h';

let weightKey: GruModel | null = null;
let weight: RobustRange = { range: 1, fence: Infinity, clipped: 0, maxAbs: 1 };

function autoWeightRange(s: RangeState): RobustRange {
  if (weightKey === s.model) return weight;
  const edit = s.lastEdit;
  if (isEditOf(weightKey, s.model, edit)) {
    if (!isInput(edit.grid)) {
      // The painted cells move the range (within the fence) and the clipped count; the fence stays.
      let { range, clipped, maxAbs } = weight;
      const now = getGrid(s.model, edit.grid);
      edit.indices.forEach((i, k) => {
        const before = Math.abs(edit.was[k]);
        const after = Math.abs(now[i]);
        if (before > weight.fence) clipped--;
        if (after > weight.fence) clipped++;
        else if (after > range) range = after;
        if (after > maxAbs && after !== Infinity) maxAbs = after;
      });
      weight = { ...weight, range, clipped: Math.max(0, clipped), maxAbs };
    }
  } else {
    const w = s.model.weights;
    weight = robustRange([w.weightIh, w.weightHh, w.biasIh, w.biasHh]);
  }
  weightKey = s.model;
  return weight;
}

let inputKey: GruModel | null = null;
let inputRange = 1;
function autoInputRange(s: RangeState): number {
  if (inputKey === s.model) return inputRange;
  const edit = s.lastEdit;
  if (isEditOf(inputKey, s.model, edit)) {
    if (isInput(edit.grid) && edit.maxAbs > inputRange && edit.maxAbs !== Infinity) inputRange = edit.maxAbs;
  } else {
    inputRange = symmetricRange([s.model.x, s.model.h]);
  }
  inputKey = s.model;
  return inputRange;
}

export const selectWeightRange = (s: RangeState) => s.fixedRange ?? autoWeightRange(s).range;
export const selectInputRange = (s: RangeState) => s.fixedRange ?? autoInputRange(s);

let info: { auto: RobustRange; fixedRange: number | null; model: GruModel; value: WeightRange } | null = null;

/** The weights' range with its policy and how many cells it clips (for the legend and the figure); one object per state. */
export function weightRangeInfo(s: RangeState): WeightRange {
  const auto = autoWeightRange(s);
  if (info && info.auto === auto && info.fixedRange === s.fixedRange && (s.fixedRange === null || info.model === s.model))
    return info.value;
  let value: WeightRange;
  if (s.fixedRange === null) {
    value = { range: auto.range, policy: 'robust', clipped: auto.clipped, maxAbs: auto.maxAbs };
  } else {
    const w = s.model.weights;
    let clipped = 0;
    for (const a of [w.weightIh, w.weightHh, w.biasIh, w.biasHh])
      for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) > s.fixedRange) clipped++;
    value = { range: s.fixedRange, policy: 'fixed', clipped, maxAbs: auto.maxAbs };
  }
  info = { auto, fixedRange: s.fixedRange, model: s.model, value };
  return value;
}
