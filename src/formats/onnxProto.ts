// Minimal protobuf wire-format reader for ONNX's ModelProto (onnx/onnx.proto): varint, 64-bit, length-delimited
// and 32-bit fields, unknown fields skipped, every malformed byte reported as a FormatError. Field numbers:
//   ModelProto: ir_version 1, producer_name 2, producer_version 3, graph 7, opset_import 8
//   GraphProto: node 1, name 2, initializer 5, input 11, sparse_initializer 15
//   NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7
//   AttributeProto: name 1, f 2, i 3, s 4, t 5, g 6, floats 7, ints 8, strings 9, graphs 11, type 20
//   TensorProto: dims 1, data_type 2, segment 3, float_data 4, int32_data 5, int64_data 7, name 8, raw_data 9,
//                double_data 10, external_data 13, data_location 14
// Data types decoded: FLOAT 1, FLOAT16 10, DOUBLE 11, BFLOAT16 16 (→ Float32Array) and INT32 6, INT64 7 (→ numbers,
// for the shapes and indices of constant sub-graphs).
import { LIMITS } from '../model/model';
import { bfloat16ToFloat, halfToFloat } from './binary';
import type { ReadBudget } from './budget';
import { FormatError } from './types';

/** Every refusal of the ONNX reader is a FormatError, like every other checkpoint reader's. */
export function fail(message: string): never {
  throw new FormatError(message);
}

// ------------------------------------------------------------------------------------------- wire format

const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'start-group', 'end-group', '32-bit', '6', '7'];

export class Wire {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    readonly view: DataView,
    start: number,
    readonly end: number,
    readonly what: string,
  ) {
    this.pos = start;
  }

  eof(): boolean {
    return this.pos >= this.end;
  }

  private truncated(): never {
    fail(`not a valid ONNX model: data ends inside ${this.what} (byte ${this.pos})`);
  }

  /** [low 32 bits, high 32 bits] of a varint, both unsigned. */
  private varint64(): [number, number] {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.truncated();
      const b = this.buf[this.pos++];
      const shift = 7 * i;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      if (b < 0x80) return [lo >>> 0, hi >>> 0];
    }
    fail(`not a valid ONNX model: a varint in ${this.what} is longer than 10 bytes (byte ${this.pos})`);
  }

  /** Unsigned varint that must fit a safe integer (keys, lengths, enums). */
  uint(): number {
    const [lo, hi] = this.varint64();
    if (hi >= 0x200000) fail(`not a valid ONNX model: a value in ${this.what} is too large (byte ${this.pos})`);
    return hi * 0x100000000 + lo;
  }

  /** Signed two's-complement int64 (exact within ±2^53, approximate beyond). */
  int64(): number {
    const [lo, hi] = this.varint64();
    return (hi | 0) * 0x100000000 + lo;
  }

  float32(): number {
    if (this.pos + 4 > this.end) this.truncated();
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  float64(): number {
    if (this.pos + 8 > this.end) this.truncated();
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** Start and end of a length-delimited payload. */
  span(): [number, number] {
    const len = this.uint();
    if (len > this.end - this.pos) {
      fail(`not a valid ONNX model: a field of ${this.what} claims ${len} bytes but only ${this.end - this.pos} remain (byte ${this.pos})`);
    }
    const start = this.pos;
    this.pos += len;
    return [start, this.pos];
  }

  bytes(): Uint8Array {
    const [s, e] = this.span();
    return this.buf.subarray(s, e);
  }

  string(): string {
    return UTF8.decode(this.bytes());
  }

  sub(what: string): Wire {
    const [s, e] = this.span();
    return new Wire(this.buf, this.view, s, e, what);
  }

  key(): [number, number] {
    const key = this.uint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) fail(`not a valid ONNX model: field number 0 in ${this.what} (byte ${this.pos})`);
    return [field, wire];
  }

  skip(wire: number): void {
    switch (wire) {
      case 0:
        this.varint64();
        return;
      case 1:
        if (this.pos + 8 > this.end) this.truncated();
        this.pos += 8;
        return;
      case 2:
        this.span();
        return;
      case 5:
        if (this.pos + 4 > this.end) this.truncated();
        this.pos += 4;
        return;
      default:
        fail(`not a valid ONNX model: unsupported wire type ${WIRE_NAMES[wire]} in ${this.what} (byte ${this.pos})`);
    }
  }

  expect(wire: number, expected: number, field: string): void {
    if (wire !== expected) {
      fail(`not a valid ONNX model: ${this.what}.${field} has wire type ${WIRE_NAMES[wire]}, expected ${WIRE_NAMES[expected]} (byte ${this.pos})`);
    }
  }

  /** A repeated scalar field, packed (wire 2) or one value (its own wire type). */
  repeated(wire: number, scalarWire: number, field: string, read: (w: Wire) => number, out: number[]): void {
    if (wire === 2) {
      const packed = this.sub(`${this.what}.${field}`);
      while (!packed.eof()) out.push(read(packed));
    } else {
      this.expect(wire, scalarWire, field);
      out.push(read(this));
    }
  }
}

