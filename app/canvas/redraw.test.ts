// The patch-or-repaint decision every store-drawn canvas makes, step by step through real store edits.
import { beforeEach, describe, expect, it } from 'vitest';
import { explorer, history } from '../store/store';
import { fillBand, resetToDefault, setInput, undo } from '../store/actions';
import { beginStroke, continueStroke, endStroke } from '../store/stroke';
import { redrawPlan } from './redraw';

describe('redrawPlan', () => {
  beforeEach(() => {
    resetToDefault();
    history().clear();
  });

  it('repaints first, then patches each brush event of a stroke (in place or not), and keeps still states', () => {
    const plan = redrawPlan(['weight_hh']);
    const look = [1, 'RdBu'];
    expect(plan.next(explorer.getState(), look)).toBe('repaint');
    expect(plan.next(explorer.getState(), look)).toBe('same');
    beginStroke({ grid: 'weight_hh', row: 0, col: 0 }, 0.5);
    expect(plan.next(explorer.getState(), look)).toMatchObject({ grid: 'weight_hh', indices: [0] });
    continueStroke({ grid: 'weight_hh', row: 0, col: 2 }, 0.5); // written in place: the same array, new values
    expect(plan.next(explorer.getState(), look)).toMatchObject({ grid: 'weight_hh', indices: [1, 2] });
    explorer.setState({ hover: { grid: 'weight_hh', row: 0, col: 2 } }); // the hint is still there, but applied
    expect(plan.next(explorer.getState(), look)).toBe('same');
    endStroke();
    undo(); // the hint is stale: another array is on screen
    expect(plan.next(explorer.getState(), look)).toBe('repaint');
  });

  it('keeps a canvas whose grids a change did not touch, and repaints on a new look or after a reset', () => {
    const plan = redrawPlan(['weight_hh']);
    plan.next(explorer.getState(), [1, 'RdBu']);
    beginStroke({ grid: 'x', row: 0, col: 0 }, 0.5); // a brush event on another grid
    endStroke();
    expect(plan.next(explorer.getState(), [1, 'RdBu'])).toBe('same');
    setInput('h', 0.5); // not a brush event: weight_hh is the same array
    expect(plan.next(explorer.getState(), [1, 'RdBu'])).toBe('same');
    fillBand('weight_hh', 'z', 0.25); // a new weight_hh
    expect(plan.next(explorer.getState(), [1, 'RdBu'])).toBe('repaint');
    expect(plan.next(explorer.getState(), [0.5, 'RdBu'])).toBe('repaint');
    expect(plan.next(explorer.getState(), [0.5, 'RdBu'])).toBe('same');
    plan.reset();
    expect(plan.next(explorer.getState(), [0.5, 'RdBu'])).toBe('repaint');
  });
});
