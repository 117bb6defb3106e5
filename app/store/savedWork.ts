// Saved work: the explorer's state autosaved as link text, kept as a small history so that nothing is lost —
// opening a link, a second tab or a full storage never overwrites earlier work. One piece of work (a line of
// edits: a tab's session, continued after a reload) is one entry, updated in place on every save.
// Texts up to LOCAL_CHARS go to localStorage (written synchronously, so saving as the page is left works);
// larger ones, any that localStorage refuses, and states too large for link text (stored as themselves) go to
// IndexedDB. Every storage call is guarded: a full or
// disabled storage is reported as such, never thrown. Tabs tell each other about their saves (BroadcastChannel).
import { createStore, del, get, getMany, keys, set, type UseStore } from 'idb-keyval';

export type WorkOrigin = 'work' | 'link';

export interface WorkEntry {
  id: string;
  /** 'link' when the work began as a link: such entries make way first when the history is full. */
  origin: WorkOrigin;
  /** Last save, ms since 1970. */
  time: number;
  /** Characters of link text (estimated, for a state stored as itself). */
  chars: number;
  /** The shape, e.g. "I = 3, H = 4". */
  label: string;
  /** New on every save: a tab that finds another rev than its own knows another tab wrote this entry. */
  rev: string;
  where: 'localStorage' | 'IndexedDB';
}

export type SaveOutcome = { ok: true; entry: WorkEntry } | { ok: false; conflict: WorkEntry } | { ok: false; error: string };

/** Entries kept; the oldest link-born entries go first, then the oldest. */
export const MAX_ENTRIES = 8;
/** Texts up to this size go to localStorage (Chromium gives a site ~5 M characters, shared by all entries). */
export const LOCAL_CHARS = 256_000;

const META = 'gru-explorer:work:';
const TEXT = 'gru-explorer:text:';
const LEGACY = ['gru-explorer:before-link', 'gru-explorer:autosave'];

export const newId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
/** This tab, in messages to the others. */
export const TAB = newId();

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

function local(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // disabled (private mode, sandboxed iframe)
  }
}

let store: UseStore | null = null;
/** Runs an IndexedDB call; a missing or broken IndexedDB rejects instead of throwing. */
async function idb<T>(call: (s: UseStore) => Promise<T>): Promise<T> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
  store ??= createStore('gru-explorer', 'work');
  return call(store);
}

function isEntry(v: unknown): v is WorkEntry {
  const e = v as WorkEntry;
  return (
    !!e &&
    typeof e.id === 'string' &&
    (e.origin === 'work' || e.origin === 'link') &&
    typeof e.time === 'number' &&
    typeof e.chars === 'number' &&
    typeof e.label === 'string' &&
    typeof e.rev === 'string'
  );
}

function localEntries(): WorkEntry[] {
  const s = local();
  const out: WorkEntry[] = [];
  try {
    for (let i = 0; s && i < s.length; i++) {
      const key = s.key(i);
      if (!key?.startsWith(META)) continue;
      const entry: unknown = JSON.parse(s.getItem(key) ?? 'null');
      if (isEntry(entry)) out.push({ ...entry, where: 'localStorage' });
    }
  } catch {
    // unreadable storage: whatever was read so far
  }
  return out;
}

async function idbEntries(): Promise<WorkEntry[]> {
  try {
    const ids = (await idb((s) => keys<string>(s))).filter((k) => typeof k === 'string' && k.startsWith(META));
    const found = await idb((s) => getMany<unknown>(ids, s));
    return found.filter(isEntry).map((e) => ({ ...e, where: 'IndexedDB' as const }));
  } catch {
    return [];
  }
}

/** Every saved piece of work, newest first (an entry in both stores counts once, as its newer copy). */
export async function listWork(): Promise<WorkEntry[]> {
  const byId = new Map<string, WorkEntry>();
  for (const e of [...localEntries(), ...(await idbEntries())]) {
    const seen = byId.get(e.id);
    if (!seen || e.time > seen.time) byId.set(e.id, e);
  }
  return [...byId.values()].sort((a, b) => b.time - a.time);
}

/** What an entry holds: link text, or (IndexedDB only) a value stored as itself; null when it is gone. */
export async function readWork(entry: WorkEntry): Promise<string | object | null> {
  try {
    if (entry.where === 'localStorage') return local()?.getItem(TEXT + entry.id) ?? null;
    const value = await idb((s) => get<unknown>(TEXT + entry.id, s));
    return typeof value === 'string' || (typeof value === 'object' && value !== null) ? value : null;
  } catch {
    return null;
  }
}

function removeLocal(id: string) {
  try {
    local()?.removeItem(META + id);
    local()?.removeItem(TEXT + id);
  } catch {
    // nothing to free
  }
}

const removeIdb = (id: string) => idb((s) => Promise.all([del(META + id, s), del(TEXT + id, s)])).catch(() => undefined);