export const UTF8 = new TextDecoder('utf-8');

// ------------------------------------------------------------------------------------------- messages

export interface TensorProto {
  name: string;
  dims: number[];
  dataType: number;
  raw: Uint8Array | null;
  floatData: number[];
  int32Data: number[];
  int64Data: number[];
  doubleData: number[];
  external: boolean;
  segmented: boolean;
}

export interface AttributeProto {
  name: string;
  type: number;
  f: number | null;
  i: number | null;
  s: Uint8Array | null;
  t: TensorProto | null;
  floats: number[];
  ints: number[];
  strings: Uint8Array[];
  hasGraph: boolean;
}

export interface NodeProto {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, AttributeProto>;
}

export interface GraphProto {
  name: string;
  nodes: NodeProto[];
  initializers: Map<string, TensorProto>;
  sparseInitializers: Set<string>;
  inputs: Set<string>;
}

export interface ModelProto {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsets: { domain: string; version: number }[];
  graph: GraphProto | null;
}

const readInt64 = (w: Wire): number => w.int64();
const readFloat32 = (w: Wire): number => w.float32();
const readFloat64 = (w: Wire): number => w.float64();

function parseTensor(w: Wire): TensorProto {
  const t: TensorProto = {
    name: '',
    dims: [],
    dataType: 0,
    raw: null,
    floatData: [],
    int32Data: [],
    int64Data: [],
    doubleData: [],
    external: false,
    segmented: false,
  };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.repeated(wire, 0, 'dims', readInt64, t.dims);
        break;
      case 2:
        w.expect(wire, 0, 'data_type');
        t.dataType = w.uint();
        break;
      case 3:
        t.segmented = true;
        w.skip(wire);
        break;
      case 4:
        w.repeated(wire, 5, 'float_data', readFloat32, t.floatData);
        break;
      case 5:
        w.repeated(wire, 0, 'int32_data', readInt64, t.int32Data);
        break;
      case 7:
        w.repeated(wire, 0, 'int64_data', readInt64, t.int64Data);
        break;
      case 8:
        w.expect(wire, 2, 'name');
        t.name = w.string();
        break;
      case 9:
        w.expect(wire, 2, 'raw_data');
        t.raw = w.bytes();
        break;
      case 10:
        w.repeated(wire, 1, 'double_data', readFloat64, t.doubleData);
        break;
      case 13:
        t.external = true;
        w.skip(wire);
        break;
      case 14:
        w.expect(wire, 0, 'data_location');
        if (w.uint() === 1) t.external = true;
        break;
      default:
        w.skip(wire);
    }
  }
  return t;
}

function parseAttribute(w: Wire): AttributeProto {
  const a: AttributeProto = {
    name: '',
    type: 0,
    f: null,
    i: null,
    s: null,
    t: null,
    floats: [],
    ints: [],
    strings: [],
    hasGraph: false,
  };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.expect(wire, 2, 'name');
        a.name = w.string();
        break;
      case 2:
        w.expect(wire, 5, 'f');
        a.f = w.float32();
        break;
      case 3:
        w.expect(wire, 0, 'i');
        a.i = w.int64();
        break;
      case 4:
        w.expect(wire, 2, 's');
        a.s = w.bytes();
        break;
      case 5:
        w.expect(wire, 2, 't');
        a.t = parseTensor(w.sub('TensorProto'));
        break;
      case 6:
      case 11:
        a.hasGraph = true;
        w.skip(wire);
        break;
      case 7:
        w.repeated(wire, 5, 'floats', readFloat32, a.floats);
        break;
      case 8:
        w.repeated(wire, 0, 'ints', readInt64, a.ints);
        break;
      case 9:
        w.expect(wire, 2, 'strings');
        a.strings.push(w.bytes());
        break;
      case 20:
        w.expect(wire, 0, 'type');
        a.type = w.uint();
        break;
      default:
        w.skip(wire);
    }
  }
  return a;
}

