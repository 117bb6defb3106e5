// Compare two cells: A is a pinned copy of a state (weights, x, h); B is whatever is on screen, so editing,
// importing or training goes on as usual. A lives outside the undo history (undo moves B, not A).
import { create } from 'zustand';
import type { GruModel } from '../../src';
import { explorer, history } from './store';

export interface PinnedCell {
  model: GruModel;
  /** Where A came from, as the panel names it ("pinned at 09:14", "before the last edit"). */
  label: string;
}

export const useCompare = create<{ a: PinnedCell | null }>()(() => ({ a: null }));

export function pinAsA(label = `pinned at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })}`) {
  useCompare.setState({ a: { model: explorer.getState().model, label } });
}

/** A = the state before the last undo step (the stroke, fill or import just made); false when there is none. */
export function pinPreviousAsA(): boolean {
  const past = history().pastStates;
  const before = past[past.length - 1]?.model;
  if (!before) return false;
  useCompare.setState({ a: { model: before, label: 'before the last edit' } });
  return true;
}

export function pinModelAsA(model: GruModel, label: string) {
  useCompare.setState({ a: { model, label } });
}

export function clearA() {
  useCompare.setState({ a: null });
}
