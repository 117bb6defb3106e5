// Sharing: copy the link (the whole state in the URL hash), see its length, copy an embed link for
// course pages, or download / open the configuration as a file when it is too long for a link.
import { useEffect, useRef, useState } from 'react';
import { explorer } from '../store/store';
import { useCompare } from '../store/compare';
import { CHAT_LINK_LIMIT, hashFor, MAX_URL_STATE } from '../store/hash';
import { encodeCurrent, encodedNow, estimatedChars, STORABLE_CHARS } from '../store/encoding';
import { openConfigFile, downloadConfig } from '../configFile';
import { reportFailure } from '../reportFailure';

/** The link to `encoded`, with the compare panel's A when one is pinned. */
function linkFor(encoded: string, flags: { embed?: boolean; readonly?: boolean } = {}) {
  return `${window.location.origin}${window.location.pathname}${hashFor(encoded, { ...flags, a: useCompare.getState().aText })}`;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no clipboard permission: the link stays visible in the text box to copy by hand
  }
}

type LinkText = { kind: 'ready'; text: string } | { kind: 'encoding' } | { kind: 'too-large'; chars: number };

function linkTextNow(): LinkText {
  const s = explorer.getState();
  const chars = estimatedChars(s);
  if (chars > STORABLE_CHARS) return { kind: 'too-large', chars };
  const text = encodedNow(s);
  return text === null ? { kind: 'encoding' } : { kind: 'ready', text };
}

/** The encoded state, refreshed once edits pause; large states encode in a worker meanwhile. */
function useEncodedWhenIdle(delayMs = 250): LinkText {
  const [link, setLink] = useState<LinkText>(linkTextNow);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      const now = linkTextNow();
      setLink(now);
      if (now.kind !== 'encoding') return;
      encodeCurrent(explorer.getState()).then(
        () => live && setLink(linkTextNow()),
        () => live && setLink({ kind: 'too-large', chars: estimatedChars(explorer.getState()) }),
      );
    };
    timer = setTimeout(refresh, 0);
    const unsubscribe = explorer.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(refresh, delayMs);
    });
    return () => {
      live = false;
      unsubscribe();
      clearTimeout(timer);
    };
  }, [delayMs]);
  return link;
}

export function SharePanel() {
  const linkText = useEncodedWhenIdle();
  const [status, setStatus] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const encoded = linkText.kind === 'ready' ? linkText.text : null;
  const link = encoded === null ? '' : linkFor(encoded);
  const tooLongForChat = link.length > CHAT_LINK_LIMIT;
  const tooLongForUrl = encoded === null || encoded.length > MAX_URL_STATE;
  const download = () => {
    if (encoded !== null) return downloadConfig(encoded);
    setStatus('Preparing the file…');
    encodeCurrent(explorer.getState()).then(
      (text) => {
        downloadConfig(text);
        setStatus(null);
      },
      (e: Error) => setStatus(`The file could not be written: ${e.message}`),
    );
  };

  const onCopy = async (text: string, what: string) => setStatus((await copy(text)) ? `${what} copied.` : `Copy it from the box below.`);

  return (
    <section className="panel share" aria-label="Share">
      <h2>
        Share <span className="muted">the link reproduces weights, inputs and view exactly</span>
      </h2>
      <div className="share-row">
        <button type="button" onClick={() => onCopy(link, 'Link')} disabled={tooLongForUrl}>
          Copy link
        </button>
        <button
          type="button"
          onClick={() => encoded !== null && onCopy(linkFor(encoded, { embed: true }), 'Embed link')}
          disabled={tooLongForUrl}
        >
          Copy embed link
        </button>
        <button type="button" onClick={download}>
          Download file
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Open file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Open a configuration file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void reportFailure(`Opening ${file.name}`, () => openConfigFile(file));
            e.target.value = '';
          }}
        />
      </div>
      <p className="link-length" aria-label="Link length">
        {linkText.kind === 'encoding' && <span className="muted">Link: encoding…</span>}
        {linkText.kind === 'too-large' && (
          <span className="warn">
            Too large for a link (~{(linkText.chars / 1e6).toFixed(0)} M characters); autosaved in this browser. To share it, download the
            file or export a checkpoint.
          </span>
        )}
        {encoded !== null && (
          <>
            Link: {link.length.toLocaleString('en')} characters
            {tooLongForChat && !tooLongForUrl && (
              <span className="warn"> — longer than chat tools accept (~8 kB): download the file to share it.</span>
            )}
            {tooLongForUrl && <span className="warn"> — too long for a link: download the file to share it.</span>}
          </>
        )}
      </p>
      {encoded !== null && !tooLongForChat && (
        <input className="link-box" readOnly value={link} aria-label="Link" onFocus={(e) => e.target.select()} />
      )}
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
