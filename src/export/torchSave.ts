// A state_dict as torch.save writes it (the zip format PyTorch uses since 1.6), readable by
// torch.load(path, weights_only=True). Layout read from torch/serialization.py (_save) and
// caffe2/serialize/inline_container.cc (PyTorchStreamWriter):
//   archive/data.pkl     pickle protocol 2 of an OrderedDict name → tensor; each tensor is
//                        torch._utils._rebuild_tensor_v2(persistent_id(('storage', torch.FloatStorage, key, 'cpu',
//                        numel)), offset, size, stride, requires_grad, OrderedDict()); the dict's BUILD sets
//                        _metadata = {'': {'version': 1}} as Module.state_dict() does
//   archive/byteorder    "little" (written since PyTorch 2.1; older versions assume little-endian)
//   archive/data/<key>   each storage's raw little-endian float32 bytes, aligned to 64 bytes in the file
//   archive/version      "3\n"
// Entries are stored (not deflated); the writer pads each local header with an extra field ("FB") so the data
// starts on a 64-byte boundary, as PyTorchStreamWriter does. Only globals on weights_only's allow-list are used.
import { contiguousStrides, crc32, encodeUtf8 } from '../formats/binary';
import { float32ToBytes } from '../share/bytes';
import type { TensorToWrite } from '../formats/safetensors';
import { FormatError, shapeSize } from '../formats/types';

const ALIGNMENT = 64;

/** Pickle opcodes used here (Lib/pickletools.py). */
const OP = {
  PROTO: 0x80,
  GLOBAL: 0x63, // c
  EMPTY_TUPLE: 0x29, // )
  EMPTY_DICT: 0x7d, // }
  MARK: 0x28, // (
  TUPLE: 0x74, // t
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  REDUCE: 0x52, // R
  BINPERSID: 0x51, // Q
  BINUNICODE: 0x58, // X
  BININT: 0x4a, // J
  BININT1: 0x4b, // K
  BININT2: 0x4d, // M
  NEWFALSE: 0x89,
  SETITEM: 0x73, // s
  SETITEMS: 0x75, // u
  BUILD: 0x62, // b
  STOP: 0x2e, // .
} as const;

