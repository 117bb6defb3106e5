import { describe, expect, it } from 'vitest';
import { EXPECTED, errorOf, expectTensorsExact, fixture } from './fixtures/fixtures';
import { encodeSafetensors, readSafetensors } from './safetensors';
import { FormatError } from './types';

/** A safetensors file from a header object and a data buffer (header padded to 8 bytes). */
function build(header: unknown, data: Uint8Array = new Uint8Array(0), { length }: { length?: number } = {}): Uint8Array {
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20);
  padded.set(json);
  json = padded;
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(length ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const safetensorsErrorOf = (bytes: Uint8Array): string => errorOf(() => readSafetensors(bytes));

const f32 = (name: string, shape: number[], begin: number) => ({
  [name]: { dtype: 'F32', shape, data_offsets: [begin, begin + 4 * shape.reduce((a, b) => a * b, 1)] },
});

describe('readSafetensors', () => {
  for (const name of ['gru_cell.safetensors', 'dtypes.safetensors']) {
    it(`${name}: every tensor equals PyTorch's values`, () => {
      const file = readSafetensors(fixture(name));
      expect(file.format).toBe('safetensors');
      expectTensorsExact(file.tensors, EXPECTED[name].tensors, { ordered: false });
    });
  }

  it('returns __metadata__ and orders tensors by their place in the file', () => {
    const file = readSafetensors(fixture('gru_cell.safetensors'));
    expect(file.metadata).toEqual({ format: 'pt', source: 'nn.GRUCell(3, 4)' });
    expect(file.tensors.map((t) => t.name)).toEqual(['bias_hh', 'bias_ih', 'weight_hh', 'weight_ih']);
    expect(readSafetensors(fixture('dtypes.safetensors')).tensors.map((t) => t.dtype)).toEqual([
      'float64',
      'int64',
      'float32',
      'bfloat16',
      'float16',
    ]);
  });
});

describe('encodeSafetensors', () => {
  it('writes the same bytes as the reference layout (the Python fixture writer)', () => {
    const file = readSafetensors(fixture('gru_cell.safetensors'));
    const encoded = encodeSafetensors(file.tensors, file.metadata);
    expect(Array.from(encoded)).toEqual(Array.from(fixture('gru_cell.safetensors')));
  });

  it('round-trips bit-exactly, including -0, subnormals, infinities and NaN', () => {
    const special = new Float32Array([0, -0, 1e-45, -3.4028234663852886e38, Infinity, -Infinity, NaN, 0.1]);
    const tensors = [
      { name: 'special', shape: [2, 4], data: special },
      { name: 'scalar', shape: [], data: new Float32Array([7]) },
      { name: 'empty', shape: [0, 5], data: new Float32Array(0) },
      { name: 'ünïcode.name', shape: [3], data: new Float32Array([1, 2, 3]) },
    ];
    const back = readSafetensors(encodeSafetensors(tensors, { note: 'x' }));
    expect(back.metadata).toEqual({ note: 'x' });
    expect(back.tensors.map((t) => t.name)).toEqual(tensors.map((t) => t.name));
    for (const [i, t] of tensors.entries()) {
      expect(back.tensors[i].shape).toEqual(t.shape);
      expect(back.tensors[i].dtype).toBe('float32');
      expect(new Uint8Array(back.tensors[i].data.buffer, back.tensors[i].data.byteOffset, t.data.length * 4)).toEqual(
        new Uint8Array(t.data.buffer),
      );
    }
  });

  it('refuses duplicate names and data that does not fit the shape', () => {
    const t = { name: 'a', shape: [2], data: new Float32Array(2) };
    expect(() => encodeSafetensors([t, t])).toThrow(/second tensor named "a"/);
    expect(() => encodeSafetensors([{ ...t, shape: [3] }])).toThrow(/has 2 values but shape \[3\] needs 3/);
  });
});

describe('readSafetensors refuses broken files with a clear message', () => {
  it('shorter than the 8-byte length, header length past the end, huge header length', () => {
    expect(safetensorsErrorOf(new Uint8Array(5))).toMatch(
      /truncated: a safetensors file starts with an 8-byte header length but the file has 5 bytes/,
    );
    expect(safetensorsErrorOf(build({}, new Uint8Array(2000), { length: 1200 }).subarray(0, 800))).toBe(
      'truncated: header says 1208 bytes but the file has 800',
    );
    expect(safetensorsErrorOf(build({}, new Uint8Array(0), { length: 10 * 1024 ** 3 }))).toMatch(
      /header length 10 GB is larger than the 100 MB limit/,
    );
  });

  it('a header that is not JSON, not an object, or not UTF-8', () => {
    const bad = build({ padding_padding: 0 });
    bad.set(new TextEncoder().encode('{"a": nope}'), 8);
    expect(safetensorsErrorOf(bad)).toMatch(/header is not valid JSON/);
    expect(safetensorsErrorOf(build([1, 2]))).toMatch(/does not start with "\{"/);
    const latin = build({ ab: 1 });
    latin[11] = 0xff;
    expect(safetensorsErrorOf(latin)).toMatch(/header is not valid UTF-8/);
  });

  it('unknown dtypes, bad shapes and offsets', () => {
    expect(safetensorsErrorOf(build({ x: { dtype: 'F8_E4M3', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)))).toMatch(
      /tensor "x" has an unknown or unsupported dtype F8_E4M3/,
    );
    expect(safetensorsErrorOf(build({ x: { dtype: 'Q4', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)))).toMatch(/dtype Q4/);
    expect(safetensorsErrorOf(build({ x: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)))).toMatch(
      /invalid dimension -1/,
    );
    expect(safetensorsErrorOf(build({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4)))).toMatch(
      /needs 8 bytes but data_offsets \[0, 4\] span 4/,
    );
    expect(safetensorsErrorOf(build({ x: { dtype: 'F32', shape: [2], data_offsets: [4, 0] } }, new Uint8Array(8)))).toMatch(
      /invalid data_offsets/,
    );
    expect(safetensorsErrorOf(build({ x: { dtype: 'F32', shape: [2] } }))).toMatch(/invalid data_offsets/);
    expect(safetensorsErrorOf(build({ x: 5 }))).toMatch(/described by 5/);
    expect(safetensorsErrorOf(build({ __metadata__: { a: 1 } }))).toMatch(/__metadata__\.a is 1, not a string/);
  });

  it('huge declared sizes are refused before any allocation', () => {
    const header = { x: { dtype: 'F32', shape: [100000, 100000, 10], data_offsets: [0, 4e11] } };
    expect(safetensorsErrorOf(build(header))).toMatch(/shape \[100000, 100000, 10\] = 100000000000 elements, more than the limit/);
  });

  it('data past the end, holes, overlaps and trailing bytes (the buffer must be covered exactly)', () => {
    expect(safetensorsErrorOf(build(f32('x', [4], 0), new Uint8Array(8)))).toMatch(/truncated: tensor "x" says it ends at byte/);
    expect(safetensorsErrorOf(build({ ...f32('a', [1], 0), ...f32('b', [1], 8) }, new Uint8Array(12)))).toMatch(/hole: bytes 4\.\.8/);
    expect(safetensorsErrorOf(build({ ...f32('a', [2], 0), ...f32('b', [1], 4) }, new Uint8Array(8)))).toMatch(/"b" overlaps/);
    expect(safetensorsErrorOf(build(f32('a', [1], 0), new Uint8Array(6)))).toMatch(/2 bytes after the last tensor/);
  });

  it('every cut of the fixture is an error', () => {
    const bytes = fixture('gru_cell.safetensors');
    for (let cut = 0; cut < bytes.length; cut += 7) expect(() => readSafetensors(bytes.subarray(0, cut))).toThrow(FormatError);
  });
});
