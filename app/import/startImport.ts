// One import of a checkpoint: read the file in chunks on the page, parse it in a worker, report each phase,
// and stop at any moment on cancel (the worker is terminated, so nothing it found reaches the store).
import type { FoundGru, ImportRequest, WorkerMessage } from './messages';
import { readInChunks } from './readInChunks';

export type ImportPhase =
  /** Downloading a file linked with ?url= (total 0: the server did not say). */
  | { kind: 'fetching'; name: string; loaded: number; total: number }
  | { kind: 'reading'; name: string; loaded: number; total: number }
  | { kind: 'parsing'; name: string; stage: string; fraction?: number };

export type ImportOutcome = { kind: 'done'; grus: FoundGru[] } | { kind: 'failed'; error: string } | { kind: 'cancelled' };

export interface RunningImport {
  /** Settles once: with the GRUs, the reason the file was refused, or 'cancelled'. */
  done: Promise<ImportOutcome>;
  cancel(): void;
}

/** Reading progress is reported per whole percent: a 25 MB file arrives in hundreds of chunks. */
const READ_STEPS = 100;

export function startImport(file: File, onPhase: (phase: ImportPhase) => void): RunningImport {
  const { name } = file;
  const abort = new AbortController();
  let worker: Worker | null = null;
  let settled = false;
  let resolve!: (outcome: ImportOutcome) => void;
  const done = new Promise<ImportOutcome>((r) => (resolve = r));
  const finish = (outcome: ImportOutcome) => {
    if (settled) return;
    settled = true;
    worker?.terminate();
    worker = null;
    resolve(outcome);
  };
  const report = (phase: ImportPhase) => {
    if (!settled) onPhase(phase);
  };

  let step = -1;
  report({ kind: 'reading', name, loaded: 0, total: file.size });
  readInChunks(
    file,
    (loaded) => {
      const now = Math.floor((loaded / Math.max(1, file.size)) * READ_STEPS);
      if (now === step) return;
      step = now;
      report({ kind: 'reading', name, loaded, total: file.size });
    },
    abort.signal,
  ).then(
    (bytes) => {
      if (settled) return;
      report({ kind: 'parsing', name, stage: 'Starting the parser' });
      try {
        worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
      } catch (e) {
        return finish({ kind: 'failed', error: `${name}: the parser could not start (${e instanceof Error ? e.message : String(e)}).` });
      }
      worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        if (m.type === 'progress') report({ kind: 'parsing', name, stage: m.stage, fraction: m.fraction });
        else finish(m.type === 'done' ? { kind: 'done', grus: m.grus } : { kind: 'failed', error: m.error });
      };
      worker.onerror = (e) => {
        e.preventDefault(); // reported below as a refused file, not as an uncaught page error
        finish({ kind: 'failed', error: `${name}: the parser stopped (${e.message || 'no reason given'}).` });
      };
      worker.onmessageerror = () => finish({ kind: 'failed', error: `${name}: the parser's reply could not be read.` });
      const request: ImportRequest = { bytes, name };
      try {
        worker.postMessage(request, [bytes]);
      } catch (e) {
        finish({
          kind: 'failed',
          error: `${name}: the file could not be handed to the parser (${e instanceof Error ? e.message : String(e)}).`,
        });
      }
    },
    (e: unknown) => finish({ kind: 'failed', error: `${name} could not be read (${e instanceof Error ? e.message : String(e)}).` }),
  );

  return {
    done,
    cancel() {
      finish({ kind: 'cancelled' });
      abort.abort();
    },
  };
}
