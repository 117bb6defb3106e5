import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { EXPECTED, errorOf, expectTensorsExact, fixture } from './fixtures/fixtures';
import { encodeNpy, encodeNpz, readNpy, readNpz } from './npy';
import { FormatError } from './types';

const text = (s: string) => new TextEncoder().encode(s);

/** A .npy file with the given header text (version 1, 2 or 3) and data bytes. */
function npy(header: string, data: Uint8Array = new Uint8Array(0), version = 1): Uint8Array {
  const h = text(header);
  const pre = version === 1 ? 10 : 12;
  const out = new Uint8Array(pre + h.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, h.length, true);
  else view.setUint32(8, h.length, true);
  out.set(h, pre);
  out.set(data, pre + h.length);
  return out;
}

describe('readNpz / readNpy read numpy files exactly', () => {
  for (const name of ['gru_cell.npz', 'gru_cell_compressed.npz', 'dtypes.npz']) {
    it(`${name}: every array equals numpy's values`, () => {
      const file = readNpz(fixture(name));
      expect(file.format).toBe('npz');
      expectTensorsExact(file.tensors, EXPECTED[name].tensors);
    });
  }

  it("dtypes.npz covers '<f2', '<f8', '>f4', Fortran order, '<i8', '|b1', 0-d and empty arrays", () => {
    const t = Object.fromEntries(readNpz(fixture('dtypes.npz')).tensors.map((x) => [x.name, x]));
    expect(t.f2.dtype).toBe('float16');
    expect(t.big_endian.shape).toEqual([3, 2]);
    expect(t.fortran.shape).toEqual([3, 4]);
    expect(t.zero_d.shape).toEqual([]);
    expect(t.empty.shape).toEqual([0, 2]);
  });

  it('weight_ih.npy: the one array, named after the file', () => {
    const file = readNpy(fixture('weight_ih.npy'), 'weight_ih');
    expect(file.format).toBe('npy');
    expectTensorsExact(file.tensors, EXPECTED['weight_ih.npy'].tensors);
  });

  it('reads format versions 2.0 and 3.0 (u32 header length; 3.0 is UTF-8)', () => {
    const data = new Uint8Array(new Float32Array([1.5, -2]).buffer);
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n";
    expect(Array.from(readNpy(npy(header, data, 2)).tensors[0].data)).toEqual([1.5, -2]);
    expect(Array.from(readNpy(npy(header, data, 3)).tensors[0].data)).toEqual([1.5, -2]);
  });
});

describe('encodeNpy / encodeNpz', () => {
  it("encodeNpy writes numpy.save's bytes (format 1.0, '<f4', 64-byte aligned header)", () => {
    const original = fixture('weight_ih.npy');
    const t = readNpy(original).tensors[0];
    const encoded = encodeNpy(t);
    expect(encoded.length).toBe(original.length);
    expect((10 + (encoded[8] | (encoded[9] << 8))) % 64).toBe(0);
    // Same preamble, dict keys and data; numpy pads with extra spaces for its "growth axis".
    const headerOf = (b: Uint8Array) => new TextDecoder().decode(b.subarray(10, 10 + (b[8] | (b[9] << 8)))).replace(/ +\n$/, '');
    expect(headerOf(encoded)).toBe(headerOf(original));
    expect(Array.from(encoded.subarray(encoded.length - 144))).toEqual(Array.from(original.subarray(original.length - 144)));
  });

  for (const compress of [false, true]) {
    it(`round-trips bit-exactly through .npz (${compress ? 'deflated' : 'stored'})`, () => {
      const special = new Float32Array([0, -0, 1e-45, 3.4028234663852886e38, -Infinity, NaN, 0.1, -7.25]);
      const tensors = [
        { name: 'special', shape: [4, 2], data: special },
        { name: 'rnn.weight_ih_l0', shape: [3, 1, 1], data: new Float32Array([1, 2, 3]) },
        { name: 'scalar', shape: [], data: new Float32Array([5]) },
        { name: 'empty', shape: [0], data: new Float32Array(0) },
      ];
      const back = readNpz(encodeNpz(tensors, { compress }));
      expect(back.tensors.map((t) => [t.name, t.shape])).toEqual(tensors.map((t) => [t.name, t.shape]));
      for (const [i, t] of tensors.entries()) {
        expect(new Uint8Array(back.tensors[i].data.buffer, back.tensors[i].data.byteOffset, t.data.length * 4)).toEqual(
          new Uint8Array(t.data.buffer),
        );
      }
    });
  }
});

describe('readNpy / readNpz refuse broken files with a clear message', () => {
  const f4 = (shape: string, order = 'False') => `{'descr': '<f4', 'fortran_order': ${order}, 'shape': ${shape}, }\n`;

  it('wrong magic, unknown version, truncated preamble, header and data', () => {
    expect(errorOf(() => readNpy(text('NUMPY not really')))).toMatch(/not a \.npy file \(wrong magic/);
    expect(errorOf(() => readNpy(npy(f4('(1,)'), new Uint8Array(4), 4)))).toMatch(/format version 4\.0/);
    expect(errorOf(() => readNpy(npy(f4('(1,)')).subarray(0, 8)))).toMatch(/truncated/);
    expect(errorOf(() => readNpy(npy(f4('(1,)')).subarray(0, 30)))).toMatch(
      /truncated: the file's header says \d+ bytes but the file has 30/,
    );
    expect(errorOf(() => readNpy(npy(f4('(3, 4)'), new Uint8Array(40))))).toMatch(
      /truncated: the file's header says \d+ bytes \(shape \[3, 4\]\)/,
    );
  });

  it('object, structured, complex and unknown dtypes', () => {
    const with_ = (descr: string) => `{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`;
    expect(errorOf(() => readNpy(npy(with_("'|O'"), new Uint8Array(8))))).toMatch(/'?"\|O"'? .*object arrays hold pickles/);
    expect(errorOf(() => readNpy(npy(with_("[('a', '<f4')]"), new Uint8Array(8))))).toMatch(/structured dtype/);
    expect(errorOf(() => readNpy(npy(with_("'<c8'"), new Uint8Array(8))))).toMatch(/unsupported dtype "<c8"/);
  });

  it('malformed header dicts are parsed, never evaluated', () => {
    expect(errorOf(() => readNpy(npy("__import__('os').system('x')")))).toMatch(/not a valid dict literal/);
    expect(errorOf(() => readNpy(npy("{'descr': '<f4', 'fortran_order': 1, 'shape': (1,)}")))).toMatch(/fortran_order/);
    expect(errorOf(() => readNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}")))).toMatch(/invalid dimension -1/);
    expect(errorOf(() => readNpy(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)")))).toMatch(/expected/);
  });

  it('huge declared shapes are refused before any allocation', () => {
    expect(errorOf(() => readNpy(npy(f4('(100000, 100000, 10)'))))).toMatch(/more than the limit/);
    expect(errorOf(() => readNpy(npy(f4('(0, 100000000000)'))))).toMatch(/dimension 100000000000 is larger than the limit/);
  });

  it('a zip without .npy files, and cuts of every npz fixture', () => {
    expect(errorOf(() => readNpz(zipSync({ 'a.txt': text('x') })))).toMatch(/no \.npy files/);
    for (const name of ['gru_cell.npz', 'gru_cell_compressed.npz']) {
      const bytes = fixture(name);
      for (let cut = 0; cut < bytes.length; cut += 37) expect(() => readNpz(bytes.subarray(0, cut))).toThrow(FormatError);
    }
  });
});
