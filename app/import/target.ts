// Where an imported GRU goes: B (the cell on screen, an undoable edit) or the compare panel's A (B untouched).
// The compare panel's "A from a file" hands its file to the Import panel, so both go through one pipeline: the same
// size limit, progress, layer picker for files with several GRUs, and refusal messages.
export type ImportTarget = 'A' | 'B';

/** The file picker's filter: every format the readers know. */
export const CHECKPOINT_TYPES = '.pt,.pth,.bin,.safetensors,.npz,.npy,.onnx,.json';

type Importer = (file: File, target: ImportTarget) => void;
let importer: Importer | null = null;

/** The Import panel registers its pipeline while it is mounted; returns the unregistering function. */
export function serveImports(run: Importer): () => void {
  importer = run;
  return () => {
    if (importer === run) importer = null;
  };
}

/** Imports `file` into `target`; false when no Import panel is on the page (an embedded view). */
export function importFile(file: File, target: ImportTarget): boolean {
  if (!importer) return false;
  importer(file, target);
  return true;
}
