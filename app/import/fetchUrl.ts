// `?url=<checkpoint or configuration>` (Netron's habit): the page fetches the file itself (same-origin, or any server
// that allows other sites to read it with CORS), capped in size, and hands the bytes to the same readers as a
// dropped file. Nothing fetched is executed: the bytes only ever reach the parsers.

/** The largest file read from a link: the import limit. */
export const MAX_URL_BYTES = 256 * 1024 * 1024;

export type FetchedFile = { ok: true; file: File } | { ok: false; summary: string; details: string };

/** The `url` parameter of a page address, or null. */
export function urlParameter(href: string): string | null {
  return new URL(href).searchParams.get('url');
}

/** The page address without its `url` parameter (hash kept), so a reload does not fetch again over later work. */
export function withoutUrlParameter(href: string): string {
  const u = new URL(href);
  u.searchParams.delete('url');
  return u.toString();
}

/** "gru_cell.pt" from ".../gru_cell.pt?x=1"; "download" when the path has no name. */
export function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // keep it encoded
  }
  return name.replace(/[\\/]/g, '_').slice(0, 200) || 'download';
}

const refused = (summary: string, details: string): FetchedFile => ({ ok: false, summary, details });

/**
 * Fetches `link` (relative to `base`) as a File, reading at most MAX_URL_BYTES; `onBytes(loaded, total)` hears the
 * progress (total 0 when the server does not say). Aborting `signal` rejects with its reason.
 */
export async function fetchLinkedFile(
  link: string,
  base: string,
  onBytes: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<FetchedFile> {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    return refused(
      'The address in ?url= is not a valid URL: link to the file with http:// or https://.',
      `url = ${JSON.stringify(link.slice(0, 200))}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refused(
      'Only http:// and https:// addresses are opened from ?url=.',
      `url = ${url.href.slice(0, 200)} (protocol ${url.protocol})`,
    );
  }
  let response: Response;
  onBytes(0, 0);
  try {
    response = await fetch(url, { signal, credentials: 'same-origin', redirect: 'follow', cache: 'no-cache' });
  } catch (e) {
    signal.throwIfAborted();
    return refused(
      `The file at ${url.host} could not be fetched: the server did not answer, or it does not let other sites read the file (CORS). Download it and drop it on the page instead.`,
      `fetch ${url.href}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!response.ok) {
    return refused(
      `The server at ${url.host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: check the link.`,
      `GET ${url.href} → ${response.status} ${response.statusText}`,
    );
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const tooLarge = (size: string) =>
    refused(
      `The file is ${size}; files opened from a link are at most 256 MB: nothing was downloaded past that.`,
      `GET ${url.href}: ${size}`,
    );
  if (Number.isFinite(declared) && declared > MAX_URL_BYTES) {
    void response.body?.cancel();
    return tooLarge(`${(declared / 1e6).toFixed(0)} MB`);
  }
  const total = Number.isFinite(declared) ? declared : 0;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      loaded += value.length;
      if (loaded > MAX_URL_BYTES) {
        void reader.cancel();
        return tooLarge('more than 256 MB');
      }
      chunks.push(value);
      onBytes(loaded, total);
    }
  }
  const type = response.headers.get('content-type') ?? '';
  return { ok: true, file: new File(chunks as Uint8Array<ArrayBuffer>[], fileNameOf(new URL(response.url || url.href)), { type }) };
}

/** A GRU Explorer configuration (app/configFile.ts) rather than a checkpoint? Read only when it is JSON. */
export async function isConfiguration(file: File): Promise<boolean> {
  if (file.size > 64 * 1024 * 1024) return false;
  const head = new TextDecoder().decode(await file.slice(0, 64).arrayBuffer());
  if (!/^\s*\{/.test(head)) return false;
  try {
    const parsed = JSON.parse(await file.text()) as { format?: unknown };
    return parsed?.format === 'gru-explorer';
  } catch {
    return false;
  }
}
