// The weight range follows a brush stroke from the painted cells alone: it must agree with a full count.
import { beforeEach, describe, expect, it } from 'vitest';
import { explorer, history } from './store';
import { resetToDefault, resize } from './actions';
import { beginStroke, continueStroke, endStroke } from './stroke';
import { weightRangeInfo } from './ranges';

/** Weight cells beyond ±range, counted over every tensor. */
function clippedNow(range: number) {
  const w = explorer.getState().model.weights;
  let n = 0;
  for (const a of [w.weightIh, w.weightHh, w.biasIh, w.biasHh]) for (const v of a) if (Math.abs(v) > range) n++;
  return n;
}

describe('weight range during a stroke', () => {
  beforeEach(() => {
    resetToDefault();
    history().clear();
    resize(8, 16, 1); // PyTorch's default init: |w| ≤ 0.25, so a painted 5 is an outlier
  });

  it('counts each painted outlier once, though the stroke writes its own copy in place', () => {
    const base = weightRangeInfo(explorer.getState());
    beginStroke({ grid: 'weight_hh', row: 0, col: 0 }, 5);
    expect(weightRangeInfo(explorer.getState()).clipped).toBe(base.clipped + 1);
    continueStroke({ grid: 'weight_hh', row: 0, col: 3 }, 5);
    continueStroke({ grid: 'weight_hh', row: 2, col: 3 }, 5);
    const during = weightRangeInfo(explorer.getState());
    endStroke();
    expect(during.clipped).toBe(base.clipped + 6);
    expect(during.clipped).toBe(clippedNow(during.range));
    expect(during.range).toBe(base.range);
    // Painting them back inside the range un-clips them.
    beginStroke({ grid: 'weight_hh', row: 0, col: 0 }, 0);
    continueStroke({ grid: 'weight_hh', row: 0, col: 3 }, 0);
    endStroke();
    expect(weightRangeInfo(explorer.getState()).clipped).toBe(base.clipped + 2);
    expect(weightRangeInfo(explorer.getState()).clipped).toBe(clippedNow(base.range));
  });
});
