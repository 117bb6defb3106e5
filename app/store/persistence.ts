// Links and autosave. The state lives in the URL hash as `#s=<encoded>` (plus `&embed=1`, `&readonly=1` for
// course pages); edits rewrite it with replaceState after a short pause, and the same text is saved as work
// (savedWork.ts) so a reload loses nothing. Links and saved work are read in a worker: the page paints first
// and keeps the last good state if a link is refused. Opening a link never overwrites earlier work.
import type { SharedState } from '../../src';
import { hashFor, MAX_URL_STATE, readHash } from './hash';
import { lessonIdFor } from '../lessons/links';
import { encodeCurrent, encodedNow, estimatedChars, sameKey, sharedStateOf, stateKey, STORABLE_CHARS } from './encoding';
import { readStoredState, storedState } from './storedState';
import { decodeOffThread } from './decoding';
import { loadShared, showMessage } from './actions';
import {
  listWork,
  migrateLegacy,
  newId,
  onOtherTabSave,
  onOtherTabStorage,
  readWork,
  saveLocally,
  saveToIndexedDb,
  type SaveOutcome,
  type WorkEntry,
  type WorkOrigin,
} from './savedWork';
import { explorer, history, type ExplorerState } from './store';
import { restorePinned, useCompare } from './compare';
import { timeOf } from '../format';

// ---- the work being edited ------------------------------------------------------------------------
/** The entry this tab's edits are saved into, and the rev it last wrote or read (null: not saved yet). */
let work: { id: string; origin: WorkOrigin; rev: string | null } = { id: newId(), origin: 'work', rev: null };
/** Text of the link that opened the current state while it is unedited: the link itself keeps it. */
let openedLink: string | null = null;
/** The last text written to the hash and the saved work. */
let lastWritten: string | null = null;

const labelOf = (s: ExplorerState) => {
  const { inputSize: I, hiddenSize: H } = s.model.weights;
  return `I = ${I}, H = ${H}${s.model.batch > 1 ? `, batch ${s.model.batch}` : ''}`;
};

/**
 * Signals for tests and tools, on <html>: `data-state-load` is "pending" while a link or saved work is read, then
 * "done"; `data-saved` says where the last autosave went ("localStorage", "IndexedDB") or "failed"; `data-saves`
 * counts the autosaves that succeeded.
 */
let pendingLoads = 0;
let saves = 0;
function setSignal(name: 'stateLoad' | 'saved' | 'saves', value: string) {
  if (typeof document !== 'undefined') document.documentElement.dataset[name] = value;
}
async function tracked<T>(kind: 'link' | 'saved work', run: () => Promise<T>): Promise<T> {
  pendingLoads++;
  setSignal('stateLoad', 'pending');
  explorer.setState({ loading: kind });
  try {
    return await run();
  } finally {
    if (--pendingLoads === 0) {
      explorer.setState({ loading: null });
      setSignal('stateLoad', 'done');
    }
  }
}

let loadSeq = 0;
/**
 * Reads `text` off the main thread and loads it; on failure shows why and keeps the current state. A link whose
 * state is exactly a lesson's opens that lesson's guide; saved work opens none.
 */
async function open(text: string, failure: string, onLoaded: () => void, fromLink = false): Promise<boolean> {
  const seq = ++loadSeq;
  const result = await decodeOffThread(text);
  if (seq !== loadSeq) return false; // a newer link or restore took over
  if (!result.ok) {
    showMessage(`${failure}: ${result.error} The previous state was kept.`);
    return false;
  }
  onLoaded();
  lastWritten = text;
  loadShared(result.state as SharedState);
  const lesson = fromLink ? lessonIdFor(text) : null;
  explorer.setState((s) => ({ lesson, lessonReveal: s.lessonReveal + (lesson ? 1 : 0) }));
  return true;
}

const openLink = (text: string) =>
  open(
    text,
    'This link could not be opened',
    () => {
      work = { id: newId(), origin: 'link', rev: null };
      openedLink = text;
    },
    true,
  );

async function openEntry(entry: WorkEntry, failure: string): Promise<boolean> {
  const value = await readWork(entry);
  const onLoaded = () => {
    work = { id: entry.id, origin: entry.origin, rev: entry.rev };
    openedLink = null;
  };
  if (value === null) {
    showMessage(`${failure}: it is no longer in the browser's storage.`);
    return false;
  }
  if (typeof value === 'string') return open(value, failure, onLoaded);
  // A state too large for link text, stored as itself: checked here, no worker needed.
  const seq = ++loadSeq;
  const stored = readStoredState(value);
  if (!stored.ok) {
    showMessage(`${failure}: ${stored.error}. The previous state was kept.`);
    return false;
  }
  onLoaded();
  lastWritten = null;
  loadShared(stored.state);
  clearHashState(explorer.getState());
  explorer.setState({ lesson: null });
  return seq === loadSeq;
}

