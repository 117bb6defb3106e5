import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from './binary';
import { errorOf, fixture } from './fixtures/fixtures';
import { FormatError } from './types';
import { extractZipEntry, readZip, writeZip } from './zip';

const text = (s: string) => new TextEncoder().encode(s);

/** A one-entry stored zip written by hand; `zip64` puts sizes and offset in zip64 records. */
function handZip(name: string, data: Uint8Array, { zip64 = false, flags = 0, method = 0, declaredSize = data.length } = {}) {
  const n = text(name);
  const parts: number[] = [];
  /** Little-endian fields: [byte count, value] pairs. */
  const put = (...fields: [number, number][]) => {
    for (const [size, value] of fields) {
      for (let i = 0; i < size; i++) parts.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
    }
  };
  const crc = crc32(data);
  const M = 0xffffffff;
  put([4, 0x04034b50], [2, 45], [2, flags], [2, method], [2, 0], [2, 0x21], [4, crc], [4, data.length], [4, data.length]);
  put([2, n.length], [2, 0]);
  parts.push(...n, ...data);
  const cd = parts.length;
  put([4, 0x02014b50], [2, 45], [2, 45], [2, flags], [2, method], [2, 0], [2, 0x21], [4, crc]);
  put([4, zip64 ? M : data.length], [4, zip64 ? M : declaredSize], [2, n.length], [2, zip64 ? 28 : 0]);
  put([2, 0], [2, 0], [2, 0], [4, 0], [4, zip64 ? M : 0]);
  parts.push(...n);
  if (zip64) put([2, 1], [2, 24], [8, declaredSize], [8, data.length], [8, 0]);
  const cdSize = parts.length - cd;
  if (zip64) {
    const z = parts.length;
    put([4, 0x06064b50], [8, 44], [2, 45], [2, 45], [4, 0], [4, 0], [8, 1], [8, 1], [8, cdSize], [8, cd]);
    put([4, 0x07064b50], [4, 0], [8, z], [4, 1]);
  }
  put([4, 0x06054b50], [2, 0], [2, 0], [2, zip64 ? 0xffff : 1], [2, zip64 ? 0xffff : 1]);
  put([4, zip64 ? M : cdSize], [4, zip64 ? M : cd], [2, 0]);
  return new Uint8Array(parts);
}

const readAll = (bytes: Uint8Array) => {
  const zip = readZip(bytes, 'test archive');
  return zip.entries.map((e) => [e.name, new TextDecoder().decode(extractZipEntry(zip, e))]);
};

describe('readZip', () => {
  it('reads stored and deflated entries written by fflate, Python (numpy) and PyTorch', () => {
    expect(readAll(writeZip([{ name: 'a.txt', data: text('hello') }], true))).toEqual([['a.txt', 'hello']]);
    expect(readAll(zipSync({ 'b/c.txt': text('x'.repeat(1000)) }, { level: 9 }))[0][1]).toBe('x'.repeat(1000));
    expect(readZip(fixture('gru_cell_compressed.npz'), 'npz').entries.every((e) => e.method === 8)).toBe(true);
    expect(readZip(fixture('gru_cell.pt'), 'pt').entries.map((e) => e.name)).toContain('gru_cell/data.pkl');
  });

  it('reads zip64 records (sizes and offsets in the zip64 extra field)', () => {
    expect(readAll(handZip('big.npy', text('payload'), { zip64: true }))).toEqual([['big.npy', 'payload']]);
  });

  it('declared sizes past the limit are refused before inflating', () => {
    const message = errorOf(() => readAll(handZip('x', text('abc'), { zip64: true, declaredSize: 10 * 1024 ** 3 })));
    expect(message).toBe('zip entry "x": declared size 10 GB is larger than the 256 MB limit');
  });

  it('encryption, other compression methods, missing records, wrong signatures', () => {
    expect(errorOf(() => readAll(handZip('x', text('abc'), { flags: 1 })))).toMatch(/"x" is encrypted/);
    expect(errorOf(() => readAll(handZip('x', text('abc'), { method: 12 })))).toMatch(/compression method 12/);
    expect(errorOf(() => readZip(text('PK\x03\x04 and nothing else'), 'npz'))).toMatch(/no end-of-central-directory record/);
    expect(errorOf(() => readZip(text('MZ'), '.npz file'))).toBe(
      'not a zip archive (wrong magic: the file starts with 4d 5a, not 50 4b 03 04), so not a .npz file',
    );
    const bytes = handZip('x', text('abc'));
    const cd = bytes.length - 22 - 47;
    bytes[cd] = 0; // central directory signature
    expect(errorOf(() => readZip(bytes, 'npz'))).toMatch(/central directory entry 0 .* wrong signature/);
  });

  it('a CRC-32 mismatch and a deflate stream that does not inflate', () => {
    const stored = handZip('x', text('abc'));
    stored[30 + 1 + 1] ^= 1; // inside the data
    expect(errorOf(() => readAll(stored))).toMatch(/CRC-32 mismatch in "x"/);
    const deflated = writeZip([{ name: 'y', data: text('hello hello hello') }], true);
    deflated[30 + 1] = 0xff; // first byte of the deflate stream: an invalid block type
    expect(errorOf(() => readAll(deflated))).toMatch(/cannot inflate "y"|CRC-32 mismatch|inflates to/);
  });

  it('writeZip refuses duplicate names and "__proto__"; "__proto__.npy" is fine', () => {
    expect(() =>
      writeZip(
        [
          { name: 'a', data: text('1') },
          { name: 'a', data: text('2') },
        ],
        false,
      ),
    ).toThrow(/both named "a"/);
    expect(() => writeZip([{ name: '__proto__', data: text('p') }], false)).toThrow(FormatError);
    expect(readAll(writeZip([{ name: '__proto__.npy', data: text('p') }], false))).toEqual([['__proto__.npy', 'p']]);
  });
});
