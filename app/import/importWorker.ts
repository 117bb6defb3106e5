// Parses a dropped checkpoint off the main thread, so a 25 MB file never freezes the page. It posts
// progress messages while the readers work, then one reply; nothing from the file is ever executed.
import { importGrus } from '../../src';
import type { ImportReply, ImportRequest, WorkerMessage } from './messages';

/** Progress is posted when the stage changes or its fraction moves by this much: enough for a smooth bar. */
const STEP = 0.02;

const post = (message: WorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

function progressPoster(): (stage: string, fraction?: number) => void {
  let lastStage = '';
  let lastFraction = -1;
  return (stage, fraction) => {
    const moved = fraction !== undefined && (fraction - lastFraction >= STEP || (fraction === 1 && lastFraction < 1));
    if (stage === lastStage && !moved) return;
    lastStage = stage;
    lastFraction = fraction ?? -1;
    post(fraction === undefined ? { type: 'progress', stage } : { type: 'progress', stage, fraction });
  };
}

self.onmessage = (event: MessageEvent<ImportRequest>) => {
  let reply: ImportReply;
  try {
    reply = { type: 'done', grus: importGrus(new Uint8Array(event.data.bytes), event.data.name, progressPoster()) };
  } catch (e) {
    reply = { type: 'failed', error: e instanceof Error ? e.message : String(e) };
  }
  const buffers =
    reply.type === 'done'
      ? reply.grus.flatMap((g) => [g.weights.weightIh.buffer, g.weights.weightHh.buffer, g.weights.biasIh.buffer, g.weights.biasHh.buffer])
      : [];
  post(reply, [...new Set(buffers)] as ArrayBuffer[]);
};
