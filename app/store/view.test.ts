// The view a link carries is declared once (VIEW_FIELDS / DEFAULT_VIEW in src/share/schema.ts): the store's
// defaults, Reset, loading and the link's key all follow it, and loading fills the fields a source leaves out.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, defaultModel, defaultRecipe, emptyModel, pickView, VIEW_KEYS, type ViewState } from '../../src';
import { explorer, history } from './store';
import { loadShared, resetToDefault, setLens, setPalette, setSequence } from './actions';
import { sharedStateOf, stateKey } from './encoding';

/** The default cell with a batch of two rows (so a batch row other than 0 can be selected). */
const batchOfTwo = () => ({ ...emptyModel(3, 4, 2), weights: defaultModel().weights });

const ELSEWHERE: Required<ViewState> = {
  palette: 'BrBG',
  fixedRange: 3,
  selectedUnit: 2,
  selectedBatch: 1,
  sequenceSteps: 40,
  sequencePattern: 'alternating',
  lensFramework: 'flax',
  cellSemantics: 'reset-before',
};

describe('the view state, declared once', () => {
  beforeEach(() => {
    resetToDefault();
    history().clear();
  });

  it('the store starts from DEFAULT_VIEW, and Reset returns to it', () => {
    expect(pickView(explorer.getState())).toEqual(DEFAULT_VIEW);
    loadShared({ model: batchOfTwo(), recipe: defaultRecipe(), view: ELSEWHERE });
    expect(pickView(explorer.getState())).toEqual(ELSEWHERE);
    resetToDefault();
    expect(pickView(explorer.getState())).toEqual(DEFAULT_VIEW);
  });

  it('loading a view that lacks fields restores them from DEFAULT_VIEW', () => {
    setPalette('PuOr');
    setLens('onnx', 'reset-before');
    setSequence(50, 'impulse');
    loadShared({
      model: defaultModel(),
      recipe: defaultRecipe(),
      view: { palette: 'BrBG', fixedRange: null, selectedUnit: 1, selectedBatch: 0 },
    });
    expect(pickView(explorer.getState())).toEqual({ ...DEFAULT_VIEW, palette: 'BrBG', selectedUnit: 1 });
  });

  it('a link carries every view field, and its key changes with each', () => {
    loadShared({ model: batchOfTwo(), recipe: defaultRecipe(), view: ELSEWHERE });
    expect(sharedStateOf(explorer.getState()).view).toEqual(ELSEWHERE);
    const before = stateKey(explorer.getState());
    for (const key of VIEW_KEYS) {
      explorer.setState({ [key]: DEFAULT_VIEW[key] });
      const after = stateKey(explorer.getState());
      expect(
        after.some((k, i) => k !== before[i]),
        key,
      ).toBe(true);
      explorer.setState({ [key]: ELSEWHERE[key] });
    }
  });
});
