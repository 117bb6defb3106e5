// NumPy .npy (format versions 1.0, 2.0, 3.0) and .npz (a zip of .npy files, stored or deflated): read any
// numeric dtype into float32, write float32. The header is a Python dict literal, parsed here (never evaluated).
import { ITEM_SIZE, contiguousStrides, decodeLatin1, decodeUtf8, encodeUtf8, gatherStrided, hexPrefix, type Dtype } from './binary';
import {
  FormatError,
  assertFileSize,
  describeValue,
  guard,
  shapeSize,
  type NamedTensor,
  type ProgressCallback,
  type TensorFile,
} from './types';
import { ReadBudget } from './budget';
import { extractZipEntry, readZip, reportExtraction, writeZip } from './zip';
import type { TensorToWrite } from './safetensors';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function isNpy(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

const KINDS: Record<string, Dtype> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
};

type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** Parses the Python literal numpy writes: {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }. */
function parsePyLiteral(text: string): PyValue {
  let i = 0;
  const fail = (message: string): never => {
    throw new FormatError(`the .npy header is not a valid dict literal: ${message} at character ${i}`);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  let depth = 0;
  const value = (): PyValue => {
    space();
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) fail('unterminated string');
      const s = text.slice(i + 1, end);
      if (s.includes('\\')) fail('escapes in strings are not supported');
      i = end + 1;
      return s;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > 16) fail('nesting too deep');
      const close = c === '(' ? ')' : c === '[' ? ']' : '}';
      i++;
      const items: PyValue[] = [];
      const dict: Record<string, PyValue> = Object.create(null);
      for (;;) {
        space();
        if (text[i] === close) {
          i++;
          break;
        }
        if (c === '{') {
          const key = value();
          if (typeof key !== 'string') fail('dict keys must be strings');
          space();
          if (text[i] !== ':') fail('expected ":"');
          i++;
          dict[key as string] = value();
        } else items.push(value());
        space();
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail(`expected "," or "${close}"`);
      }
      depth--;
      return c === '{' ? dict : items;
    }
    const m = /^(True|False|None|-?\d+L?)/.exec(text.slice(i, i + 24));
    if (!m) return fail(`unexpected ${JSON.stringify(text.slice(i, i + 10))}`);
    i += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    if (m[0] === 'None') return null;
    return Number(m[0].replace('L', ''));
  };
  const result = value();
  space();
  if (i !== text.length) fail('unexpected text after the dict');
  return result;
}

interface NpyHeader {
  dtype: Dtype;
  littleEndian: boolean;
  fortran: boolean;
  shape: number[];
  dataStart: number;
}

function readHeader(bytes: Uint8Array, what: string): NpyHeader {
  if (!isNpy(bytes)) {
    throw new FormatError(`${what} is not a .npy file (wrong magic: it starts with ${hexPrefix(bytes, 6)}, not 93 4e 55 4d 50 59)`);
  }
  if (bytes.length < 10) throw new FormatError(`truncated: ${what} has ${bytes.length} bytes, less than a .npy preamble`);
  const major = bytes[6];
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = bytes[8] | (bytes[9] << 8);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new FormatError(`truncated: ${what} has ${bytes.length} bytes, less than a .npy preamble`);
    headerLength = (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (bytes[11] << 24)) >>> 0;
    headerStart = 12;
  } else {
    throw new FormatError(`${what} has .npy format version ${major}.${bytes[7]} (1.0, 2.0 and 3.0 are supported)`);
  }
  if (headerStart + headerLength > bytes.length) {
    throw new FormatError(`truncated: ${what}'s header says ${headerStart + headerLength} bytes but the file has ${bytes.length}`);
  }
  const raw = bytes.subarray(headerStart, headerStart + headerLength);
  const text = major === 3 ? decodeUtf8(raw, `${what}'s header`) : decodeLatin1(raw);
  const dict = parsePyLiteral(text);
  if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) {
    throw new FormatError(`${what}'s header is not a dict`);
  }
  const { descr, fortran_order: fortran, shape } = dict;
  if (typeof descr !== 'string') {
    throw new FormatError(`${what} has a structured dtype ${describeValue(descr)} (only plain numeric arrays are read)`);
  }
  const m = /^([<>|=])([a-zA-Z])(\d+)$/.exec(descr);
  const kind = m ? `${m[2]}${m[3]}` : '';
  if (!m || !Object.hasOwn(KINDS, kind)) {
    const why = descr.includes('O') ? ' (object arrays hold pickles and are never read)' : ' (supported: f2, f4, f8, i1–i8, u1–u8, b1)';
    throw new FormatError(`${what} has an unknown or unsupported dtype ${JSON.stringify(descr.slice(0, 20))}${why}`);
  }
  if (typeof fortran !== 'boolean') throw new FormatError(`${what}'s header has no fortran_order True/False`);
  if (!Array.isArray(shape)) throw new FormatError(`${what}'s header has no shape tuple`);
  return { dtype: KINDS[kind], littleEndian: m[1] !== '>', fortran, shape: shape as number[], dataStart: headerStart + headerLength };
}

