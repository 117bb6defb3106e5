// A TensorProto's stored values, bounded before anything is allocated.
// Data types decoded: FLOAT 1, FLOAT16 10, DOUBLE 11, BFLOAT16 16 (→ Float32Array) and INT32 6, INT64 7 (→ numbers,
// for the shapes and indices of constant sub-graphs).
import { LIMITS } from '../model/model';
import { bfloat16ToFloat, halfToFloat } from './binary';
import type { ReadBudget } from './budget';
import type { TensorProto } from './onnxProto';
import { fail } from './onnxWire';

const DATA_TYPES: Record<number, string> = {
  1: 'FLOAT',
  2: 'UINT8',
  3: 'INT8',
  4: 'UINT16',
  5: 'INT16',
  6: 'INT32',
  7: 'INT64',
  8: 'STRING',
  9: 'BOOL',
  10: 'FLOAT16',
  11: 'DOUBLE',
  12: 'UINT32',
  13: 'UINT64',
  14: 'COMPLEX64',
  15: 'COMPLEX128',
  16: 'BFLOAT16',
};

export function dtypeName(t: number): string {
  return DATA_TYPES[t] ?? `data type ${t}`;
}

/** Largest tensor this reader materialises: a bidirectional W or R at the explorer's limits (2·3·1024·1024 ≈ 6.3e6). */
export const MAX_ELEMENTS = 2 * 3 * LIMITS.hiddenSize * Math.max(LIMITS.inputSize, LIMITS.hiddenSize);
/** Largest integer tensor evaluated: integers only carry shapes, axes and slice bounds here. */
export const MAX_INT_ELEMENTS = 65_536;

export interface Value {
  dims: number[];
  /** float: Float32Array; int: plain numbers. */
  kind: 'float' | 'int';
  data: Float32Array | number[];
  /** Largest source precision seen: DOUBLE values are rounded to float32. */
  fromDouble: boolean;
}

/** Highest tensor rank accepted (ONNX models rarely exceed 8). */
export const MAX_RANK = 32;

function elementCount(dims: number[], what: string): number {
  if (dims.length > MAX_RANK) fail(`${what} has ${dims.length} dimensions; at most ${MAX_RANK} are supported`);
  for (const d of dims) {
    if (d > MAX_ELEMENTS) fail(`${what} is too large: dimension ${d} (dims [${dims.join(', ')}])`);
  }
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) fail(`${what} has an invalid dimension ${d} (dims [${dims.join(', ')}])`);
    n *= d;
    if (n > MAX_ELEMENTS) fail(`${what} is too large: dims [${dims.join(', ')}] exceed ${MAX_ELEMENTS} elements`);
  }
  return n;
}

/** Decodes a stored tensor, counting it against `budget` before anything is allocated. */
export function tensorValue(t: TensorProto, what: string, budget: ReadBudget): Value {
  if (t.external)
    fail(`${what} is stored in an external data file, which this reader cannot open; re-export with the weights inside the .onnx`);
  if (t.segmented) fail(`${what} is a segmented tensor, which this reader does not support`);
  const n = elementCount(t.dims, what);
  const dims = t.dims.slice();
  // Bytes per element in raw_data, and the typed field used otherwise.
  const layouts: Record<number, [number, number[], string]> = {
    1: [4, t.floatData, 'float_data'],
    11: [8, t.doubleData, 'double_data'],
    10: [2, t.int32Data, 'int32_data'], // 16-bit floats travel as their bit patterns in int32_data
    16: [2, t.int32Data, 'int32_data'],
    7: [8, t.int64Data, 'int64_data'],
    6: [4, t.int32Data, 'int32_data'],
  };
  if (t.dataType === 0) fail(`${what} has no data_type`);
  const layout = layouts[t.dataType];
  if (!layout) fail(`${what} has data type ${dtypeName(t.dataType)}; GRU weights must be FLOAT, FLOAT16, BFLOAT16 or DOUBLE`);
  const [size, list, field] = layout;
  // Check the stored length before allocating anything: dims alone may claim up to MAX_ELEMENTS.
  const raw = t.raw;
  if (raw) {
    if (raw.length !== n * size) {
      fail(`${what}: raw_data has ${raw.length} bytes but dims [${dims.join(', ')}] of ${dtypeName(t.dataType)} need ${n * size}`);
    }
  } else if (list.length !== n) {
    fail(`${what}: ${field} has ${list.length} values but dims [${dims.join(', ')}] need ${n}`);
  }
  if ((t.dataType === 6 || t.dataType === 7) && n > MAX_INT_ELEMENTS) {
    fail(`${what} holds ${n} integers; shapes and indices hold at most ${MAX_INT_ELEMENTS} (GRU weights are floating point)`);
  }
  budget.add(n, what);
  budget.decode(n, t.dataType === 1 && raw ? 'float32' : 'other', true, true, what);
  const view = raw ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength) : null;
  switch (t.dataType) {
    case 1:
    case 11: {
      const out = new Float32Array(n);
      if (view) for (let i = 0; i < n; i++) out[i] = size === 4 ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true);
      else out.set(list);
      return { dims, kind: 'float', data: out, fromDouble: t.dataType === 11 };
    }
    case 10:
    case 16: {
      const decode = t.dataType === 10 ? halfToFloat : bfloat16ToFloat;
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = decode(view ? view.getUint16(2 * i, true) : list[i] & 0xffff);
      return { dims, kind: 'float', data: out, fromDouble: false };
    }
    case 7: {
      const out: number[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = view ? view.getInt32(8 * i + 4, true) * 0x100000000 + view.getUint32(8 * i, true) : list[i];
      return { dims, kind: 'int', data: out, fromDouble: false };
    }
    default: {
      const out: number[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = view ? view.getInt32(4 * i, true) : list[i] | 0;
      return { dims, kind: 'int', data: out, fromDouble: false };
    }
  }
}
