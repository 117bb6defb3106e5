// The undo history is capped by the bytes it holds, not only by steps: at H = 1024 each step can hold a
// 12.6 MB copy of weight_hh, and 60 of them would hold ~750 MB.
import { beforeEach, describe, expect, it } from 'vitest';
import { explorer, history, historyBytes, HISTORY_BYTES, HISTORY_LIMIT } from './store';
import { fillBand, resetToDefault, resize, undo } from './actions';
import { setCell } from './stroke';

const heldBytes = () => historyBytes([...history().pastStates, ...history().futureStates], explorer.getState().model);

describe('undo history', () => {
  beforeEach(() => {
    resetToDefault();
    history().clear();
  });

  it('holds at most HISTORY_BYTES of tensors at H = 1024 and still undoes the latest edits', () => {
    expect(resize(1024, 1024, 1)).toBe(true);
    const before: number[] = []; // the value each edit overwrote (resized weights are random)
    for (let i = 0; i < 30; i++) {
      before.push(explorer.getState().model.weights.weightHh[i * 1024]);
      setCell({ grid: 'weight_hh', row: i, col: 0 }, i + 1); // each copies weight_hh: 12.6 MB
      expect(heldBytes()).toBeLessThanOrEqual(HISTORY_BYTES);
    }
    const steps = history().pastStates.length;
    // 128 MiB / 12.6 MB: about ten steps, far fewer than the step limit.
    expect(steps).toBeGreaterThanOrEqual(5);
    expect(steps).toBeLessThan(HISTORY_LIMIT);
    undo();
    undo();
    const w = explorer.getState().model.weights.weightHh;
    expect(w[29 * 1024]).toBe(before[29]);
    expect(w[28 * 1024]).toBe(before[28]);
    expect(w[27 * 1024]).toBe(28);
  });

  it('keeps one undo step even when that step alone is over the cap', () => {
    expect(resize(1024, 1024, 1)).toBe(true);
    expect(resize(1000, 1024, 1)).toBe(true); // a new weight_ih (12.3 MB) and more per step
    fillBand('weight_hh', 'z', 1);
    expect(history().pastStates.length).toBeGreaterThanOrEqual(1);
  });

  it('counts a tensor shared by several steps once', () => {
    for (let i = 0; i < 10; i++) setCell({ grid: 'bias_hh', row: 0, col: 0 }, i + 1);
    const steps = history().pastStates.length;
    expect(steps).toBe(10);
    // Ten copies of bias_hh (3H floats) and nothing else: the other tensors are shared with the state on screen.
    expect(heldBytes()).toBe(10 * explorer.getState().model.weights.biasHh.byteLength);
  });
});
