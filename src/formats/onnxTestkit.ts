// Test support: a tiny protobuf writer that builds ONNX models by hand (hand-made variants the torch exporter never
// writes: Constant-node weights, FLOAT16 / DOUBLE / BFLOAT16 data, unpacked repeated fields, odd attributes).
// Field numbers as in onnx/onnx.proto (listed at the top of ./onnx.ts). Used only by tests.

export class ProtoWriter {
  private readonly out: number[] = [];

  varint(value: number): this {
    // Non-negative values up to 2^53, or negative int64 as 10-byte two's complement.
    if (value < 0) {
      let v = BigInt.asUintN(64, BigInt(value));
      while (v >= 0x80n) {
        this.out.push(Number(v & 0x7fn) | 0x80);
        v >>= 7n;
      }
      this.out.push(Number(v));
      return this;
    }
    let v = value;
    while (v >= 0x80) {
      this.out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.out.push(v);
    return this;
  }

  key(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  int(field: number, value: number): this {
    return this.key(field, 0).varint(value);
  }

  bytes(field: number, data: Uint8Array | number[]): this {
    this.key(field, 2).varint(data.length);
    for (const b of data) this.out.push(b);
    return this;
  }

  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.key(field, 5);
    for (const x of b) this.out.push(x);
    return this;
  }

  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** Packed repeated field: fixed32 floats, fixed64 doubles or varints. */
  packed(field: number, kind: 'float' | 'double' | 'varint', values: ArrayLike<number>): this {
    const inner = new ProtoWriter();
    for (let i = 0; i < values.length; i++) {
      if (kind === 'varint') inner.varint(values[i]);
      else inner.raw(kind === 'float' ? f32Bytes([values[i]]) : f64Bytes([values[i]]));
    }
    return this.bytes(field, inner.finish());
  }

  raw(data: Uint8Array): this {
    for (const b of data) this.out.push(b);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

export function f32Bytes(values: ArrayLike<number>): Uint8Array {
  const b = new Uint8Array(4 * values.length);
  const v = new DataView(b.buffer);
  for (let i = 0; i < values.length; i++) v.setFloat32(4 * i, values[i], true);
  return b;
}

export function f64Bytes(values: ArrayLike<number>): Uint8Array {
  const b = new Uint8Array(8 * values.length);
  const v = new DataView(b.buffer);
  for (let i = 0; i < values.length; i++) v.setFloat64(8 * i, values[i], true);
  return b;
}

export function i64Bytes(values: ArrayLike<number>): Uint8Array {
  const b = new Uint8Array(8 * values.length);
  const v = new DataView(b.buffer);
  for (let i = 0; i < values.length; i++) v.setBigInt64(8 * i, BigInt(values[i]), true);
  return b;
}

/** IEEE half bits of a float (round to nearest even; enough for test values). */
export function halfBits(value: number): number {
  const f = new DataView(new ArrayBuffer(4));
  f.setFloat32(0, value);
  const x = f.getUint32(0);
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp <= 0) return sign; // tests avoid subnormals
  if (exp >= 31) return sign | 0x7c00;
  const round = mant & 0x1fff;
  mant >>= 13;
  let out = sign | (exp << 10) | mant;
  if (round > 0x1000 || (round === 0x1000 && mant & 1)) out++;
  return out;
}

export type TensorEncoding = 'raw' | 'float_data' | 'float_data_unpacked' | 'float16_raw' | 'float16_int32' | 'bfloat16_raw' | 'double_data' | 'double_raw';

/** Writes a TensorProto body (float values) in the chosen encoding. */
export function writeTensor(w: ProtoWriter, name: string, dims: number[], values: ArrayLike<number>, enc: TensorEncoding = 'raw'): void {
  for (const d of dims) w.int(1, d);
  const dataType = { raw: 1, float_data: 1, float_data_unpacked: 1, float16_raw: 10, float16_int32: 10, bfloat16_raw: 16, double_data: 11, double_raw: 11 }[enc];
  w.int(2, dataType);
  w.string(8, name);
  switch (enc) {
    case 'raw':
      w.bytes(9, f32Bytes(values));
      break;
    case 'float_data':
      w.packed(4, 'float', values);
      break;
    case 'float_data_unpacked':
      for (let i = 0; i < values.length; i++) w.float(4, values[i]);
      break;
    case 'float16_raw': {
      const b = new Uint8Array(2 * values.length);
      const v = new DataView(b.buffer);
      for (let i = 0; i < values.length; i++) v.setUint16(2 * i, halfBits(values[i]), true);
      w.bytes(9, b);
      break;
    }
    case 'float16_int32':
      w.packed(5, 'varint', Array.from(values, halfBits));
      break;
    case 'bfloat16_raw': {
      const b = new Uint8Array(2 * values.length);
      const v = new DataView(b.buffer);
      const f = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < values.length; i++) {
        f.setFloat32(0, values[i]);
        v.setUint16(2 * i, f.getUint32(0) >>> 16, true); // truncation: tests use bf16-exact values
      }
      w.bytes(9, b);
      break;
    }
    case 'double_data':
      w.packed(10, 'double', values);
      break;
    case 'double_raw':
      w.bytes(9, f64Bytes(values));
      break;
  }
}

export interface NodeSpec {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: ((w: ProtoWriter) => void)[];
}

export const attrInt = (name: string, value: number) => (w: ProtoWriter) =>
  w.message(5, (a) => a.string(1, name).int(3, value).int(20, 2));
export const attrFloat = (name: string, value: number) => (w: ProtoWriter) =>
  w.message(5, (a) => a.string(1, name).float(2, value).int(20, 1));
export const attrString = (name: string, value: string) => (w: ProtoWriter) =>
  w.message(5, (a) => a.string(1, name).string(4, value).int(20, 3));
export const attrStrings = (name: string, values: string[]) => (w: ProtoWriter) =>
  w.message(5, (a) => {
    a.string(1, name);
    for (const v of values) a.string(9, v);
    a.int(20, 8);
  });
export const attrInts = (name: string, values: number[]) => (w: ProtoWriter) =>
  w.message(5, (a) => a.string(1, name).packed(8, 'varint', values).int(20, 7));
export const attrTensor = (name: string, build: (t: ProtoWriter) => void) => (w: ProtoWriter) =>
  w.message(5, (a) => a.string(1, name).message(5, build).int(20, 4));

export function writeNode(w: ProtoWriter, n: NodeSpec): void {
  w.message(1, (m) => {
    for (const i of n.inputs) m.string(1, i);
    for (const o of n.outputs) m.string(2, o);
    if (n.name) m.string(3, n.name);
    m.string(4, n.opType);
    for (const a of n.attrs ?? []) a(m);
    if (n.domain) m.string(7, n.domain);
  });
}

export interface ModelSpec {
  nodes: NodeSpec[];
  initializers?: ((t: ProtoWriter) => void)[];
  inputs?: string[];
  opset?: number;
}

export function writeModel(spec: ModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, 8);
  w.string(2, 'onnxTestkit');
  w.message(7, (g) => {
    for (const n of spec.nodes) writeNode(g, n);
    g.string(2, 'test-graph');
    for (const t of spec.initializers ?? []) g.message(5, t);
    for (const name of spec.inputs ?? ['X']) g.message(11, (v) => v.string(1, name));
  });
  w.message(8, (o) => o.string(1, '').int(2, spec.opset ?? 14));
  return w.finish();
}
