// PyTorch code for the current cell: the readable recipe (per-gate slicing, PyTorch's own init
// calls) or exact literals (h′ matches to float32). Generated when opened, not on every edit.
import { useState } from 'react';
import { pytorchExact, pytorchRecipe } from '../../src';
import { explorer } from '../store/store';

type Form = 'recipe' | 'exact';

function generate(form: Form): { code: string; note: string | null } {
  const { model, recipe } = explorer.getState();
  if (form === 'recipe') {
    const code = pytorchRecipe(model, recipe);
    if (code) return { code, note: null };
    return { code: pytorchExact(model), note: 'These weights have no recipe (they were resized, imported or opened as raw values): showing exact values.' };
  }
  return { code: pytorchExact(model), note: null };
}

export function CodePanel() {
  const [form, setForm] = useState<Form>('recipe');
  const [open, setOpen] = useState(false);
  const [snippet, setSnippet] = useState<{ code: string; note: string | null } | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = (next: Form = form) => {
    setForm(next);
    setSnippet(generate(next));
    setCopied(false);
  };
  return (
    <section className="panel code" aria-label="PyTorch code">
      <details
        open={open}
        onToggle={(e) => {
          const isOpen = (e.target as HTMLDetailsElement).open;
          setOpen(isOpen);
          if (isOpen) refresh();
        }}
      >
        <summary>
          <h2>PyTorch code</h2> <span className="muted">build the same nn.GRUCell in Python</span>
        </summary>
        <div className="code-tools" role="radiogroup" aria-label="Code form">
          {(['recipe', 'exact'] as const).map((f) => (
            <button key={f} type="button" role="radio" aria-checked={form === f} aria-pressed={form === f} onClick={() => refresh(f)}>
              {f === 'recipe' ? 'Recipe (per gate)' : 'Exact values'}
            </button>
          ))}
          <button type="button" onClick={() => refresh()}>
            Refresh
          </button>
          <button
            type="button"
            onClick={async () => {
              if (!snippet) return;
              try {
                await navigator.clipboard.writeText(snippet.code);
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
        {snippet?.note && <p className="muted">{snippet.note}</p>}
        {snippet && (
          <pre className="code-block" aria-label="Python code">
            {snippet.code.length > 200_000 ? `${snippet.code.slice(0, 200_000)}\n# … (${snippet.code.length.toLocaleString('en')} characters: use Copy)` : snippet.code}
          </pre>
        )}
      </details>
    </section>
  );
}
