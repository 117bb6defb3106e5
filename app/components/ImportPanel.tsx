// Real checkpoints in: drop a .pt / .safetensors / .npz / .npy / .onnx / .json file on the page
// (or pick one); it is parsed in a worker, never executed, and the chosen GRU replaces the
// weights (undoable). A bad file leaves everything as it was.
import { useEffect, useState } from 'react';
import { emptyModel, type GruWeights } from '../../src';
import { explorer } from '../store/store';
import { loadShared, showMessage } from '../store/actions';
import type { ImportReply } from '../import/importWorker';

const MAX_BYTES = 256 * 1024 * 1024;
type Found = { label: string; notes: string[]; weights: GruWeights };

function parseInWorker(file: File, onStage: (stage: string) => void): Promise<ImportReply> {
  return new Promise((resolve) => {
    onStage(`Reading ${file.name} (${(file.size / 1e6).toFixed(1)} MB)…`);
    file.arrayBuffer().then(
      (bytes) => {
        onStage(`Parsing ${file.name}…`);
        const worker = new Worker(new URL('../import/importWorker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (e: MessageEvent<ImportReply>) => {
          worker.terminate();
          resolve(e.data);
        };
        worker.onerror = (e) => {
          worker.terminate();
          resolve({ ok: false, error: e.message || 'the parser stopped' });
        };
        worker.postMessage({ bytes, name: file.name }, [bytes]);
      },
      () => resolve({ ok: false, error: 'the file could not be read' }),
    );
  });
}

function loadImported(gru: Found) {
  const { model } = explorer.getState();
  const { inputSize: I, hiddenSize: H } = gru.weights;
  const batch = model.batch;
  const sameSizes = model.weights.inputSize === I && model.weights.hiddenSize === H;
  const base = sameSizes ? model : emptyModel(I, H, batch);
  const s = explorer.getState();
  loadShared({
    model: { ...base, weights: gru.weights },
    recipe: null, // imported values have no recipe: links carry them raw
    view: { palette: s.palette, fixedRange: null, selectedUnit: 0, selectedBatch: 0 },
  });
}

export async function importFile(file: File, setStatus: (s: string | null) => void, setFound: (f: Found[] | null) => void) {
  if (file.size > MAX_BYTES) return showMessage(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB; the limit is 256 MB. Nothing was changed.`);
  const reply = await parseInWorker(file, setStatus);
  setStatus(null);
  if (!reply.ok) return showMessage(`${reply.error} Nothing was changed.`);
  if (reply.grus.length === 1) loadImported(reply.grus[0]);
  setFound(reply.grus);
}

export function ImportPanel() {
  const [status, setStatus] = useState<string | null>(null);
  const [found, setFound] = useState<Found[] | null>(null);
  const [chosen, setChosen] = useState(0);

  useEffect(() => {
    // Drop anywhere on the page.
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void importFile(file, setStatus, (f) => (setFound(f), setChosen(0)));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <section className="panel import" aria-label="Import checkpoint">
      <h2>
        Import <span className="muted">drop a checkpoint anywhere: .pt, .safetensors, .npz, .npy, .onnx, .json</span>
      </h2>
      <input
        type="file"
        aria-label="Checkpoint file"
        accept=".pt,.pth,.bin,.safetensors,.npz,.npy,.onnx,.json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file, setStatus, (f) => (setFound(f), setChosen(0)));
          e.target.value = '';
        }}
      />
      {status && (
        <p role="status" className="muted">
          {status}
        </p>
      )}
      {found && found.length > 1 && (
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
          <button type="button" onClick={() => loadImported(found[chosen])}>
            Use this GRU
          </button>
        </div>
      )}
      {found?.[found.length > 1 ? chosen : 0]?.notes.map((note) => (
        <p key={note} className="warn">
          {note}
        </p>
      ))}
      {found && found.length === 1 && <p className="muted">Loaded {found[0].label}.</p>}
    </section>
  );
}
