// Encodes large states off the main thread: deflating a raw 1024-hidden cell takes seconds.
import { encodeState, type SharedState } from '../../src';

export type EncodeRequest = { id: number; state: SharedState };
export type EncodeReply = { id: number; ok: true; text: string } | { id: number; ok: false; error: string };

self.onmessage = (event: MessageEvent<EncodeRequest>) => {
  const { id, state } = event.data;
  let reply: EncodeReply;
  try {
    reply = { id, ok: true, text: encodeState(state) };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(reply);
};
