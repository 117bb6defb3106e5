// Writes a checkpoint file off the main thread: the JSON formats print every float32 as its shortest decimal,
// which takes seconds at H = 1024 (6 million values); the page stays responsive meanwhile.
import { exportCheckpoint, type CheckpointFile, type CheckpointFormat, type GruWeights, type PytorchNames } from '../../src';

export interface ExportRequest {
  weights: GruWeights;
  format: CheckpointFormat;
  names: PytorchNames;
}

export type ExportReply = { ok: true; file: CheckpointFile } | { ok: false; error: string };

self.onmessage = (event: MessageEvent<ExportRequest>) => {
  const { weights, format, names } = event.data;
  let reply: ExportReply;
  try {
    reply = { ok: true, file: exportCheckpoint(weights, format, { names }) };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(reply, reply.ok ? [reply.file.bytes.buffer as ArrayBuffer] : []);
};
