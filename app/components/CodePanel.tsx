// PyTorch code for the current cell, kept current: the readable recipe (per-gate slicing, PyTorch's own init
// calls) or exact literals (h′ matches to float32). The snippet is rewritten in a worker after each change while
// the panel is open (large cells: on request), and any snippet that no longer matches the page is marked stale.
// The default form is the recipe only when it reproduces the page's numbers (no random initializer): PyTorch's
// generator cannot draw the explorer's seeded values.
import { useEffect, useMemo, useRef, useState } from 'react';
import { recipeIsExact, type GruModel, type WeightOp } from '../../src';
import type { CodeForm, CodeRequest, CodeResult } from '../export/codeWorker';
import { workerClient, type WorkerClient } from '../workers/rpc';
import { explorer, useExplorer } from '../store/store';
import { RadioGroup } from './RadioGroup';
import { InlineError } from './InlineError';

/** Above this many values (about I = H = 400) the snippet is rewritten only on request: it takes ~0.3 s or more. */
export const AUTO_VALUES = 1_000_000;
/** Lines longer than this (base64 tensors) are shown cut: laying out a megabyte-long line blocks the page. */
const SHOWN_LINE_CHARS = 600;

/** The code as shown: long lines cut with a note (Copy takes the whole code). */
function shownCode(code: string): string {
  if (code.length <= SHOWN_LINE_CHARS * 4) return code;
  return code
    .split('\n')
    .map((line) =>
      line.length > SHOWN_LINE_CHARS
        ? `${line.slice(0, SHOWN_LINE_CHARS)} … (${(line.length - SHOWN_LINE_CHARS).toLocaleString('en')} more characters: use Copy)`
        : line,
    )
    .join('\n');
}

interface Snippet {
  model: GruModel;
  recipe: WeightOp[] | null;
  /** The form asked for and the form written (a recipe request for weights without a recipe gets exact values). */
  asked: CodeForm;
  form: CodeForm;
  code: string;
}

const valuesIn = ({ weights: { inputSize: I, hiddenSize: H }, batch }: GruModel) => 3 * H * (I + H + 2) + batch * (I + H);

export function CodePanel() {
  const [open, setOpen] = useState(false);
  /** The user's pick; null follows the default (recipe only when it is exact). */
  const [choice, setChoice] = useState<CodeForm | null>(null);
  const [snippet, setSnippet] = useState<Snippet | null>(null);
  /** A rewrite the user asked for (large cells) is running. */
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const writer = useRef<WorkerClient<CodeRequest, CodeResult> | null>(null);
  const job = useRef<{ id: number; request: CodeRequest } | null>(null);
  const nextId = useRef(0);

  const recipeExact = useExplorer((s) => recipeIsExact(s.recipe));
  const hasRecipe = useExplorer((s) => s.recipe !== null && !s.recipe.some((op) => op.k === 'resize'));
  const large = useExplorer((s) => valuesIn(s.model) > AUTO_VALUES);
  const form: CodeForm = choice ?? (recipeExact ? 'recipe' : 'exact');
  // Booleans, not the model: a brush stroke re-renders this panel once, when the snippet goes stale.
  const current = useExplorer(
    (s) => snippet !== null && snippet.model === s.model && snippet.recipe === s.recipe && snippet.asked === form,
  );

  /** Asks the worker for the snippet of the state now (one request in flight at a time). */
  const post = () => {
    const { model, recipe } = explorer.getState();
    writer.current ??= workerClient<CodeRequest, CodeResult>(
      () => new Worker(new URL('../export/codeWorker.ts', import.meta.url), { type: 'module' }),
      'the code writer',
    );
    const request: CodeRequest = { model, recipe, form };
    const id = ++nextId.current;
    job.current = { id, request };
    const settle = () => {
      if (job.current?.id !== id) return false; // a request made since (or the panel closed) takes over
      job.current = null;
      setRefreshing(false);
      return true;
    };
    writer.current.call(request).then(
      (reply) => {
        if (!settle()) return;
        setError(null);
        setCopied(false);
        setSnippet({ model: request.model, recipe: request.recipe, asked: request.form, form: reply.form, code: reply.code });
      },
      (e: Error) => {
        if (settle()) setError(`The code could not be written: ${e.message}`);
      },
    );
  };

  // Rewrite when stale, unless a rewrite is in flight (its reply renders, and this runs again), it failed, or the
  // cell is large (then on request).
  useEffect(() => {
    if (!open || current || job.current || error !== null || (large && snippet !== null)) return;
    post();
  });
  const refresh = () => {
    setError(null);
    setRefreshing(true);
    if (!job.current) post();
  };

  useEffect(
    () => () => {
      job.current = null;
      writer.current?.terminate();
      writer.current = null;
    },
    [],
  );

  const shown = useMemo(() => (snippet ? shownCode(snippet.code) : ''), [snippet]);
  const pick = (f: CodeForm) => setChoice(f === (recipeExact ? 'recipe' : 'exact') ? null : f);
  const stale = snippet !== null && !current;
  const note = !snippet
    ? null
    : snippet.asked === 'recipe' && snippet.form === 'exact'
      ? 'These weights have no recipe (they were resized, imported or opened as raw values): showing exact values.'
      : snippet.form === 'recipe' && !recipeIsExact(snippet.recipe)
        ? "The recipe calls PyTorch's random initializers, which draw other numbers than the page's seeded ones: its h′ differs from the page's (equal in distribution, not in value). Exact values reproduce the page."
        : null;

  return (
    <section className="panel code" aria-label="PyTorch code">
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          <h2>PyTorch code</h2> <span className="muted">build the same nn.GRUCell in Python</span>
        </summary>
        <div className="code-tools">
          <RadioGroup
            label="Code form"
            options={[
              { value: 'exact', label: 'Exact values' },
              { value: 'recipe', label: recipeExact || !hasRecipe ? 'Recipe (per gate)' : 'Recipe (per gate, random values differ)' },
            ]}
            value={form}
            onChange={pick}
          />
          <button
            type="button"
            disabled={!snippet || stale}
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
        {stale && (
          <p className="code-stale" role="status">
            <strong>Out of date:</strong> the weights or inputs changed since this code was written.{' '}
            {(!large && error === null) || refreshing ? (
              'Updating…'
            ) : (
              <button type="button" onClick={refresh}>
                Refresh
              </button>
            )}
          </p>
        )}
        {!snippet && error === null && <p className="muted">Writing the code…</p>}
        <InlineError error={error} block />
        {snippet && !stale && note && <p className="muted">{note}</p>}
        {snippet && !stale && !note && choice === null && form === 'exact' && hasRecipe && (
          <p className="muted">
            Exact values by default: the recipe's random initializers would draw other numbers in PyTorch than the page's seeded ones.
          </p>
        )}
        {/* The code scrolls: a focusable region, so the keyboard can scroll it too. */}
        {snippet && (
          <pre
            className={`code-block${stale ? ' stale' : ''}`}
            role="region"
            tabIndex={0}
            aria-label="Python code"
            data-state={stale ? 'stale' : 'current'}
            data-form={snippet.form}
          >
            {shown}
          </pre>
        )}
      </details>
    </section>
  );
}
