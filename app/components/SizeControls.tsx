// Input size I, hidden size H and batch. Resizing keeps the values that still fit, gate by gate.
import { useState, type FormEvent } from 'react';
import { LIMITS, parseInteger } from '../../src';
import { useExplorer } from '../store/store';
import { resize } from '../store/actions';
import { InlineError } from './InlineError';

export function SizeControls() {
  const I = useExplorer((s) => s.model.weights.inputSize);
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const batch = useExplorer((s) => s.model.batch);
  const current = `${I}/${H}/${batch}`;
  return <SizeForm key={current} I={I} H={H} batch={batch} />;
}

function SizeForm({ I, H, batch }: { I: number; H: number; batch: number }) {
  const [text, setText] = useState({ I: String(I), H: String(H), batch: String(batch) });
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const pi = parseInteger(text.I, 'input size I', 1, LIMITS.inputSize);
    const ph = parseInteger(text.H, 'hidden size H', 1, LIMITS.hiddenSize);
    const pb = parseInteger(text.batch, 'batch', 1, LIMITS.batch);
    for (const p of [pi, ph, pb]) if (!p.ok) return setError(p.error);
    if (pi.ok && ph.ok && pb.ok) {
      setError(null);
      resize(pi.value, ph.value, pb.value);
    }
  };
  const field = (key: keyof typeof text, label: string) => (
    <label>
      {label}
      <input aria-label={label} size={4} value={text[key]} onChange={(e) => setText({ ...text, [key]: e.target.value })} />
    </label>
  );
  return (
    <form className="sizes" onSubmit={submit} aria-label="Sizes">
      {field('I', 'I')}
      {field('H', 'H')}
      {field('batch', 'batch')}
      <button type="submit">Resize</button>
      <InlineError error={error} />
    </form>
  );
}
