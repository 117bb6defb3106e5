// Byte-level helpers of the checkpoint readers: dtypes, element decoding to float32, strided gathers, CRC-32.
import { FormatError } from './types';

export type Dtype =
  'float32' | 'float16' | 'bfloat16' | 'float64' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'bool';

export const ITEM_SIZE: Record<Dtype, number> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  bool: 1,
};

const scratch = new DataView(new ArrayBuffer(4));

/** IEEE 754 binary16 bits → number (exact). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** bfloat16 bits → number (exact). */
export function bfloat16ToFloat(b: number): number {
  scratch.setUint32(0, (b & 0xffff) << 16);
  return scratch.getFloat32(0);
}

type Reader = (view: DataView, byte: number, le: boolean) => number;

/** Every binary16 value, from halfToFloat: a table lookup instead of a power per element (built on first use). */
let HALF_TABLE: Float32Array | null = null;
function halfTable(): Float32Array {
  if (!HALF_TABLE) {
    HALF_TABLE = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) HALF_TABLE[h] = halfToFloat(h);
  }
  return HALF_TABLE;
}

// 64-bit integers as two 32-bit halves: hi · 2^32 is exact and adding lo rounds once, as Number(BigInt) does.
const int64At = (v: DataView, b: number, le: boolean): number =>
  le ? v.getInt32(b + 4, true) * 0x100000000 + v.getUint32(b, true) : v.getInt32(b, false) * 0x100000000 + v.getUint32(b + 4, false);
const uint64At = (v: DataView, b: number, le: boolean): number =>
  le ? v.getUint32(b + 4, true) * 0x100000000 + v.getUint32(b, true) : v.getUint32(b, false) * 0x100000000 + v.getUint32(b + 4, false);

const READERS: Record<Dtype, Reader> = {
  float32: (v, b, le) => v.getFloat32(b, le),
  float16: (v, b, le) => halfTable()[v.getUint16(b, le)],
  bfloat16: (v, b, le) => bfloat16ToFloat(v.getUint16(b, le)),
  float64: (v, b, le) => v.getFloat64(b, le),
  int8: (v, b) => v.getInt8(b),
  uint8: (v, b) => v.getUint8(b),
  int16: (v, b, le) => v.getInt16(b, le),
  uint16: (v, b, le) => v.getUint16(b, le),
  int32: (v, b, le) => v.getInt32(b, le),
  uint32: (v, b, le) => v.getUint32(b, le),
  int64: int64At,
  uint64: uint64At,
  bool: (v, b) => (v.getUint8(b) ? 1 : 0),
};

const LITTLE_ENDIAN_PLATFORM = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Decodes `count` contiguous elements starting at byte `start` of `bytes` into float32. */
export function decodeElements(bytes: Uint8Array, start: number, count: number, dtype: Dtype, littleEndian: boolean): Float32Array {
  const size = ITEM_SIZE[dtype];
  if (start < 0 || start + count * size > bytes.length) {
    throw new FormatError(
      `truncated: ${count} ${dtype} values need ${count * size} bytes at byte ${start} but only ${Math.max(0, bytes.length - start)} are there`,
    );
  }
  if (dtype === 'float32' && littleEndian === LITTLE_ENDIAN_PLATFORM) {
    const copy = bytes.slice(start, start + count * 4);
    return new Float32Array(copy.buffer, 0, count);
  }
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = READERS[dtype];
  for (let i = 0, b = start; i < count; i++, b += size) out[i] = read(view, b, littleEndian);
  return out;
}

/** Row-major (C order) strides, in elements. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = s;
    s *= shape[k];
  }
  return strides;
}

/**
 * Gathers a strided view (offset and strides in elements) of a storage into a row-major float32 array.
 * `available` is the number of elements the storage holds; every addressed element must lie inside it.
 */
export function gatherStrided(
  bytes: Uint8Array,
  dtype: Dtype,
  littleEndian: boolean,
  available: number,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  count: number,
  what: string,
): Float32Array {
  if (strides.length !== shape.length) {
    throw new FormatError(`${what} has ${shape.length} dimensions but ${strides.length} strides`);
  }
  for (const s of strides) {
    if (!Number.isSafeInteger(s) || s < 0) throw new FormatError(`${what} has an invalid stride ${String(s)}`);
  }
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new FormatError(`${what} has an invalid storage offset ${String(offset)}`);
  }
  if (count === 0) return new Float32Array(0);
  let last = offset;
  for (let k = 0; k < shape.length; k++) last += (shape[k] - 1) * strides[k];
  if (last >= available) {
    throw new FormatError(
      `${what}: offset ${offset}, shape [${shape.join(', ')}] and strides [${strides.join(', ')}] reach element ${last} but its storage has ${available} elements`,
    );
  }
  const size = ITEM_SIZE[dtype];
  const natural = contiguousStrides(shape);
  if (shape.every((d, k) => d === 1 || strides[k] === natural[k])) {
    return decodeElements(bytes, offset * size, count, dtype, littleEndian);
  }
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = READERS[dtype];
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  let element = offset;
  for (let i = 0; i < count; i++) {
    out[i] = read(view, element * size, littleEndian);
    // Odometer step over the last dimension first.
    for (let k = rank - 1; k >= 0; k--) {
      index[k] += 1;
      element += strides[k];
      if (index[k] < shape[k]) break;
      element -= strides[k] * shape[k];
      index[k] = 0;
    }
  }
  return out;
}

let CRC_TABLE: Uint32Array | null = null;

/** CRC-32 runs over 1 MiB slices so a 25 MB checkpoint can report progress between them. */
const CRC_SLICE = 1 << 20;

/** CRC-32 of `bytes`; `onSlice(doneBytes)` is called after each 1 MiB slice when given. */
export function crc32(bytes: Uint8Array, onSlice?: (doneBytes: number) => void): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  const table = CRC_TABLE;
  let crc = 0xffffffff;
  for (let start = 0; start < bytes.length; start += CRC_SLICE) {
    const end = Math.min(bytes.length, start + CRC_SLICE);
    for (let i = start; i < end; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    onSlice?.(end);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Loose = new TextDecoder('utf-8');

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    throw new FormatError(`${what} is not valid UTF-8`);
  }
}

export function decodeUtf8Loose(bytes: Uint8Array): string {
  return utf8Loose.decode(bytes);
}

export function decodeLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** "93 4e 55 4d" for the first bytes of a file, for wrong-magic messages. */
export function hexPrefix(bytes: Uint8Array, n = 8): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(n, bytes.length); i++) parts.push(bytes[i].toString(16).padStart(2, '0'));
  return parts.length ? parts.join(' ') : '(empty)';
}
