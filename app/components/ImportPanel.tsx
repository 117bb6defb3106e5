// Real checkpoints in: drop a .pt / .safetensors / .npz / .npy / .onnx / .json file on the page
// (or pick one, or link one with ?url=); it is read in chunks, parsed in a worker, never executed, and the chosen
// GRU replaces the weights (undoable), or becomes the compare panel's A when that panel sent the file. A bad or cancelled file leaves everything as it was, and says why first,
// what to do next, and the reader's own message last.
import { useCallback, useEffect, useRef, useState } from 'react';
import { emptyModel, pickView } from '../../src';
import { explorer } from '../store/store';
import { loadShared } from '../store/actions';
import { openConfigFile } from '../configFile';
import { codeSpans, explainImportError, type ImportProblem } from '../import/explain';
import { fetchLinkedFile, isConfiguration, urlParameter, withoutUrlParameter } from '../import/fetchUrl';
import type { FoundGru } from '../import/messages';
import { startImport, type ImportPhase, type RunningImport } from '../import/startImport';
import { CHECKPOINT_TYPES, serveImports, type ImportTarget } from '../import/target';
import { pinImported } from '../store/compare';
import { reportFailure } from '../reportFailure';

/** A refused file: its name, and the problem in the order a person needs it. */
interface Refusal {
  fileName: string;
  problem: ImportProblem;
}

/** ?url= is read once per page load (React's development mode mounts effects twice). */
let linkOpened = false;

const MAX_BYTES = 256 * 1024 * 1024;
const CANCELLED = 'Import cancelled; nothing was changed.';
// The bar takes the row's width next to Cancel; the status sits right under it.
const ROW = { display: 'flex', alignItems: 'center', gap: 8, marginTop: 8 } as const;
const STATUS = { margin: '6px 0 0' } as const;

/** "(nn.GRUCell)" → "nn.GRUCell": a top-level cell's label is its class in brackets. */
const layerName = (gru: FoundGru) => gru.label.replace(/^\((.*)\)$/, '$1');

function loadImported(gru: FoundGru, target: ImportTarget, fileName: string, several: boolean) {
  // A's label names the layer of a file with several GRUs: "(nn.GRU) layer 1 reverse" → "layer 1 reverse".
  if (target === 'A') return pinImported(gru.weights, fileName, several ? gru.label.replace(/^\([^)]*\)\s*/, '') || layerName(gru) : null);
  const { model } = explorer.getState();
  const { inputSize: I, hiddenSize: H } = gru.weights;
  const batch = model.batch;
  const sameSizes = model.weights.inputSize === I && model.weights.hiddenSize === H;
  const base = sameSizes ? model : emptyModel(I, H, batch);
  const s = explorer.getState();
  loadShared({
    model: { ...base, weights: gru.weights },
    recipe: null, // imported values have no recipe: links carry them raw
    view: { ...pickView(s), fixedRange: null, selectedUnit: 0, selectedBatch: 0 },
  });
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** "Loaded nn.GRUCell from gru.pt: I = 3, H = 4." ("… as A to compare: …" when it went to A). */
function loadedText(gru: FoundGru, fileName: string, target: ImportTarget): string {
  const into = target === 'A' ? ' as A to compare' : '';
  return `Loaded ${layerName(gru)} from ${fileName}${into}: I = ${gru.weights.inputSize}, H = ${gru.weights.hiddenSize}.`;
}

function phaseText(p: ImportPhase): string {
  if (p.kind === 'fetching') return `Downloading ${p.name}: ${mb(p.loaded)}${p.total ? ` of ${mb(p.total)}` : ''} MB`;
  if (p.kind === 'reading') return `Reading ${p.name}: ${mb(p.loaded)} of ${mb(p.total)} MB`;
  return `Parsing ${p.name}: ${p.stage}${p.fraction === undefined ? '' : ` (${Math.round(p.fraction * 100)}%)`}…`;
}

/** The bar's value: the byte fraction while reading, the stage's fraction while parsing (none: indeterminate). */
function phaseFraction(p: ImportPhase): number | undefined {
  if (p.kind === 'fetching') return p.total ? p.loaded / p.total : undefined;
  return p.kind === 'reading' ? p.loaded / Math.max(1, p.total) : p.fraction;
}

function ProblemText({ text }: { text: string }) {
  return <>{codeSpans(text).map((part, i) => (part.code ? <code key={i}>{part.text}</code> : <span key={i}>{part.text}</span>))}</>;
}