class PickleWriter {
  private parts: number[] = [];
  op(code: number) {
    this.parts.push(code);
  }
  global(module: string, name: string) {
    this.op(OP.GLOBAL);
    for (const b of encodeUtf8(`${module}\n${name}\n`)) this.parts.push(b);
  }
  str(text: string) {
    const bytes = encodeUtf8(text);
    this.op(OP.BINUNICODE);
    this.u32(bytes.length);
    for (const b of bytes) this.parts.push(b);
  }
  int(v: number) {
    if (!Number.isSafeInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) throw new Error(`pickle int ${v} is out of the 32-bit range`);
    if (v >= 0 && v < 256) {
      this.op(OP.BININT1);
      this.parts.push(v);
    } else if (v >= 0 && v < 65536) {
      this.op(OP.BININT2);
      this.parts.push(v & 0xff, v >>> 8);
    } else {
      this.op(OP.BININT);
      this.u32(v >>> 0);
    }
  }
  intTuple(values: readonly number[]) {
    if (values.length === 0) return this.op(OP.EMPTY_TUPLE);
    if (values.length > 3) this.op(OP.MARK);
    for (const v of values) this.int(v);
    this.op(values.length > 3 ? OP.TUPLE : [OP.TUPLE1, OP.TUPLE2, OP.TUPLE3][values.length - 1]);
  }
  emptyOrderedDict() {
    this.global('collections', 'OrderedDict');
    this.op(OP.EMPTY_TUPLE);
    this.op(OP.REDUCE);
  }
  private u32(v: number) {
    this.parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** data.pkl for an OrderedDict of float32 tensors on storages "0", "1", … */
export function statePickle(tensors: readonly TensorToWrite[]): Uint8Array {
  const p = new PickleWriter();
  p.op(OP.PROTO);
  p.op(2);
  p.emptyOrderedDict();
  p.op(OP.MARK);
  tensors.forEach((t, i) => {
    p.str(t.name);
    p.global('torch._utils', '_rebuild_tensor_v2');
    p.op(OP.MARK);
    // persistent id: ('storage', torch.FloatStorage, key, location, numel)
    p.op(OP.MARK);
    p.str('storage');
    p.global('torch', 'FloatStorage');
    p.str(String(i));
    p.str('cpu');
    p.int(t.data.length);
    p.op(OP.TUPLE);
    p.op(OP.BINPERSID);
    p.int(0); // storage offset
    p.intTuple(t.shape);
    p.intTuple(contiguousStrides(t.shape));
    p.op(OP.NEWFALSE); // requires_grad
    p.emptyOrderedDict(); // backward hooks
    p.op(OP.TUPLE);
    p.op(OP.REDUCE);
  });
  p.op(OP.SETITEMS);
  // state_dict()'s _metadata attribute: {'': {'version': 1}} (the module's _version).
  p.op(OP.EMPTY_DICT);
  p.str('_metadata');
  p.emptyOrderedDict();
  p.str('');
  p.op(OP.EMPTY_DICT);
  p.str('version');
  p.int(1);
  p.op(OP.SETITEM);
  p.op(OP.SETITEM);
  p.op(OP.SETITEM);
  p.op(OP.BUILD);
  p.op(OP.STOP);
  return p.bytes();
}

interface ZipRecord {
  name: string;
  data: Uint8Array;
}

/** A zip of stored entries whose data start on 64-byte boundaries (PyTorchStreamWriter's layout). */
export function writeAlignedZip(records: readonly ZipRecord[]): Uint8Array {
  const DOS_DATE = (1 << 5) | 1; // 1980-01-01, time 00:00: files are the same bytes whenever written
  const locals: { name: Uint8Array; extra: number; offset: number; crc: number; size: number }[] = [];
  let at = 0;
  for (const r of records) {
    const name = encodeUtf8(r.name);
    // Local header (30) + name + extra field (4-byte header + padding) → data on the boundary.
    const unpadded = at + 30 + name.length + 4;
    const pad = (ALIGNMENT - (unpadded % ALIGNMENT)) % ALIGNMENT;
    locals.push({ name, extra: 4 + pad, offset: at, crc: crc32(r.data), size: r.data.length });
    at = unpadded + pad + r.data.length;
  }
  const centralSize = locals.reduce((n, l) => n + 46 + l.name.length, 0);
  const out = new Uint8Array(at + centralSize + 22);
  const view = new DataView(out.buffer);
  const u16 = (pos: number, v: number) => view.setUint16(pos, v, true);
  const u32 = (pos: number, v: number) => view.setUint32(pos, v >>> 0, true);
  // The fields a local header (at +4) and its central directory record (at +6) share, through the name length.
  const entry = (pos: number, l: (typeof locals)[number]) => {
    u16(pos, 20); // version needed: 2.0
    u16(pos + 2, 0); // flags
    u16(pos + 4, 0); // stored
    u16(pos + 6, 0); // time 00:00
    u16(pos + 8, DOS_DATE);
    u32(pos + 10, l.crc);
    u32(pos + 14, l.size); // compressed
    u32(pos + 18, l.size);
    u16(pos + 22, l.name.length);
  };
  records.forEach((r, i) => {
    const l = locals[i];
    let p = l.offset;
    u32(p, 0x04034b50);
    entry(p + 4, l);
    u16(p + 28, l.extra);
    out.set(l.name, p + 30);
    p += 30 + l.name.length;
    u16(p, 0x4246); // "FB": PyTorchStreamWriter's padding field
    u16(p + 2, l.extra - 4);
    out.fill(0x5a, p + 4, p + l.extra); // 'Z'
    out.set(r.data, p + l.extra);
  });
  let p = at;
  for (const l of locals) {
    u32(p, 0x02014b50);
    u16(p + 4, 20); // made by
    entry(p + 6, l);
    // extra, comment, disk, internal and external attributes: 0
    u32(p + 42, l.offset);
    out.set(l.name, p + 46);
    p += 46 + l.name.length;
  }
  u32(p, 0x06054b50);
  u16(p + 8, locals.length);
  u16(p + 10, locals.length);
  u32(p + 12, centralSize);
  u32(p + 16, at);
  return out;
}

/** The bytes of `torch.save(state_dict, path)` for float32 tensors, in archive folder `archive/`. */
export function encodeTorchSave(tensors: readonly TensorToWrite[]): Uint8Array {
  for (const t of tensors) {
    if (shapeSize(t.shape, `tensor "${t.name}"`) !== t.data.length) {
      throw new FormatError(`tensor "${t.name}" has ${t.data.length} values but shape [${t.shape.join(', ')}] needs another count`);
    }
  }
  const dir = 'archive';
  return writeAlignedZip([
    { name: `${dir}/data.pkl`, data: statePickle(tensors) },
    { name: `${dir}/byteorder`, data: encodeUtf8('little') },
    ...tensors.map((t, i) => ({ name: `${dir}/data/${i}`, data: float32ToBytes(t.data) })),
    { name: `${dir}/version`, data: encodeUtf8('3\n') },
  ]);
}
