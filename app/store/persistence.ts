// Links and autosave. The state lives in the URL hash as `#s=<encoded>` (plus `&embed=1`,
// `&readonly=1` for course pages); edits rewrite it with replaceState after a short pause, and the
// same text is saved locally so a reload loses nothing. Opening a link keeps the previous autosave
// restorable instead of overwriting it silently.
import { decodeState } from '../../src';
import { hashFor, readHash } from './hash';
import { lessonIdFor } from '../lessons/links';
import { encodeCurrent, encodedNow, estimatedChars, sameKey, stateKey, STORABLE_CHARS } from './encoding';
import { loadShared, showMessage } from './actions';
import { explorer, history, type ExplorerState } from './store';

const AUTOSAVE_KEY = 'gru-explorer:autosave';
const PREVIOUS_KEY = 'gru-explorer:before-link';
/** Longest link written into the address bar; beyond this the file download is the way to share. */
export const MAX_URL_STATE = 2_000_000;
/** Above this many characters chat tools tend to cut links. */
export const CHAT_LINK_LIMIT = 8 * 1024;

export { hashFor, readHash };

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (private mode, sandboxed iframe)
  }
}

let lastWritten: string | null = null;

/**
 * Loads encoded state; on failure shows why and leaves the current state as it is. A link whose
 * state is exactly a lesson's opens that lesson's guide; autosaved work opens none.
 */
function tryLoad(encoded: string, source: string, fromLink = false): boolean {
  const result = decodeState(encoded);
  if (!result.ok) {
    showMessage(`${source}: ${result.error} The previous state was kept.`);
    return false;
  }
  loadShared(result.state);
  const lesson = fromLink ? lessonIdFor(encoded) : null;
  explorer.setState((s) => ({ lesson, lessonReveal: s.lessonReveal + (lesson ? 1 : 0) }));
  lastWritten = encoded;
  return true;
}

/** Called once at start-up, before the first render. */
export function restoreAtStart() {
  const { state, embed, readonly } = readHash(window.location.hash);
  explorer.setState({ embed, readonly });
  const saved = storage()?.getItem(AUTOSAVE_KEY) ?? null;
  if (state) {
    if (tryLoad(state, 'This link could not be opened', true)) {
      // Keep unsaved work from before the link, so opening a link never destroys it.
      if (saved && saved !== state) {
        storage()?.setItem(PREVIOUS_KEY, saved);
        explorer.setState({ restorable: true });
      }
    } else if (saved) {
      const message = explorer.getState().message;
      tryLoad(saved, 'Your autosaved state could not be read');
      explorer.setState({ message });
    }
  } else if (saved) {
    tryLoad(saved, 'Your autosaved state could not be read');
  }
  history().clear();
}

export function restorePrevious() {
  const previous = storage()?.getItem(PREVIOUS_KEY);
  if (previous && tryLoad(previous, 'Your earlier work could not be read')) storage()?.removeItem(PREVIOUS_KEY);
  explorer.setState({ restorable: false });
}

export function dismissPrevious() {
  explorer.setState({ restorable: false });
}

/** Keeps hash and autosave in step with the store, and follows back/forward and pasted hashes. */
export function startSync(delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let tooLarge = false;
  const save = (s: ExplorerState, encoded: string) => {
    if (encoded === lastWritten) return;
    lastWritten = encoded;
    try {
      storage()?.setItem(AUTOSAVE_KEY, encoded);
    } catch {
      showMessage('This state is too large to autosave in the browser; download it to keep it.');
    }
    if (encoded.length <= MAX_URL_STATE) {
      window.history.replaceState(window.history.state, '', hashFor(encoded, { embed: s.embed, readonly: s.readonly }));
    }
  };
  const write = () => {
    const s = explorer.getState();
    const large = estimatedChars(s) > STORABLE_CHARS;
    if (large) {
      // Neither the address bar nor local storage could hold it: say so once, and do not spend seconds encoding.
      if (!tooLarge) showMessage('This state is too large for a link or autosave (a raw 1024-hidden cell is ~34 MB of text); use Download file in Share, or Export, to keep it.');
      tooLarge = true;
      return;
    }
    tooLarge = false;
    encodeCurrent(s).then(
      (encoded) => {
        // Saved only if the state is still the one encoded (hover and other view-only changes do not count).
        const now = explorer.getState();
        if (encodedNow(now) === encoded) save(now, encoded);
      },
      () => showMessage('This state could not be saved.'),
    );
  };
  const writeNow = () => {
    // Leaving the page: only what is ready (or cheap) can still be saved.
    const s = explorer.getState();
    const encoded = estimatedChars(s) <= STORABLE_CHARS ? encodedNow(s) : null;
    if (encoded) save(s, encoded);
  };
  const unsubscribe = explorer.subscribe((s, prev) => {
    const changed = !sameKey(stateKey(s), stateKey(prev));
    if (!changed) return;
    clearTimeout(timer);
    timer = setTimeout(write, delayMs);
  });
  const onHashChange = () => {
    const { state, embed, readonly } = readHash(window.location.hash);
    explorer.setState({ embed, readonly });
    if (state && state !== lastWritten) tryLoad(state, 'This link could not be opened', true);
  };
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('pagehide', writeNow);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener('pagehide', writeNow);
  };
}
