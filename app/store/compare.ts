// Compare two cells: A is a pinned copy of a state (weights, x, h); B is whatever is on screen, so editing,
// importing or training goes on as usual. A lives outside the undo history (undo moves B, not A). A travels in
// links as `&a=<encoded state>` next to B's `s=`, and is kept in IndexedDB so a reload keeps it.
import { create } from 'zustand';
import { del, get, set } from 'idb-keyval';
import { DEFAULT_VIEW, emptyModel, encodeState, type GruModel, type GruWeights, type WeightOp } from '../../src';
import { encodeInWorker, estimatedChars, STORABLE_CHARS, SYNC_CHARS } from './encoding';
import { decodeOffThread } from './decoding';
import { stateInLink } from './hash';
import { explorer, history } from './store';
import { shareStrokeCopy } from './stroke';

export interface PinnedCell {
  model: GruModel;
  /** Ops that rebuild A's weights (a short link), or null when only the raw values are known. */
  recipe: WeightOp[] | null;
  /** Where A came from, as the panel names it ("pinned at 09:14", "before the last edit"). */
  label: string;
}

interface CompareState {
  a: PinnedCell | null;
  /** A's link text once encoded; null while it encodes, or when A is too large for a link. */
  aText: string | null;
  /** A and B of other sizes: compare the part they share (asked for in the panel; the figure follows it). */
  crop: boolean;
}

export const useCompare = create<CompareState>()(() => ({ a: null, aText: null, crop: false }));

export function setCrop(crop: boolean) {
  useCompare.setState({ crop });
}

const SAVED_KEY = 'gru-explorer:compare-a';

/** Pins `a`, then encodes it (a worker for large raw states) and saves the text for the next visit. */
function pin(a: PinnedCell | null, knownText: string | null = null) {
  useCompare.setState({ a, aText: knownText });
  if (!a) {
    void Promise.resolve()
      .then(() => del(SAVED_KEY))
      .catch(() => undefined); // a missing IndexedDB throws at once
    return;
  }
  const chars = estimatedChars(a);
  if (knownText === null && chars > STORABLE_CHARS) return; // too large for a link or storage: kept until the page closes
  const shared = { model: a.model, recipe: a.recipe, view: DEFAULT_VIEW };
  const text = knownText ?? (chars <= SYNC_CHARS ? encodeState(shared) : null);
  const done = (t: string) => {
    if (useCompare.getState().a !== a) return; // A was replaced meanwhile
    useCompare.setState({ aText: t });
    void Promise.resolve()
      .then(() => set(SAVED_KEY, { text: t, label: a.label }))
      .catch(() => undefined); // no storage: A lasts this visit
  };
  if (text !== null) done(text);
  else encodeInWorker(shared).then(done, () => undefined);
}

export function pinAsA(label = `pinned at ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })}`) {
  const { model, recipe } = explorer.getState();
  shareStrokeCopy(); // A keeps this model's arrays: a stroke under way must not write them
  pin({ model, recipe, label });
}

/** A = the state before the last undo step (the stroke, fill or import just made); false when there is none. */
export function pinPreviousAsA(): boolean {
  const past = history().pastStates;
  const before = past[past.length - 1];
  if (!before?.model) return false;
  pin({ model: before.model, recipe: before.recipe ?? null, label: 'before the last edit' });
  return true;
}

/**
 * A = a GRU read from a file (the Import panel's pipeline, sent here instead of to B). It runs on B's x and h
 * when the sizes match (copies: B's own arrays go on changing), on zeros otherwise; B is not touched.
 */
export function pinImported(weights: GruWeights, fileName: string, layer: string | null) {
  const { model } = explorer.getState();
  const { inputSize: I, hiddenSize: H } = weights;
  const sameSizes = model.weights.inputSize === I && model.weights.hiddenSize === H;
  const base = sameSizes ? { batch: model.batch, x: model.x.slice(), h: model.h.slice() } : emptyModel(I, H, model.batch);
  pin({ model: { ...base, weights }, recipe: null, label: `from ${fileName}${layer ? `, ${layer}` : ''}` });
}

/**
 * A = the cell a pasted GRU Explorer link shows (its `s=`; a link with its own `a=` gives its B), read off the main
 * thread like an opened link. Resolves to null once pinned, or to why the link was refused (A is then unchanged).
 */
export async function pinFromLink(pasted: string): Promise<string | null> {
  const text = stateInLink(pasted);
  if (!text) return "This is not a GRU Explorer link: it has no s= part. Copy the address bar or the Share panel's link. A was kept.";
  const result = await decodeOffThread(text);
  if (!result.ok) return `This link could not be read: ${result.error} A was kept.`;
  const { model, recipe } = result.state;
  pin({ model, recipe, label: 'from a pasted link' }, text);
  return null;
}

export function clearA() {
  pin(null);
}

/**
 * At start-up, once B is loaded: A from the link's `a=` when it has one, else the A saved on the last visit.
 * Runs after B's read, never beside it (the link reader serves one read at a time).
 */
export async function restorePinned(fromLink: string | null): Promise<string | null> {
  const saved = fromLink
    ? null
    : ((await Promise.resolve()
        .then(() => get(SAVED_KEY))
        .catch(() => undefined)) as { text: string; label: string } | undefined);
  const text = fromLink ?? saved?.text;
  if (!text) return null;
  const result = await decodeOffThread(text);
  if (!result.ok) return fromLink ? `The link's A could not be read: ${result.error}` : null;
  const { model, recipe } = result.state;
  pin({ model, recipe, label: fromLink ? 'from the link' : (saved?.label ?? 'saved') }, text);
  return null;
}
