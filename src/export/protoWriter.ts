// Minimal protobuf wire-format encoder (developers.google.com/protocol-buffers/docs/encoding): varint fields
// (wire type 0), length-delimited bytes, strings and sub-messages (wire type 2). Enough for ONNX's ModelProto
// (./onnxModel.ts); the reader is src/formats/onnxProto.ts. Large payloads (raw tensor data) are kept by reference
// and copied once, in finish().

const UTF8 = new TextEncoder();

export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private pending: number[] = [];
  /** Bytes written so far. */
  length = 0;

  private flush(): void {
    if (this.pending.length) {
      this.parts.push(Uint8Array.from(this.pending));
      this.pending = [];
    }
  }

  private varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new Error(`protobuf varint ${value} is not a safe integer`);
    if (value < 0) {
      // int64 two's complement: always 10 bytes.
      let v = BigInt.asUintN(64, BigInt(value));
      for (let i = 0; i < 9; i++, v >>= 7n) this.pending.push(Number(v & 0x7fn) | 0x80);
      this.pending.push(Number(v));
      this.length += 10;
      return;
    }
    let v = value;
    while (v >= 0x80) {
      this.pending.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
      this.length += 1;
    }
    this.pending.push(v);
    this.length += 1;
  }

  private key(field: number, wire: 0 | 2): void {
    this.varint(field * 8 + wire);
  }

  /** An int32 / int64 / enum field (negative values as 10-byte two's complement, as int64 requires). */
  int(field: number, value: number): this {
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  /** A bytes field; `data` is kept by reference until finish(). */
  bytes(field: number, data: Uint8Array): this {
    this.key(field, 2);
    this.varint(data.length);
    this.flush();
    this.parts.push(data);
    this.length += data.length;
    return this;
  }

  string(field: number, text: string): this {
    return this.bytes(field, UTF8.encode(text));
  }

  /** A sub-message, built by `build` on a fresh writer. */
  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    inner.flush();
    this.key(field, 2);
    this.varint(inner.length);
    this.flush();
    for (const p of inner.parts) this.parts.push(p);
    this.length += inner.length;
    return this;
  }

  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