function readArray(bytes: Uint8Array, name: string, budget: ReadBudget, what: string): NamedTensor {
  const h = readHeader(bytes, what);
  const count = shapeSize(h.shape, what);
  const size = ITEM_SIZE[h.dtype];
  if (h.dataStart + count * size > bytes.length) {
    throw new FormatError(
      `truncated: ${what}'s header says ${h.dataStart + count * size} bytes (shape [${h.shape.join(', ')}]) but the file has ${bytes.length}`,
    );
  }
  budget.add(count, what);
  budget.decode(count, h.dtype, h.littleEndian, !h.fortran, what);
  const body = bytes.subarray(h.dataStart);
  // Fortran order is column-major: strides 1, d0, d0·d1, … (the reverse of C order's).
  const strides = h.fortran ? contiguousStrides([...h.shape].reverse()).reverse() : contiguousStrides(h.shape);
  const data = gatherStrided(body, h.dtype, h.littleEndian, count, 0, h.shape, strides, count, what);
  return { name, shape: h.shape, dtype: h.dtype, data };
}

/** Reads one .npy file; the tensor is named after `name` (e.g. the file name without .npy). */
export function readNpy(bytes: Uint8Array, name = 'array'): TensorFile {
  assertFileSize(bytes.length);
  return guard('the .npy file', () => ({ format: 'npy', tensors: [readArray(bytes, name, new ReadBudget(bytes.length), 'the file')] }));
}

/** Reads an .npz (numpy.savez / savez_compressed), telling `onProgress` how much of it is checked. */
export function readNpz(bytes: Uint8Array, onProgress?: ProgressCallback): TensorFile {
  assertFileSize(bytes.length);
  return guard('the .npz file', () => {
    const zip = readZip(bytes, '.npz file');
    reportExtraction(zip, onProgress);
    const budget = zip.budget;
    const tensors: NamedTensor[] = [];
    const notes: string[] = [];
    for (const entry of zip.entries) {
      if (entry.name.endsWith('/')) continue;
      if (!entry.name.endsWith('.npy')) {
        notes.push(`skipped ${entry.name}: not a .npy file`);
        continue;
      }
      tensors.push(readArray(extractZipEntry(zip, entry), entry.name.slice(0, -4), budget, `"${entry.name}"`));
    }
    if (tensors.length === 0) {
      throw new FormatError(
        zip.entries.length
          ? `this zip archive has no .npy files (and no data.pkl), so it is neither an .npz nor a PyTorch checkpoint`
          : 'the .npz archive is empty',
      );
    }
    return { format: 'npz', tensors, notes };
  });
}

function shapeText(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Encodes one float32 array as .npy (format 1.0, '<f4', C order, header aligned to 64 bytes like numpy). */
export function encodeNpy(tensor: { shape: number[]; data: Float32Array }): Uint8Array {
  const count = shapeSize(tensor.shape, 'the array');
  if (count !== tensor.data.length) {
    throw new FormatError(`the array has ${tensor.data.length} values but shape [${tensor.shape.join(', ')}] needs ${count}`);
  }
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText(tensor.shape)}, }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - 10 - 1, ' ') + '\n';
  const header = encodeUtf8(dict);
  const out = new Uint8Array(10 + header.length + 4 * count);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  out.set(header, 10);
  const view = new DataView(out.buffer);
  for (let i = 0, at = 10 + header.length; i < count; i++, at += 4) view.setFloat32(at, tensor.data[i], true);
  return out;
}

/** Encodes float32 tensors as an .npz (`compress`: like numpy.savez_compressed). */
export function encodeNpz(tensors: TensorToWrite[], options: { compress?: boolean } = {}): Uint8Array {
  return writeZip(
    tensors.map((t) => ({ name: `${t.name}.npy`, data: encodeNpy(t) })),
    options.compress ?? false,
  );
}
