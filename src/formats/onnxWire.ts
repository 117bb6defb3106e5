// The protobuf wire format (protobuf.dev/programming-guides/encoding) as ONNX's reader needs it: varint, 64-bit,
// length-delimited and 32-bit fields, unknown fields skipped, every malformed byte reported as a FormatError.
import { FormatError } from './types';

/** Every refusal of the ONNX reader is a FormatError, like every other checkpoint reader's. */
export function fail(message: string): never {
  throw new FormatError(message);
}

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
      fail(
        `not a valid ONNX model: ${this.what}.${field} has wire type ${WIRE_NAMES[wire]}, expected ${WIRE_NAMES[expected]} (byte ${this.pos})`,
      );
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