/** Takes the state out of the address bar when it cannot hold it, so a reload brings back the saved work instead. */
function clearHashState(s: ExplorerState) {
  if (!readHash(window.location.hash).state) return;
  const flags = [s.embed ? 'embed=1' : '', s.readonly ? 'readonly=1' : ''].filter(Boolean).join('&');
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${flags ? `#${flags}` : ''}`);
}

let listSeq = 0;
async function refreshEarlier() {
  const seq = ++listSeq;
  const entries = await listWork();
  if (seq === listSeq) explorer.setState({ earlier: entries.filter((e) => e.id !== work.id) }); // only the newest listing
}

/** Called once at start-up; the page renders meanwhile (the default state until the link or saved work is read). */
export function restoreAtStart(): Promise<void> {
  const { state, embed, readonly, a } = readHash(window.location.hash);
  explorer.setState({ embed, readonly });
  return tracked(state ? 'link' : 'saved work', async () => {
    await migrateLegacy();
    const saved = await listWork();
    if (state) {
      if (await openLink(state)) {
        // Earlier work stays saved; say so, so that opening a link never seems to destroy it.
        if (saved.length > 0) explorer.setState({ restorable: true });
      } else if (saved[0]) {
        const message = explorer.getState().message;
        await openEntry(saved[0], 'Your saved work could not be read');
        explorer.setState({ message });
      }
    } else if (saved[0]) {
      await openEntry(saved[0], 'Your saved work could not be read');
    }
    history().clear();
    // The compare panel's A: the link's, or (with no link) the one pinned on the last visit.
    if (state ? a : true) {
      const problem = await restorePinned(state ? a : null);
      if (problem) showMessage(problem);
    }
    await refreshEarlier();
  });
}

/** Brings back a piece of earlier work (the newest one by default); the current work stays saved. */
export async function restorePrevious(id?: string) {
  flushSave();
  const entry = id ? explorer.getState().earlier.find((e) => e.id === id) : explorer.getState().earlier[0];
  explorer.setState({ restorable: false });
  if (!entry) return;
  await tracked('saved work', () => openEntry(entry, 'Your earlier work could not be read'));
  await refreshEarlier();
}

export function dismissPrevious() {
  explorer.setState({ restorable: false });
}

// ---- saving -----------------------------------------------------------------------------------------
let flushSave: () => void = () => undefined;

type Work = typeof work;
const FORKED = 'Another tab saved changes to the work open here; this tab now saves its edits separately. Both are under Earlier work.';

/** A new entry for the edits of `w` from now on (another tab writes into `w`'s entry). */
function fork(w: Work): Work {
  const forked = { id: newId(), origin: w.origin, rev: null };
  if (w === work) {
    work = forked;
    explorer.setState({ notice: FORKED });
  }
  return forked;
}

function reportSave(outcome: SaveOutcome, w: Work, retry: (into: Work) => void, localError?: string) {
  if (outcome.ok) {
    w.rev = outcome.entry.rev;
    setSignal('saved', outcome.entry.where);
    setSignal('saves', String(++saves));
    void refreshEarlier();
  } else if ('conflict' in outcome) {
    retry(fork(w)); // another tab saved this same work since this tab last did: keep both, as two entries
  } else {
    setSignal('saved', 'failed');
    const reasons = localError && !localError.includes('more than localStorage') ? `${localError}; ${outcome.error}` : outcome.error;
    showMessage(`Autosave failed: ${reasons}. Download the state (Share → Download file) to keep it.`);
  }
}

let idbQueue: Promise<void> = Promise.resolve();
/** Saves `text` as the work `w`: into localStorage now if it fits there, else into IndexedDB. */
function saveWork(s: ExplorerState, text: string, w: Work = work) {
  const fields = () => ({ id: w.id, origin: w.origin, time: Date.now(), chars: text.length, label: labelOf(s) });
  const retry = (into: Work) => saveWork(s, text, into);
  const local = saveLocally(fields(), text, w.rev);
  if (local.ok || 'conflict' in local) return reportSave(local, w, retry);
  // One IndexedDB save at a time, so that each one sees the rev the one before wrote.
  idbQueue = idbQueue.then(async () => reportSave(await saveToIndexedDb(fields(), text, w.rev), w, retry, local.error));
}

/** B's link text in the address bar, with the pinned A (when it has a text) and the embed flags. */
function writeHash(s: ExplorerState, encoded: string) {
  const a = useCompare.getState().aText;
  if (encoded.length + (a?.length ?? 0) > MAX_URL_STATE) return clearHashState(s);
  window.history.replaceState(window.history.state, '', hashFor(encoded, { embed: s.embed, readonly: s.readonly, a }));
}

/** Saves a state too large for link text as itself, into IndexedDB. */
function saveLarge(s: ExplorerState, w: Work = work) {
  openedLink = null;
  const fields = { id: w.id, origin: w.origin, time: Date.now(), chars: Math.round(estimatedChars(s)), label: labelOf(s) };
  const value = storedState(sharedStateOf(s));
  idbQueue = idbQueue.then(async () => reportSave(await saveToIndexedDb(fields, value, w.rev), w, (into) => saveLarge(s, into)));
}

/** Keeps hash and saved work in step with the store, follows back/forward and pasted hashes, and other tabs. */
export function startSync(delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let tooLarge = false;
  const save = (s: ExplorerState, encoded: string) => {
    if (encoded === lastWritten) return;
    lastWritten = encoded;
    writeHash(s, encoded);
    if (encoded === openedLink) return; // unedited: the link keeps it
    openedLink = null;
    saveWork(s, encoded);
  };
  const write = () => {
    timer = undefined;
    const s = explorer.getState();
    const large = estimatedChars(s) > STORABLE_CHARS;
    if (large) {
      // Its text would take seconds to write and could not go in the address bar: saved as itself, said once.
      if (!tooLarge)
        explorer.setState({
          notice:
            'This state is too large for a link (a raw 1024-hidden cell is ~34 MB of text). It is autosaved in this browser; to share it, use Download file in Share, or Export.',
        });
      tooLarge = true;
      lastWritten = null;
      clearHashState(s);
      saveLarge(s);
      return;
    }
    tooLarge = false;
    encodeCurrent(s).then(
      (encoded) => {
        // Saved only if the state is still the one encoded (hover and other view-only changes do not count).
        const now = explorer.getState();
        if (encodedNow(now) === encoded) save(now, encoded);
      },
      (e: Error) => showMessage(`This state could not be saved: ${e.message}.`),
    );
  };
  const writeNow = () => {
    // Leaving the page (or loading other work): only what is ready (or cheap) can still be saved.
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    const s = explorer.getState();
    const encoded = estimatedChars(s) <= STORABLE_CHARS ? encodedNow(s) : null;
    if (encoded) save(s, encoded);
    else write();
  };
  flushSave = writeNow;
  const unsubscribe = explorer.subscribe((s, prev) => {
    if (sameKey(stateKey(s), stateKey(prev))) return;
    clearTimeout(timer);
    // Nothing is saved while a link or saved work is being read: the state on screen is about to be replaced.
    if (s.loading) return;
    timer = setTimeout(write, delayMs);
  });
  const onHashChange = () => {
    const { state, embed, readonly, a } = readHash(window.location.hash);
    explorer.setState({ embed, readonly });
    if (!state || state === lastWritten) return;
    writeNow(); // an edit made just before the link was followed is saved first
    void tracked('link', async () => {
      if ((await openLink(state)) && a && a !== useCompare.getState().aText) {
        const problem = await restorePinned(a);
        if (problem) showMessage(problem);
      }
    }).then(refreshEarlier);
  };
  // Pinning or clearing A rewrites the address (B's text is unchanged, so nothing is saved again).
  const stopCompare = useCompare.subscribe((c, prev) => {
    if (c.aText !== prev.aText && lastWritten) writeHash(explorer.getState(), lastWritten);
  });
  const toldOf = new Set<string>();
  const stopListening = onOtherTabSave(({ tab, entry }) => {
    if (entry.id === work.id) fork(work);
    else if (!toldOf.has(tab))
      explorer.setState({ notice: `Another tab saved its work (${entry.label}, ${timeOf(entry.time)}); it is under Earlier work.` });
    toldOf.add(tab); // said once per tab; the Earlier work menu follows every save
    void refreshEarlier();
  });
  const stopStorage = onOtherTabStorage(() => void refreshEarlier());
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('pagehide', writeNow);
  return () => {
    unsubscribe();
    stopCompare();
    stopListening();
    stopStorage();
    clearTimeout(timer);
    flushSave = () => undefined;
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener('pagehide', writeNow);
  };
}
