// Sharing: copy the link (the whole state in the URL hash), see its length, copy an embed link for
// course pages, or download / open the configuration as a file when it is too long for a link.
import { useEffect, useRef, useState } from 'react';
import { explorer } from '../store/store';
import { CHAT_LINK_LIMIT, currentEncoded, hashFor, MAX_URL_STATE } from '../store/persistence';
import { openConfigFile, downloadConfig } from '../configFile';

function linkFor(encoded: string, flags: { embed?: boolean; readonly?: boolean } = {}) {
  return `${window.location.origin}${window.location.pathname}${hashFor(encoded, flags)}`;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no clipboard permission: the link stays visible in the text box to copy by hand
  }
}

/** The encoded state, refreshed once edits pause: encoding large raw states costs milliseconds. */
function useEncodedWhenIdle(delayMs = 250): string {
  const [encoded, setEncoded] = useState(() => currentEncoded());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = explorer.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setEncoded(currentEncoded()), delayMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [delayMs]);
  return encoded;
}

export function SharePanel() {
  const encoded = useEncodedWhenIdle();
  const [status, setStatus] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const link = linkFor(encoded);
  const tooLongForChat = link.length > CHAT_LINK_LIMIT;
  const tooLongForUrl = encoded.length > MAX_URL_STATE;

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
        <button type="button" onClick={() => onCopy(linkFor(encoded, { embed: true }), 'Embed link')} disabled={tooLongForUrl}>
          Copy embed link
        </button>
        <button type="button" onClick={() => downloadConfig(encoded)}>
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
            if (file) void openConfigFile(file);
            e.target.value = '';
          }}
        />
      </div>
      <p className="link-length" aria-label="Link length">
        Link: {link.length.toLocaleString('en')} characters
        {tooLongForChat && !tooLongForUrl && <span className="warn"> — longer than chat tools accept (~8 kB): download the file to share it.</span>}
        {tooLongForUrl && <span className="warn"> — too long for a link: download the file to share it.</span>}
      </p>
      {!tooLongForChat && <input className="link-box" readOnly value={link} aria-label="Link" onFocus={(e) => e.target.select()} />}
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