export async function removeWork(id: string) {
  removeLocal(id);
  await removeIdb(id);
}

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('gru-explorer:work');
export interface WorkMessage {
  tab: string;
  entry: WorkEntry;
}
const announce = (entry: WorkEntry) => {
  try {
    channel?.postMessage({ tab: TAB, entry } satisfies WorkMessage);
  } catch {
    // other tabs learn of it when they next list
  }
};

/** Calls `onSave` whenever another tab saves work. */
export function onOtherTabSave(onSave: (message: WorkMessage) => void): () => void {
  const listener = (e: MessageEvent<WorkMessage>) => {
    if (e.data && e.data.tab !== TAB && isEntry(e.data.entry)) onSave(e.data);
  };
  channel?.addEventListener('message', listener);
  return () => channel?.removeEventListener('message', listener);
}

/**
 * Calls `onChange` when another tab's localStorage entries change. It comes after the write is visible here,
 * which a BroadcastChannel message (sent at the same time) does not promise.
 */
export function onOtherTabStorage(onChange: () => void): () => void {
  const listener = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(META)) onChange();
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}

type NewEntry = Omit<WorkEntry, 'rev' | 'where'>;

/**
 * Saves into localStorage now. A failure (too large for it, full, disabled) comes back as an error and
 * saveToIndexedDb is the way then. `expectedRev` is the rev this tab last saw for the entry.
 */
export function saveLocally(fields: NewEntry, text: string, expectedRev: string | null): SaveOutcome {
  const s = local();
  if (!s) return { ok: false, error: 'localStorage is not available' };
  if (text.length > LOCAL_CHARS) return { ok: false, error: `${text.length} characters is more than localStorage is used for` };
  const existing = localEntries().find((e) => e.id === fields.id);
  if (existing && existing.rev !== expectedRev) return { ok: false, conflict: existing };
  const entry: WorkEntry = { ...fields, rev: newId(), where: 'localStorage' };
  try {
    s.setItem(TEXT + entry.id, text);
    s.setItem(META + entry.id, JSON.stringify(entry));
  } catch (e) {
    removeLocal(entry.id); // never leave a text without its entry (or an entry whose text is stale)
    return { ok: false, error: `localStorage refused it (${errorText(e)})` };
  }
  void removeIdb(entry.id);
  announce(entry);
  void prune(entry.id);
  return { ok: true, entry };
}

/** Saves link text, or a value IndexedDB stores as itself (structured clone: typed arrays stay binary). */
export async function saveToIndexedDb(fields: NewEntry, value: string | object, expectedRev: string | null): Promise<SaveOutcome> {
  const entry: WorkEntry = { ...fields, rev: newId(), where: 'IndexedDB' };
  try {
    const existing = await idb((s) => get<unknown>(META + entry.id, s));
    if (isEntry(existing) && existing.rev !== expectedRev) return { ok: false, conflict: { ...existing, where: 'IndexedDB' } };
    await idb((s) => set(TEXT + entry.id, value, s));
    await idb((s) => set(META + entry.id, entry, s));
  } catch (e) {
    await removeIdb(entry.id);
    return { ok: false, error: `IndexedDB refused it (${errorText(e)})` };
  }
  removeLocal(entry.id);
  announce(entry);
  void prune(entry.id);
  return { ok: true, entry };
}

/** The entries to drop so that at most `max` stay: never `keep`; link-born ones first, oldest first. */
export function toEvict(entries: WorkEntry[], keep: string, max = MAX_ENTRIES): WorkEntry[] {
  const excess = entries.length - max;
  if (excess <= 0) return [];
  const candidates = entries
    .filter((e) => e.id !== keep)
    .sort((a, b) => (a.origin === b.origin ? a.time - b.time : a.origin === 'link' ? -1 : 1));
  return candidates.slice(0, excess);
}

async function prune(keep: string) {
  for (const e of toEvict(await listWork(), keep)) await removeWork(e.id);
}

/** Moves the single autosave (and the one kept when a link was opened) of earlier versions into entries. */
export async function migrateLegacy(): Promise<void> {
  const s = local();
  if (!s) return;
  for (const [i, key] of LEGACY.entries()) {
    let text: string | null;
    try {
      text = s.getItem(key);
    } catch {
      continue;
    }
    if (!text) continue;
    const fields: NewEntry = {
      id: newId(),
      origin: 'work',
      time: Date.now() - (LEGACY.length - i),
      chars: text.length,
      label: 'saved by an earlier version',
    };
    // The old keys hold the space: IndexedDB first, so a full localStorage cannot stop the move.
    const saved = await saveToIndexedDb(fields, text, null);
    if (saved.ok) {
      try {
        s.removeItem(key);
      } catch {
        // left for the next start
      }
    }
  }
}
