// Writes a checkpoint file off the main thread: the JSON formats print every float32 as its shortest decimal,
// which takes seconds at H = 1024 (6 million values); the page stays responsive meanwhile.
import { serve } from '../workers/rpc';
import { exportCheckpoint, type CheckpointFile, type CheckpointFormat, type GruWeights, type PytorchNames } from '../../src';

export interface ExportRequest {
  weights: GruWeights;
  format: CheckpointFormat;
  names: PytorchNames;
}

export type ExportReply = { ok: true; file: CheckpointFile } | { ok: false; error: string };

serve<ExportRequest, CheckpointFile>(
  ({ weights, format, names }) => exportCheckpoint(weights, format, { names }),
  (file) => [file.bytes.buffer as ArrayBuffer],
);