export function ImportPanel() {
  const [phase, setPhase] = useState<ImportPhase | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [found, setFound] = useState<FoundGru[] | null>(null);
  const [source, setSource] = useState('');
  /** Where the GRUs of `found` go: B on screen, or the compare panel's A. */
  const [target, setTarget] = useState<ImportTarget>('B');
  const [chosen, setChosen] = useState(0);
  /** Which of `found` is on screen (a file with several GRUs loads one when asked). */
  const [loaded, setLoaded] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** The layer picker of a file with several GRUs: closed when a later file is refused. */
  const [picking, setPicking] = useState(false);
  const running = useRef<RunningImport | null>(null);
  const problemRef = useRef<HTMLDivElement | null>(null);

  /**
   * A refused file clears what an earlier import left for choosing (its layer picker); the "Loaded …" line of the
   * GRU still on screen stays, since those weights are unchanged.
   */
  const refuse = useCallback((next: Refusal) => {
    setPicking(false);
    setNote(null);
    setRefusal(next);
    // The panel may be far below a drop on the heatmaps: bring the reason into view.
    requestAnimationFrame(() => problemRef.current?.scrollIntoView({ block: 'nearest' }));
  }, []);

  const begin = useCallback(
    async (file: File, into: ImportTarget = 'B') => {
      if (file.size > MAX_BYTES) {
        return refuse({
          fileName: file.name,
          problem: explainImportError(`file size ${(file.size / 1e6).toFixed(0)} MB is larger than the 256 MB limit`, file.name),
        });
      }
      running.current?.cancel(); // a new file replaces an import still in progress
      let run: RunningImport | null = null;
      await reportFailure(`Importing ${file.name}`, async () => {
        try {
          run = startImport(file, setPhase);
          running.current = run;
          setNote(null);
          setRefusal(null);
          const outcome = await run.done;
          if (running.current !== run) return; // replaced by a newer file: that import owns the panel now
          running.current = null;
          setPhase(null);
          if (outcome.kind === 'cancelled') return setNote(CANCELLED);
          if (outcome.kind === 'failed') return refuse({ fileName: file.name, problem: explainImportError(outcome.error, file.name) });
          if (outcome.grus.length === 1) loadImported(outcome.grus[0], into, file.name, false);
          setLoaded(outcome.grus.length === 1 ? 0 : null);
          setFound(outcome.grus);
          setPicking(outcome.grus.length > 1);
          setSource(file.name);
          setTarget(into);
          setChosen(0);
        } catch (error) {
          // The panel goes back to idle (no bar, no Cancel); the weights on screen are the ones from before.
          if (running.current === run || run === null) {
            running.current = null;
            setPhase(null);
          }
          throw error;
        }
      });
    },
    [refuse],
  );

  // ?url=<checkpoint or configuration>: fetched once at start, then read like a dropped file.
  useEffect(() => {
    const link = urlParameter(window.location.href);
    if (link === null || linkOpened) return;
    linkOpened = true;
    history.replaceState(history.state, '', withoutUrlParameter(window.location.href));
    const abort = new AbortController();
    const name =
      link
        .replace(/[?#].*$/, '')
        .split('/')
        .pop() || link;
    const fetching: RunningImport = { done: new Promise(() => {}), cancel: () => abort.abort(new DOMException('cancelled', 'AbortError')) };
    running.current = fetching;
    fetchLinkedFile(link, window.location.href, (loaded, total) => setPhase({ kind: 'fetching', name, loaded, total }), abort.signal).then(
      async (fetched) => {
        if (running.current !== fetching) return;
        running.current = null;
        setPhase(null);
        if (!fetched.ok) return refuse({ fileName: name, problem: { kind: 'fetch', summary: fetched.summary, details: fetched.details } });
        if (await isConfiguration(fetched.file)) return openConfigFile(fetched.file);
        return begin(fetched.file);
      },
      () => {
        if (running.current !== fetching) return;
        running.current = null;
        setPhase(null);
        setNote('Download cancelled; nothing was changed.');
      },
    );
  }, [begin, refuse]);

  // Files for A, from the compare panel.
  useEffect(() => serveImports((file, into) => void begin(file, into)), [begin]);

  useEffect(() => {
    // Drop anywhere on the page.
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void begin(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      running.current?.cancel();
    };
  }, [begin]);

  const status = phase ? phaseText(phase) : note;
  return (
    <section className="panel import" aria-label="Import checkpoint">
      <h2>
        Import <span className="muted">drop a checkpoint anywhere: .pt, .safetensors, .npz, .npy, .onnx, .json</span>
      </h2>
      <input
        type="file"
        aria-label="Checkpoint file"
        accept={CHECKPOINT_TYPES}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void begin(file);
          e.target.value = '';
        }}
      />
      {phase && (
        <div style={ROW}>
          <progress aria-label="Import progress" max={1} value={phaseFraction(phase)} style={{ flex: 1 }} />
          <button type="button" onClick={() => running.current?.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {/* Always in the page, so screen readers announce each new status. */}
      <div role="status">
        {status && (
          <p className="muted" style={STATUS}>
            {status}
          </p>
        )}
      </div>
      {refusal && (
        <div className="import-problem" role="alert" ref={problemRef}>
          <p>
            <strong>{refusal.fileName} was not imported.</strong> <ProblemText text={refusal.problem.summary} /> Nothing was changed.
          </p>
          <details>
            <summary>Technical details</summary>
            <pre>{refusal.problem.details}</pre>
          </details>
        </div>
      )}
      {found && picking && (
        <div className="form-row">
          <label>
            GRU{' '}
            <select aria-label="GRU in file" value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
              {found.map((g, i) => (
                <option key={i} value={i}>
                  {g.label} — I = {g.weights.inputSize}, H = {g.weights.hiddenSize}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            title={target === 'A' ? 'Load this GRU as A, to compare (the cell on screen stays as it is)' : undefined}
            onClick={() =>
              void reportFailure(`Loading ${found[chosen].label}`, () => {
                loadImported(found[chosen], target, source, true);
                setLoaded(chosen);
              })
            }
          >
            {target === 'A' ? 'Use this GRU as A' : 'Use this GRU'}
          </button>
        </div>
      )}
      {found?.[picking ? chosen : (loaded ?? -1)]?.notes.map((text) => (
        <p key={text} className="warn">
          {text}
        </p>
      ))}
      {found && loaded !== null && found[loaded] && <p className="muted">{loadedText(found[loaded], source, target)}</p>}
    </section>
  );
}
