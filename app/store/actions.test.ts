// The store's recipe must always replay to exactly the weights on screen: links depend on it.
import { beforeEach, describe, expect, it } from 'vitest';
import { replayWeights, gruCell } from '../../src';
import { explorer, history } from './store';
import { applyInit, fillBand, fillColumn, fillRow, redo, resetToDefault, resize, undo } from './actions';
import { beginStroke, continueStroke, endStroke, setCell } from './stroke';
import { clearA, pinAsA, useCompare } from './compare';

function expectRecipeMatches() {
  const { model, recipe } = explorer.getState();
  expect(recipe).not.toBeNull();
  const replayed = replayWeights(recipe!);
  for (const key of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const) expect(replayed[key]).toEqual(model.weights[key]);
}

describe('store actions', () => {
  beforeEach(() => {
    resetToDefault();
    history().clear();
  });

  it('keeps the recipe in step with the weights through every kind of edit, undo and redo', () => {
    fillBand('bias_hh', 'z', 20);
    beginStroke({ grid: 'weight_hh', row: 1, col: 1 }, 3);
    continueStroke({ grid: 'weight_hh', row: 2, col: 1 }, 3);
    continueStroke({ grid: 'weight_hh', row: 7, col: 3 }, 3);
    endStroke();
    fillRow({ grid: 'weight_ih', row: 5, col: 0 }, -1);
    fillColumn({ grid: 'weight_hh', row: 0, col: 2 }, 0.25);
    applyInit(['weight_hh'], 'n', { kind: 'orthogonal', gain: 1 }, 7);
    setCell({ grid: 'bias_ih', row: 3, col: 0 }, -5);
    setCell({ grid: 'h', row: 0, col: 1 }, 2);
    expectRecipeMatches();
    resize(5, 6, 2);
    expectRecipeMatches();
    undo();
    undo();
    expectRecipeMatches();
    redo();
    expectRecipeMatches();
  });

  it('makes one drag stroke one undo step', () => {
    const before = explorer.getState().model.weights.weightHh.slice();
    beginStroke({ grid: 'weight_hh', row: 0, col: 0 }, 9);
    for (let r = 1; r < 8; r++) continueStroke({ grid: 'weight_hh', row: r, col: 0 }, 9);
    endStroke();
    const w = explorer.getState().model.weights.weightHh;
    expect([0, 1, 7].map((r) => w[r * 4])).toEqual([9, 9, 9]);
    undo();
    expect(explorer.getState().model.weights.weightHh).toEqual(before);
    redo();
    expect(explorer.getState().model.weights.weightHh[7 * 4]).toBe(9);
  });

  it('gives every brush event a new model, fills the line between events, and hints which cells changed', () => {
    const start = explorer.getState().model;
    const startValues = start.weights.weightHh.slice();
    beginStroke({ grid: 'weight_hh', row: 0, col: 0 }, 2);
    const first = explorer.getState().model;
    expect(first).not.toBe(start);
    expect(first.weights.weightHh).not.toBe(start.weights.weightHh); // copied once, at the stroke's first change
    continueStroke({ grid: 'weight_hh', row: 3, col: 3 }, 2);
    const { model, lastEdit } = explorer.getState();
    endStroke();
    expect(model).not.toBe(first);
    expect(model.weights).not.toBe(first.weights);
    expect(model.weights.weightHh).toBe(first.weights.weightHh); // the stroke's own copy, written in place
    expect(model.weights.weightIh).toBe(first.weights.weightIh);
    expect(start.weights.weightHh).toEqual(startValues); // the array before the stroke is never written
    expect(lastEdit).toMatchObject({ grid: 'weight_hh', indices: [5, 10, 15], before: first, after: model });
    expect(Array.from(lastEdit!.was)).toEqual([5, 10, 15].map((i) => startValues[i]));
    for (const d of [0, 1, 2, 3]) expect(model.weights.weightHh[d * 4 + d]).toBe(2);
    expect(history().pastStates.length).toBe(1);
  });

  it('copies the grid again for each stroke, so undo and redo bring back each stroke as it ended', () => {
    beginStroke({ grid: 'weight_hh', row: 0, col: 0 }, 2);
    continueStroke({ grid: 'weight_hh', row: 0, col: 2 }, 2);
    endStroke();
    const firstStroke = explorer.getState().model.weights.weightHh;
    const afterFirst = firstStroke.slice();
    beginStroke({ grid: 'weight_hh', row: 1, col: 0 }, 3);
    continueStroke({ grid: 'weight_hh', row: 1, col: 2 }, 3);
    endStroke();
    expect(explorer.getState().model.weights.weightHh).not.toBe(firstStroke);
    expect(firstStroke).toEqual(afterFirst); // the state in the history is not written by the next stroke
    undo();
    expect(explorer.getState().model.weights.weightHh).toEqual(afterFirst);
    redo();
    expect(Array.from(explorer.getState().model.weights.weightHh.subarray(4, 7))).toEqual([3, 3, 3]);
  });

  it('does not write a model pinned as A in the middle of a stroke', () => {
    beginStroke({ grid: 'weight_hh', row: 0, col: 0 }, 2);
    pinAsA('mid-stroke');
    const pinned = useCompare.getState().a!.model;
    const pinnedValues = pinned.weights.weightHh.slice();
    continueStroke({ grid: 'weight_hh', row: 2, col: 0 }, 2);
    endStroke();
    expect(pinned.weights.weightHh).toEqual(pinnedValues);
    expect(explorer.getState().model.weights.weightHh[8]).toBe(2);
    clearA();
  });

  it('records a stroke whose first cell already holds the value as one undo step from its first change', () => {
    setCell({ grid: 'weight_hh', row: 0, col: 0 }, 4);
    history().clear();
    beginStroke({ grid: 'weight_hh', row: 0, col: 0 }, 4);
    expect(history().pastStates.length).toBe(0);
    continueStroke({ grid: 'weight_hh', row: 1, col: 0 }, 4);
    continueStroke({ grid: 'weight_hh', row: 2, col: 0 }, 4);
    endStroke();
    expect(history().pastStates.length).toBe(1);
    undo();
    expect(explorer.getState().model.weights.weightHh[4]).not.toBe(4);
    expect(explorer.getState().model.weights.weightHh[0]).toBe(4);
  });

  it('keeps the last good state when an edit is refused', () => {
    const model = explorer.getState().model;
    expect(resize(3, 5000, 1)).toBe(false);
    expect(explorer.getState().model).toBe(model);
    expect(explorer.getState().message).toMatch(/hidden size H = 5000 is larger than the maximum 1024/);
  });

  it('computes h′ = h when the update gate saturates (z band of bias_hh = 20)', () => {
    setCell({ grid: 'h', row: 0, col: 0 }, 0.75);
    fillBand('bias_hh', 'z', 20);
    const { model } = explorer.getState();
    expect(gruCell(model.weights, model.x, model.h).h[0]).toBeCloseTo(0.75, 6);
  });
});
