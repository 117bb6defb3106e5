// The kernels' linear memory, managed from JS: blocks of whole cache lines (64 bytes) handed out first
// fit from a free list, the memory grown when nothing fits. WebAssembly memory never shrinks, so freed
// blocks are reused (and merged with free neighbours) instead.

const LINE = 64;
const PAGE = 65536;

export interface Heap {
  /** Byte offset of a new block of at least `bytes` bytes, aligned to 64. */
  alloc(bytes: number): number;
  free(ptr: number): void;
  /** A float32 view of the whole memory (a new one after the memory grew; take it after any alloc). */
  f32(): Float32Array;
  /** Bytes the memory has now. */
  size(): number;
}

export function createHeap(memory: WebAssembly.Memory, base: number): Heap {
  const start = Math.ceil(base / LINE) * LINE;
  let top = start; // everything from top to the end of memory is free
  const used = new Map<number, number>(); // ptr → bytes
  const free: Array<{ ptr: number; bytes: number }> = []; // sorted by ptr, below top, merged
  let view = new Float32Array(memory.buffer);

  function f32(): Float32Array {
    if (view.buffer !== memory.buffer) view = new Float32Array(memory.buffer);
    return view;
  }

  function alloc(request: number): number {
    const bytes = Math.max(LINE, Math.ceil(request / LINE) * LINE);
    for (let i = 0; i < free.length; i++) {
      const block = free[i];
      if (block.bytes < bytes) continue;
      const ptr = block.ptr;
      if (block.bytes === bytes) free.splice(i, 1);
      else {
        block.ptr += bytes;
        block.bytes -= bytes;
      }
      used.set(ptr, bytes);
      return ptr;
    }
    const ptr = top;
    const end = ptr + bytes;
    if (end > memory.buffer.byteLength) {
      const pages = Math.ceil((end - memory.buffer.byteLength) / PAGE);
      // Grow by at least a quarter of the current size, so a run of growing requests costs few copies.
      const extra = Math.max(pages, Math.ceil(memory.buffer.byteLength / PAGE / 4));
      try {
        memory.grow(extra);
      } catch {
        memory.grow(pages); // throws a RangeError when even that is refused: the caller falls back
      }
    }
    top = end;
    used.set(ptr, bytes);
    return ptr;
  }

  function release(ptr: number): void {
    const bytes = used.get(ptr);
    if (bytes === undefined) throw new Error(`heap: ${ptr} is not an allocated block`);
    used.delete(ptr);
    let i = 0;
    while (i < free.length && free[i].ptr < ptr) i++;
    free.splice(i, 0, { ptr, bytes });
    // merge with the next block, then with the previous one
    if (i + 1 < free.length && ptr + bytes === free[i + 1].ptr) {
      free[i].bytes += free[i + 1].bytes;
      free.splice(i + 1, 1);
    }
    if (i > 0 && free[i - 1].ptr + free[i - 1].bytes === ptr) {
      free[i - 1].bytes += free[i].bytes;
      free.splice(i, 1);
      i--;
    }
    // a free block that reaches top gives its bytes back to the open end
    if (free[i].ptr + free[i].bytes === top) {
      top = free[i].ptr;
      free.splice(i, 1);
    }
  }

  return { alloc, free: release, f32, size: () => memory.buffer.byteLength };
}
