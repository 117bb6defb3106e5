// The link text of the current state, cached per state. Small states (every recipe state, raw states up to
// a few hundred kB) encode at once; larger raw states encode in a worker; states whose text could not fit
// in the address bar are not encoded until someone asks for a file.
import { encodeState, pickView, replayMilliseconds, REPLAY_BUDGET_MS, VIEW_KEYS, type SharedState } from '../../src';
import type { ExplorerState } from './store';
import { workerClient } from '../workers/rpc';

/** Estimated characters up to which encoding stays on the main thread (~10 ms). */
export const SYNC_CHARS = 300_000;
/**
 * Beyond this a state is not encoded until a file is asked for: its text would not fit the address bar and takes
 * seconds to deflate; autosave keeps such a state as itself in IndexedDB (storedState.ts).
 */
export const STORABLE_CHARS = 4_000_000;

/** Link characters a state will take, roughly: raw floats cost ~5.3 characters each (base64 of deflated float32). */
export function estimatedChars(s: Pick<ExplorerState, 'model' | 'recipe'>): number {
  const { weights, x, h } = s.model;
  const inputs = x.length + h.length;
  // encodeState keeps the recipe only when it is short and replays within a link's budget.
  if (s.recipe && replayMilliseconds(s.recipe) <= REPLAY_BUDGET_MS) return 16 * s.recipe.length + 6 * inputs;
  return (16 / 3) * (weights.weightIh.length + weights.weightHh.length + weights.biasIh.length + weights.biasHh.length + inputs);
}

export function sharedStateOf(s: ExplorerState): SharedState {
  return {
    model: s.model,
    recipe: s.recipe,
    view: pickView(s),
  };
}

/** Everything a link carries: two states with equal keys encode to the same text. */
export const stateKey = (s: ExplorerState): unknown[] => [s.model, s.recipe, ...VIEW_KEYS.map((key) => s[key])];
export const sameKey = (a: unknown[], b: unknown[]) => a.every((k, i) => k === b[i]);
const keyOf = stateKey;

let cache: { key: unknown[]; text: string | null; promise: Promise<string> } | null = null;

const encoder = workerClient<SharedState, string>(
  () => new Worker(new URL('./encodeWorker.ts', import.meta.url), { type: 'module' }),
  'The link writer',
);
/** Encodes any state in the link worker (large raw states take seconds). */
export const encodeInWorker = (state: SharedState) => encoder.call(state);

/** The link text, now for small states, from a worker for large ones (cached per state). */
export function encodeCurrent(s: ExplorerState): Promise<string> {
  const key = keyOf(s);
  if (cache && sameKey(cache.key, key)) return cache.promise;
  const entry: { key: unknown[]; text: string | null; promise: Promise<string> } = { key, text: null, promise: Promise.resolve('') };
  if (estimatedChars(s) <= SYNC_CHARS) {
    entry.text = encodeState(sharedStateOf(s));
    entry.promise = Promise.resolve(entry.text);
  } else {
    entry.promise = encodeInWorker(sharedStateOf(s)).then(
      (text) => {
        entry.text = text;
        return text;
      },
      (e: unknown) => {
        if (cache === entry) cache = null; // a crashed worker: the next ask tries again
        throw e;
      },
    );
  }
  cache = entry;
  return entry.promise;
}

/** The link text if it is ready (or cheap) right now, else null. */
export function encodedNow(s: ExplorerState): string | null {
  const key = keyOf(s);
  if (cache && sameKey(cache.key, key) && cache.text !== null) return cache.text;
  if (estimatedChars(s) <= SYNC_CHARS) {
    void encodeCurrent(s);
    return cache!.text;
  }
  return null;
}
