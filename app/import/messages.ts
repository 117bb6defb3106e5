// The typed protocol between the Import panel and its parsing worker (./importWorker.ts).
import type { GruWeights } from '../../src';

/** Page → worker: the file's bytes (transferred, not copied) and its name (a format hint). */
export interface ImportRequest {
  bytes: ArrayBuffer;
  name: string;
}

/** One GRU found in the file, in PyTorch layout. */
export interface FoundGru {
  label: string;
  notes: string[];
  weights: GruWeights;
}

/** Worker → page, any number of times before the reply: a stage and, when the reader knows it, its fraction. */
export interface ImportProgress {
  type: 'progress';
  stage: string;
  fraction?: number;
}

/** Worker → page, once, last: the GRUs found or why the file was refused. */
export type ImportReply = { type: 'done'; grus: FoundGru[] } | { type: 'failed'; error: string };

export type WorkerMessage = ImportProgress | ImportReply;