function parseNode(w: Wire): NodeProto {
  const n: NodeProto = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: new Map() };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.expect(wire, 2, 'input');
        n.inputs.push(w.string());
        break;
      case 2:
        w.expect(wire, 2, 'output');
        n.outputs.push(w.string());
        break;
      case 3:
        w.expect(wire, 2, 'name');
        n.name = w.string();
        break;
      case 4:
        w.expect(wire, 2, 'op_type');
        n.opType = w.string();
        break;
      case 5: {
        w.expect(wire, 2, 'attribute');
        const a = parseAttribute(w.sub('AttributeProto'));
        n.attributes.set(a.name, a);
        break;
      }
      case 7:
        w.expect(wire, 2, 'domain');
        n.domain = w.string();
        break;
      default:
        w.skip(wire);
    }
  }
  return n;
}

function parseValueInfoName(w: Wire): string {
  let name = '';
  while (!w.eof()) {
    const [field, wire] = w.key();
    if (field === 1) {
      w.expect(wire, 2, 'name');
      name = w.string();
    } else w.skip(wire);
  }
  return name;
}

function parseSparseName(w: Wire): string {
  // SparseTensorProto: values 1 (a TensorProto that carries the name).
  let name = '';
  while (!w.eof()) {
    const [field, wire] = w.key();
    if (field === 1) {
      w.expect(wire, 2, 'values');
      name = parseTensor(w.sub('TensorProto')).name;
    } else w.skip(wire);
  }
  return name;
}

function parseGraph(w: Wire): GraphProto {
  const g: GraphProto = { name: '', nodes: [], initializers: new Map(), sparseInitializers: new Set(), inputs: new Set() };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.expect(wire, 2, 'node');
        g.nodes.push(parseNode(w.sub('NodeProto')));
        break;
      case 2:
        w.expect(wire, 2, 'name');
        g.name = w.string();
        break;
      case 5: {
        w.expect(wire, 2, 'initializer');
        const t = parseTensor(w.sub('TensorProto'));
        g.initializers.set(t.name, t);
        break;
      }
      case 11:
        w.expect(wire, 2, 'input');
        g.inputs.add(parseValueInfoName(w.sub('ValueInfoProto')));
        break;
      case 15:
        w.expect(wire, 2, 'sparse_initializer');
        g.sparseInitializers.add(parseSparseName(w.sub('SparseTensorProto')));
        break;
      default:
        w.skip(wire);
    }
  }
  return g;
}

function parseOpset(w: Wire): { domain: string; version: number } {
  const o = { domain: '', version: 0 };
  while (!w.eof()) {
    const [field, wire] = w.key();
    if (field === 1) {
      w.expect(wire, 2, 'domain');
      o.domain = w.string();
    } else if (field === 2) {
      w.expect(wire, 0, 'version');
      o.version = w.int64();
    } else w.skip(wire);
  }
  return o;
}

export function parseModel(buf: Uint8Array): ModelProto {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const w = new Wire(buf, view, 0, buf.length, 'ModelProto');
  const m: ModelProto = { irVersion: 0, producerName: '', producerVersion: '', opsets: [], graph: null };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.expect(wire, 0, 'ir_version');
        m.irVersion = w.int64();
        break;
      case 2:
        w.expect(wire, 2, 'producer_name');
        m.producerName = w.string();
        break;
      case 3:
        w.expect(wire, 2, 'producer_version');
        m.producerVersion = w.string();
        break;
      case 7:
        w.expect(wire, 2, 'graph');
        m.graph = parseGraph(w.sub('GraphProto'));
        break;
      case 8:
        w.expect(wire, 2, 'opset_import');
        m.opsets.push(parseOpset(w.sub('OperatorSetIdProto')));
        break;
      default:
        w.skip(wire);
    }
  }
  return m;
}

// ------------------------------------------------------------------------------------------- tensor values

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
  if (t.external) fail(`${what} is stored in an external data file, which this reader cannot open; re-export with the weights inside the .onnx`);
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
