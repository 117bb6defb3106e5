// Common types and limits of the checkpoint readers (PyTorch .pt, safetensors, .npy/.npz, JSON).
// Every reader parses bytes in plain TypeScript and never executes anything found in a file.

/** A tensor read from a file, converted to float32 (row-major, C order). */
export interface NamedTensor {
  name: string;
  shape: number[];
  /** The dtype stored in the file: float32, float16, bfloat16, float64, int8 … int64, uint8 … uint64, bool. */
  dtype: string;
  data: Float32Array;
}

export type TensorFileFormat = 'pt' | 'safetensors' | 'npz' | 'npy' | 'json';

export interface TensorFile {
  format: TensorFileFormat;
  tensors: NamedTensor[];
  /** Things worth telling the user: a wrapper key that was unwrapped, values that were skipped… */
  notes?: string[];
  /** safetensors `__metadata__` (string → string). */
  metadata?: Record<string, string>;
}

/**
 * Coarse progress of a long read, for the page's progress bar: a stage the user can read and, when the reader
 * knows it, the fraction of that stage done (0…1). Readers call it a few dozen times per file at most.
 */
export type ProgressCallback = (stage: string, fraction?: number) => void;

/** Every failure to read a file is a FormatError whose message names the problem. */
export class FormatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FormatError';
  }
}

const MiB = 1024 * 1024;

/** Caps that keep a hostile or broken file from exhausting memory. */
export const FORMAT_LIMITS = {
  /** Largest file (and largest total of decompressed zip entries) accepted. */
  maxFileBytes: 256 * MiB,
  /** Largest tensor, in elements. */
  maxTensorElements: 64 * MiB,
  /** Largest total of elements over all tensors of a file (float32: 256 MB); smaller files get less (./budget.ts). */
  maxTotalElements: 64 * MiB,
  /** Most tensors in one file. */
  maxTensors: 100_000,
  /** Most dimensions of one tensor. */
  maxDims: 32,
  /** Largest safetensors JSON header (the reference implementation's limit). */
  maxHeaderBytes: 100 * MiB,
} as const;

/** "10 GB", "256 MB", "800 bytes". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n >= 1024 ** 3) return `${trim(n / 1024 ** 3)} GB`;
  if (n >= MiB) return `${trim(n / MiB)} MB`;
  if (n >= 1024) return `${trim(n / 1024)} KB`;
  return `${n} bytes`;
}

function trim(v: number): string {
  return v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toPrecision(3).replace(/\.?0+$/, '');
}

export function assertFileSize(length: number, what = 'file'): void {
  if (length > FORMAT_LIMITS.maxFileBytes) {
    const size = formatBytes(length);
    const limit = formatBytes(FORMAT_LIMITS.maxFileBytes);
    throw new FormatError(`${what} size ${size === limit ? `${length} bytes` : size} is larger than the ${limit} limit`);
  }
}

/** Checks a shape (non-negative integer dims, element cap) and returns its element count. */
export function shapeSize(shape: readonly unknown[], what: string): number {
  if (shape.length > FORMAT_LIMITS.maxDims) {
    throw new FormatError(`${what} has ${shape.length} dimensions (at most ${FORMAT_LIMITS.maxDims} are supported)`);
  }
  let count = 1;
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new FormatError(`${what} has an invalid dimension ${describeValue(d)} in its shape`);
    }
    // Checked per dimension too: a zero elsewhere in the shape must not hide an absurd size.
    if (d > FORMAT_LIMITS.maxTensorElements) {
      throw new FormatError(
        `${what} has shape [${shape.join(', ')}]: dimension ${d} is larger than the limit of ${FORMAT_LIMITS.maxTensorElements} elements`,
      );
    }
    count *= d;
  }
  if (count > FORMAT_LIMITS.maxTensorElements) {
    throw new FormatError(
      `${what} has shape [${shape.join(', ')}] = ${count} elements, more than the limit of ${FORMAT_LIMITS.maxTensorElements}`,
    );
  }
  return count;
}

/** A short, safe description of any value for error messages. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : 'an object';
}

/** Runs `body`, turning any non-FormatError failure into a FormatError with context. */
export function guard<T>(what: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof FormatError) throw e;
    // The readers walk iteratively or with depth caps; this is the last line against a structure nested too deeply.
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new FormatError(`${what} is nested too deeply to read (the reader's stack ran out)`, { cause: e });
    }
    const message = e instanceof Error ? e.message : String(e);
    throw new FormatError(`unexpected failure while reading ${what}: ${message}`, { cause: e });
  }
}

/** Prefix for the messages of `guard`: the fuzz tests check that no failure takes this path. */
export const UNEXPECTED = 'unexpected failure while reading';
