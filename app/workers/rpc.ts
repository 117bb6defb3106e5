// One request, one reply, over a Web Worker. Calls carry ids so several can be in flight; a worker that crashes
// (onerror) or sends an unreadable reply settles every waiting call with the reason, and the next call starts a
// fresh worker. `serve` is the worker's side: it runs the handler and replies with its result or its error.

export type WorkerReply<R> = { id: number; ok: true; result: R } | { id: number; ok: false; error: string };
type WorkerRequest<Q> = { id: number; request: Q };

export interface WorkerClient<Q, R> {
  call(request: Q, transfer?: Transferable[]): Promise<R>;
  /** Stops the worker now; waiting calls are rejected with `reason`. */
  terminate(reason?: string): void;
}

/**
 * `create` must be written at the call site as `() => new Worker(new URL('./x.ts', import.meta.url), { type: 'module' })`:
 * that is the form Vite recognises and bundles. `what` names the worker in error messages ("the link reader").
 */
export function workerClient<Q, R>(create: () => Worker, what: string): WorkerClient<Q, R> {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (result: R) => void; reject: (error: Error) => void }>();

  const failAll = (reason: string) => {
    worker?.terminate();
    worker = null;
    const pending = [...waiting.values()];
    waiting.clear();
    for (const p of pending) p.reject(new Error(reason));
  };

  const start = () => {
    const w = create();
    w.onmessage = (e: MessageEvent<WorkerReply<R>>) => {
      const pending = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (!pending) return;
      if (e.data.ok) pending.resolve(e.data.result);
      else pending.reject(new Error(e.data.error));
    };
    w.onerror = (e) => {
      e.preventDefault(); // reported to the callers below, not as an uncaught page error
      failAll(`${what} stopped (${e.message || 'no reason given'})`);
    };
    w.onmessageerror = () => failAll(`${what}'s reply could not be read`);
    return w;
  };

  return {
    call(request, transfer = []) {
      try {
        worker ??= start();
      } catch (e) {
        return Promise.reject(new Error(`${what} could not start (${e instanceof Error ? e.message : String(e)})`));
      }
      const id = nextId++;
      return new Promise<R>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        try {
          worker!.postMessage({ id, request } satisfies WorkerRequest<Q>, transfer);
        } catch (e) {
          waiting.delete(id);
          reject(e instanceof Error ? e : new Error(String(e))); // e.g. a request that cannot be cloned
        }
      });
    },
    terminate(reason = `${what} was stopped`) {
      failAll(reason);
    },
  };
}

/** The worker's side: every request gets one reply; `transfer` lists buffers the result hands over without a copy. */
export function serve<Q, R>(handle: (request: Q) => R, transfer: (result: R) => Transferable[] = () => []) {
  self.onmessage = (event: MessageEvent<WorkerRequest<Q>>) => {
    const { id, request } = event.data;
    let reply: WorkerReply<R>;
    let list: Transferable[] = [];
    try {
      const result = handle(request);
      reply = { id, ok: true, result };
      list = transfer(result);
    } catch (e) {
      reply = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    (self as unknown as Worker).postMessage(reply, list);
  };
}

/** The distinct buffers behind some typed arrays (views may share one). */
export const buffersOf = (arrays: ArrayBufferView[]): ArrayBuffer[] => [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
