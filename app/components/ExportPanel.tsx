// Real checkpoints out: the current weights as a file PyTorch, Keras or onnxruntime loads, each one reading back
// through the Import panel to the identical float32s (src/export/checkpoint.ts). Files are written in a worker.
import { downloadBlob } from '../download';
import { Fragment, useState, type ReactNode } from 'react';
import type { CheckpointFile, CheckpointFormat, PytorchNames } from '../../src';
import type { ExportReply, ExportRequest } from '../export/exportWorker';
import { workerClient } from '../workers/rpc';
import { explorer } from '../store/store';
import { showMessage } from '../store/actions';
import { reportFailure } from '../reportFailure';

const FORMATS: { format: CheckpointFormat; label: string; usage: ReactNode }[] = [
  { format: 'pt', label: '.pt (torch.save)', usage: <code>load_state_dict(torch.load(path, weights_only=True))</code> },
  { format: 'safetensors', label: '.safetensors', usage: <code>load_state_dict(load_file(path))</code> },
  {
    format: 'npz',
    label: '.npz',
    usage: (
      <>
        <code>np.load(path)</code>: one array per parameter
      </>
    ),
  },
  {
    format: 'state-dict-json',
    label: 'state_dict JSON',
    usage: (
      <>
        nested lists → <code>load_state_dict</code>
      </>
    ),
  },
  { format: 'keras-json', label: 'Keras set_weights JSON', usage: <code>GRU(reset_after=True).set_weights</code> },
  {
    format: 'onnx',
    label: 'ONNX model',
    usage: (
      <>
        onnxruntime: <code>X, initial_h → Y, Y_h</code>
      </>
    ),
  },
];

/**
 * A fresh worker per file (it holds the whole file's bytes, so it is dropped once the file is written). Settles with
 * the writer's reply; a worker that cannot start or crashes gives { ok: false }, never a rejection.
 */
function writeInWorker(request: ExportRequest): Promise<ExportReply> {
  const writer = workerClient<ExportRequest, CheckpointFile>(
    () => new Worker(new URL('../export/exportWorker.ts', import.meta.url), { type: 'module' }),
    'the writer',
  );
  return writer
    .call(request)
    .then(
      (file): ExportReply => ({ ok: true, file }),
      (e: Error): ExportReply => ({ ok: false, error: e.message }),
    )
    .finally(() => writer.terminate());
}

function save(file: CheckpointFile) {
  downloadBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType }), file.fileName);
}

export function ExportPanel() {
  const [names, setNames] = useState<PytorchNames>('GRUCell');
  const [busy, setBusy] = useState<string | null>(null);

  const download = (format: CheckpointFormat, label: string) =>
    reportFailure(`Export as ${label}`, async () => {
      setBusy(`Writing ${label}…`);
      try {
        const reply = await writeInWorker({ weights: explorer.getState().model.weights, format, names });
        if (reply.ok) save(reply.file);
        else showMessage(`Export failed: ${reply.error}`);
      } finally {
        setBusy(null);
      }
    });

  return (
    <section className="panel export" aria-label="Export checkpoint">
      <h2>
        Export <span className="muted">the current weights as a checkpoint, exact to the bit</span>
      </h2>
      <div className="form-row">
        <label>
          PyTorch names
          <select aria-label="PyTorch names" value={names} onChange={(e) => setNames(e.target.value as PytorchNames)}>
            <option value="GRUCell">nn.GRUCell (weight_ih …)</option>
            <option value="GRU">nn.GRU layer 0 (weight_ih_l0 …)</option>
          </select>
        </label>
      </div>
      <div className="export-grid">
        {FORMATS.map(({ format, label, usage }) => (
          <Fragment key={format}>
            <button type="button" disabled={busy !== null} onClick={() => void download(format, label)}>
              {label}
            </button>
            <span className="muted">{usage}</span>
          </Fragment>
        ))}
      </div>
      {busy && (
        <p role="status" className="muted">
          {busy}
        </p>
      )}
    </section>
  );
}
