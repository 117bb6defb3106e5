// Link text → state, in a worker: the page keeps painting (and keeps the last good state) while a large or
// hostile link is read. A newer link supersedes a read still running; a read that runs away is stopped.
import type { DecodeResult } from '../../src';
import { workerClient } from '../workers/rpc';

/**
 * A read is stopped after this long: 20 s plus 3 s per million characters, far beyond what any state the explorer
 * makes needs (a raw 1024-hidden cell, 34 M characters, took 11–22 s in Node on a busy 2-core machine).
 */
export const decodeTimeoutMs = (chars: number) => 20_000 + (3 * chars) / 1000;

const reader = workerClient<string, DecodeResult>(
  () => new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module' }),
  'The link reader',
);
let running = 0;

/** Never rejects: a crash, a stop or a timeout is a failed result with its reason. */
export function decodeOffThread(text: string): Promise<DecodeResult> {
  // Only the newest read matters: stop an older one rather than queue behind it.
  if (running > 0) reader.terminate('a newer link was opened');
  running++;
  const limit = decodeTimeoutMs(text.length);
  const timer = setTimeout(() => reader.terminate(`reading it took over ${Math.round(limit / 1000)} s and was stopped`), limit);
  return reader
    .call(text)
    .catch((e: Error): DecodeResult => ({ ok: false, error: `The link could not be read: ${e.message}.` }))
    .finally(() => {
      clearTimeout(timer);
      running--;
    });
}
