// Parses a dropped checkpoint off the main thread, so a 25 MB file never freezes the page.
import { importGrus } from '../../src';

export type ImportReply =
  | { ok: true; grus: { label: string; notes: string[]; weights: import('../../src').GruWeights }[] }
  | { ok: false; error: string };

self.onmessage = (event: MessageEvent<{ bytes: ArrayBuffer; name: string }>) => {
  let reply: ImportReply;
  try {
    reply = { ok: true, grus: importGrus(new Uint8Array(event.data.bytes), event.data.name) };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const transfer = reply.ok ? reply.grus.flatMap((g) => [g.weights.weightIh.buffer, g.weights.weightHh.buffer, g.weights.biasIh.buffer, g.weights.biasHh.buffer]) : [];
  (self as unknown as Worker).postMessage(reply, [...new Set(transfer)] as ArrayBuffer[]);
};
