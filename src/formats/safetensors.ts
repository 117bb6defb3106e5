// safetensors (huggingface/safetensors, "Format"): 8-byte little-endian u64 N, an N-byte UTF-8 JSON header
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}, then the byte buffer.
// Offsets are relative to the buffer; tensors are row-major and little-endian; the buffer must be covered
// exactly (no holes, no overlaps, nothing after the last tensor), as the reference implementation requires.
import { ITEM_SIZE, decodeElements, decodeUtf8, encodeUtf8, type Dtype } from './binary';
import {
  FORMAT_LIMITS,
  FormatError,
  assertFileSize,
  describeValue,
  formatBytes,
  guard,
  shapeSize,
  type NamedTensor,
  type TensorFile,
} from './types';
import { ReadBudget } from './budget';

const DTYPES: Record<string, Dtype> = {
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  F64: 'float64',
  I8: 'int8',
  U8: 'uint8',
  I16: 'int16',
  U16: 'uint16',
  I32: 'int32',
  U32: 'uint32',
  I64: 'int64',
  U64: 'uint64',
  BOOL: 'bool',
};

/** True when the first bytes look like a safetensors header: a small u64 length, then '{'. */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  return bytes.length >= 9 && bytes[4] === 0 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0 && bytes[8] === 0x7b;
}

interface Entry {
  name: string;
  dtype: Dtype;
  shape: number[];
  count: number;
  begin: number;
  end: number;
}

export function readSafetensors(bytes: Uint8Array): TensorFile {
  assertFileSize(bytes.length);
  return guard('the safetensors file', () => {
    if (bytes.length < 8) {
      throw new FormatError(`truncated: a safetensors file starts with an 8-byte header length but the file has ${bytes.length} bytes`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = view.getUint32(4, true) * 0x100000000 + view.getUint32(0, true);
    if (n > FORMAT_LIMITS.maxHeaderBytes) {
      throw new FormatError(
        `the header length ${formatBytes(n)} is larger than the ${formatBytes(FORMAT_LIMITS.maxHeaderBytes)} limit (is this a safetensors file?)`,
      );
    }
    if (8 + n > bytes.length) {
      throw new FormatError(`truncated: header says ${8 + n} bytes but the file has ${bytes.length}`);
    }
    if (n < 2 || bytes[8] !== 0x7b) throw new FormatError('the header does not start with "{" (is this a safetensors file?)');
    const text = decodeUtf8(bytes.subarray(8, 8 + n), 'the header');
    let header: unknown;
    try {
      header = JSON.parse(text);
    } catch (e) {
      throw new FormatError(`the header is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    if (header === null || typeof header !== 'object' || Array.isArray(header)) {
      throw new FormatError('the header is not a JSON object');
    }
    const dataStart = 8 + n;
    const bufferLength = bytes.length - dataStart;
    let metadata: Record<string, string> | undefined;
    const entries: Entry[] = [];
    const budget = new ReadBudget(bytes.length);
    for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
      if (name === '__metadata__') {
        if (info === null || typeof info !== 'object' || Array.isArray(info)) {
          throw new FormatError('__metadata__ must be an object of strings');
        }
        metadata = {};
        for (const [k, v] of Object.entries(info as Record<string, unknown>)) {
          if (typeof v !== 'string') throw new FormatError(`__metadata__.${k} is ${describeValue(v)}, not a string`);
          metadata[k] = v;
        }
        continue;
      }
      const what = `tensor "${name}"`;
      if (info === null || typeof info !== 'object' || Array.isArray(info)) {
        throw new FormatError(`${what} is described by ${describeValue(info)}, not an object`);
      }
      const { dtype: code, shape, data_offsets: offsets } = info as Record<string, unknown>;
      if (typeof code !== 'string') throw new FormatError(`${what} has no dtype`);
      if (!Object.hasOwn(DTYPES, code)) {
        throw new FormatError(
          `${what} has an unknown or unsupported dtype ${code.slice(0, 20)} (supported: ${Object.keys(DTYPES).join(', ')})`,
        );
      }
      if (!Array.isArray(shape)) throw new FormatError(`${what} has no shape list`);
      const count = shapeSize(shape, what);
      if (
        !Array.isArray(offsets) ||
        offsets.length !== 2 ||
        !offsets.every((o) => typeof o === 'number' && Number.isSafeInteger(o) && o >= 0) ||
        offsets[0] > offsets[1]
      ) {
        throw new FormatError(`${what} has invalid data_offsets ${JSON.stringify(offsets)?.slice(0, 60)}`);
      }
      const dtype = DTYPES[code];
      const [begin, end] = offsets as number[];
      if (end - begin !== count * ITEM_SIZE[dtype]) {
        throw new FormatError(
          `${what}: shape [${shape.join(', ')}] of ${code} needs ${count * ITEM_SIZE[dtype]} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`,
        );
      }
      if (end > bufferLength) {
        throw new FormatError(`truncated: ${what} says it ends at byte ${dataStart + end} but the file has ${bytes.length}`);
      }
      budget.add(count, what);
      budget.decode(count, dtype, true, true, what);
      entries.push({ name, dtype, shape: shape as number[], count, begin, end });
    }
    entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
    let covered = 0;
    for (const e of entries) {
      if (e.begin !== covered) {
        throw new FormatError(
          e.begin > covered
            ? `the data has a hole: bytes ${covered}..${e.begin} belong to no tensor`
            : `tensor "${e.name}" overlaps the tensor before it (data_offsets start at ${e.begin}, previous ends at ${covered})`,
        );
      }
      covered = e.end;
    }
    if (covered !== bufferLength) {
      throw new FormatError(`${bufferLength - covered} bytes after the last tensor belong to no tensor`);
    }
    const tensors: NamedTensor[] = entries.map((e) => ({
      name: e.name,
      shape: e.shape,
      dtype: e.dtype,
      data: decodeElements(bytes, dataStart + e.begin, e.count, e.dtype, true),
    }));
    return { format: 'safetensors', tensors, ...(metadata ? { metadata } : {}) };
  });
}

/** A tensor to write: float32 values, row-major. */
export interface TensorToWrite {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Encodes tensors as a safetensors file (F32), in the given order, header padded with spaces to 8 bytes. */
export function encodeSafetensors(tensors: TensorToWrite[], metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = { ...metadata };
  let offset = 0;
  const seen = new Set<string>();
  for (const t of tensors) {
    if (t.name === '__metadata__' || seen.has(t.name)) throw new FormatError(`cannot write a second tensor named "${t.name}"`);
    seen.add(t.name);
    const count = shapeSize(t.shape, `tensor "${t.name}"`);
    if (count !== t.data.length) {
      throw new FormatError(`tensor "${t.name}" has ${t.data.length} values but shape [${t.shape.join(', ')}] needs ${count}`);
    }
    header[t.name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + 4 * count] };
    offset += 4 * count;
  }
  let json = encodeUtf8(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.length, true);
  view.setUint32(4, 0, true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i++, at += 4) view.setFloat32(at, t.data[i], true);
  }
  return out;
}
