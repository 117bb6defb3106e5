// The address bar: the hash `#s=<encoded state>` plus `&embed=1`, `&readonly=1` for course pages, and
// `&a=<encoded state>` for a pinned A to compare with (app/store/compare.ts); how long a link may grow; and the
// address of the full explorer for an embedded page.
/** Longest link written into the address bar; beyond this the file download is the way to share. */
export const MAX_URL_STATE = 2_000_000;
/** Above this many characters chat tools tend to cut links. */
export const CHAT_LINK_LIMIT = 8 * 1024;

export interface HashParams {
  state: string | null;
  embed: boolean;
  readonly: boolean;
  /** The compare panel's A, when the link carries one. */
  a: string | null;
}

export function readHash(hash: string): HashParams {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { state: params.get('s'), embed: params.get('embed') === '1', readonly: params.get('readonly') === '1', a: params.get('a') };
}

export function hashFor(encoded: string, flags: { embed?: boolean; readonly?: boolean; a?: string | null } = {}): string {
  return `#s=${encoded}${flags.a ? `&a=${flags.a}` : ''}${flags.embed ? '&embed=1' : ''}${flags.readonly ? '&readonly=1' : ''}`;
}

/** The same address without embed and read-only mode, in the hash or the query: the full explorer. */
export function fullExplorerHref(href: string): string {
  const url = new URL(href);
  const strip = (params: URLSearchParams) => {
    params.delete('embed');
    params.delete('readonly');
    return params.toString();
  };
  url.search = strip(new URLSearchParams(url.search));
  // The state is base64url: URLSearchParams keeps it as it is ('-' and '_' need no escaping).
  url.hash = strip(new URLSearchParams(url.hash.replace(/^#/, '')));
  return url.href;
}

/**
 * The state (`s=`) of a pasted GRU Explorer link: a whole address, its `#…` part, or just `s=…`; null when there is
 * none. A link that carries its own A (`&a=`) still gives its B: the cell that link shows on screen.
 */
export function stateInLink(pasted: string): string | null {
  const text = pasted.trim();
  const hashAt = text.indexOf('#');
  const query = hashAt >= 0 ? text.slice(0, hashAt) : text;
  // The explorer writes its state after '#'; a query (`?s=`) or the bare parameters are read too.
  const parts = [hashAt >= 0 ? text.slice(hashAt + 1) : '', query.replace(/^[^?]*\?/, '')];
  for (const part of parts) {
    const state = new URLSearchParams(part).get('s');
    if (state) return state;
  }
  return null;
}
