// Link text → state, in a worker: the page keeps painting (and keeps the last good state) while a large or
// hostile link is read. A newer link supersedes a read still running; a read that runs away is stopped.
import type { DecodeResult } from '../../src';
import { workerClient } from '../workers/rpc';

/** A read is stopped after this long: far beyond any state the explorer makes (a raw 1024-hidden cell reads in ~1 s). */
export const DECODE_TIMEOUT_MS = 20_000;

const reader = workerClient<string, DecodeResult>(() => new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module' }), 'The link reader');
let running = 0;

/** Never rejects: a crash, a stop or a timeout is a failed result with its reason. */
export function decodeOffThread(text: string): Promise<DecodeResult> {
  // Only the newest read matters: stop an older one rather than queue behind it.
  if (running > 0) reader.terminate('a newer link was opened');
  running++;
  const timer = setTimeout(() => reader.terminate(`reading it took over ${DECODE_TIMEOUT_MS / 1000} s and was stopped`), DECODE_TIMEOUT_MS);
  return reader
    .call(text)
    .catch((e: Error): DecodeResult => ({ ok: false, error: `The link could not be read: ${e.message}.` }))
    .finally(() => {
      clearTimeout(timer);
      running--;
    });
}
