// Reads a picked or dropped file chunk by chunk, so the page can say "Reading x of y MB" for a big checkpoint.

/**
 * The whole file as one ArrayBuffer (ready to transfer to the parsing worker). `onBytes(loaded)` runs after each
 * chunk; aborting `signal` stops the read and rejects with the signal's reason.
 */
export async function readInChunks(file: Blob, onBytes: (loaded: number) => void, signal: AbortSignal): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      // A file replaced on disk while it is read must not overrun the buffer sized from file.size.
      if (loaded + value.length > bytes.length) throw new Error('the file grew while it was read');
      bytes.set(value, loaded);
      loaded += value.length;
      onBytes(loaded);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (loaded !== bytes.length) throw new Error('the file changed while it was read');
  return bytes.buffer;
}
