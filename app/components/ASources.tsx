// Where A comes from besides the screen: a checkpoint file or a pasted link (the Compare panel's sources row).
import { useRef, useState, type FormEvent } from 'react';
import { pinFromLink } from '../store/compare';
import { CHECKPOINT_TYPES, importFile } from '../import/target';
import { showMessage } from '../store/actions';
import { InlineError } from './InlineError';

/** A from elsewhere: a checkpoint file (read by the Import panel, which shows its progress and any refusal) or a
 * pasted GRU Explorer link (read off the main thread; a refusal shows here, as text, and A is kept). */
export function ASources() {
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [link, setLink] = useState('');
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(0);
  const submitLink = async (e: FormEvent) => {
    e.preventDefault();
    const mine = ++latest.current;
    setReading(true);
    setProblem(null);
    const refused = await pinFromLink(link);
    if (mine !== latest.current) return; // a newer link was pasted meanwhile
    setReading(false);
    setProblem(refused);
    if (!refused) setLink('');
  };
  return (
    <div className="compare-sources">
      <button
        type="button"
        onClick={() => fileInput.current?.click()}
        title="Read a checkpoint as A (the Import panel shows its progress); B stays as it is"
      >
        A from a file…
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label="A from a file"
        accept={CHECKPOINT_TYPES}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file && !importFile(file, 'A')) showMessage('Files are imported in the full explorer.');
          e.target.value = '';
        }}
      />
      <form className="compare-link" onSubmit={(e) => void submitLink(e)}>
        <input
          type="text"
          aria-label="Link for A"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'compare-link-problem' : undefined}
          placeholder="or paste a GRU Explorer link as A"
          spellCheck={false}
          autoComplete="off"
          value={link}
          onChange={(e) => setLink(e.target.value)}
        />
        <button type="submit" disabled={reading || !link.trim()}>
          {reading ? 'Reading…' : 'Use as A'}
        </button>
      </form>
      <InlineError error={problem} block id="compare-link-problem" className="compare-link-problem" />
    </div>
  );
}
