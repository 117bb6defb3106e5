import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXPECTED, expectTensorsExact, fixture, repack } from './fixtures/fixtures';
import { readTorch } from './torch';
import { FormatError } from './types';

const PT_FIXTURES = Object.keys(EXPECTED).filter((n) => n.endsWith('.pt'));

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('readTorch reads torch.save checkpoints exactly', () => {
  it('has the fixtures scripts/make_checkpoints.py writes', () => {
    expect(PT_FIXTURES).toEqual(
      expect.arrayContaining(['gru_cell.pt', 'gru_2layer_bidir.pt', 'gru_nobias.pt', 'gru_fp16.pt', 'wrapped.pt', 'strided.pt']),
    );
  });

  for (const name of PT_FIXTURES) {
    it(`${name}: every tensor equals PyTorch's values`, () => {
      const file = readTorch(fixture(name));
      expect(file.format).toBe('pt');
      expectTensorsExact(file.tensors, EXPECTED[name].tensors);
    });
  }

  it('reads float16 as float16 values converted exactly', () => {
    const file = readTorch(fixture('gru_fp16.pt'));
    expect(file.tensors.every((t) => t.dtype === 'float16')).toBe(true);
  });

  it('handles views: transpose, strided slice, storage offset, expand (stride 0), 0-d and empty tensors', () => {
    const t = Object.fromEntries(readTorch(fixture('strided.pt')).tensors.map((x) => [x.name, x]));
    const base = (r: number, c: number) => t.base.data[r * 6 + c];
    expect(t.transposed.shape).toEqual([6, 4]);
    expect(t.transposed.data[1 * 4 + 2]).toBe(base(2, 1));
    expect(t.slice.shape).toEqual([3, 3]);
    expect(t.slice.data[2 * 3 + 1]).toBe(base(3, 2));
    expect(Array.from(t.row.data)).toEqual([0, 1, 2, 3, 4, 5].map((c) => base(2, c)));
    expect(Array.from(t.expanded.data)).toEqual([0.5, -2, 3.25, 0.5, -2, 3.25]);
    expect(t.scalar.shape).toEqual([]);
    expect(Array.from(t.scalar.data)).toEqual([1.5]);
    expect(t.empty.shape).toEqual([0, 3]);
    expect(t.empty.data.length).toBe(0);
  });

  it('reads bfloat16, float64, int64, uint8 and bool storages', () => {
    const dtypes = readTorch(fixture('dtypes.pt')).tensors.map((t) => t.dtype);
    expect(dtypes).toEqual(['bfloat16', 'float64', 'int64', 'uint8', 'bool']);
  });

  it('reads nn.Parameter pickles (torch._utils._rebuild_parameter)', () => {
    expectTensorsExact(readTorch(fixture('params.pt')).tensors, EXPECTED['gru_cell.pt'].tensors);
  });

  it('reads pickle protocol 4 (FRAME, MEMOIZE, STACK_GLOBAL) like protocol 2', () => {
    expectTensorsExact(readTorch(fixture('gru_cell_proto4.pt')).tensors, EXPECTED['gru_cell.pt'].tensors);
  });

  it("unwraps {'epoch': 3, 'state_dict': …} and says so", () => {
    const file = readTorch(fixture('wrapped.pt'));
    expect(file.tensors.map((t) => t.name)).toEqual([
      'rnn.weight_ih_l0',
      'rnn.weight_hh_l0',
      'rnn.bias_ih_l0',
      'rnn.bias_hh_l0',
      'head.weight',
      'head.bias',
    ]);
    expect(file.notes?.join(' ')).toMatch(/under 'state_dict'.*epoch/);
  });

  it('flattens nested dicts without a known wrapper key into dotted names', () => {
    const bytes = repack('wrapped.pt', (files, prefix) => {
      const pkl = files[`${prefix}data.pkl`];
      // Rename the 'state_dict' key (BINUNICODE, 10 chars) to 'abcdefghij': not a known wrapper key.
      const text = Array.from(pkl, (b) => String.fromCharCode(b)).join('');
      const at = text.indexOf('state_dict');
      expect(at).toBeGreaterThan(0);
      pkl.set(latin1('abcdefghij'), at);
    });
    const names = readTorch(bytes).tensors.map((t) => t.name);
    expect(names[0]).toBe('abcdefghij.rnn.weight_ih_l0');
  });

  it("honours <archive>/byteorder 'big' (storages byte-swapped)", () => {
    const bytes = repack('gru_cell.pt', (files, prefix) => {
      files[`${prefix}byteorder`] = latin1('big');
      for (const [k, v] of Object.entries(files)) {
        if (!k.startsWith(`${prefix}data/`)) continue;
        for (let i = 0; i < v.length; i += 4) v.subarray(i, i + 4).reverse();
      }
    });
    expectTensorsExact(readTorch(bytes).tensors, EXPECTED['gru_cell.pt'].tensors);
  });
});

describe('readTorch refuses what it cannot or must not read', () => {
  const error = (bytes: Uint8Array): string => {
    try {
      readTorch(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('a whole pickled nn.Module: names the class and suggests state_dict(), executes nothing', () => {
    const message = error(fixture('whole_model.pt'));
    expect(message).toMatch(/0x63 \(GLOBAL\).*torch\.nn\.modules\.rnn\.GRUCell.*not on the allow-list/);
    expect(message).toMatch(/state_dict\(\)/);
  });

  it('not a zip: wrong magic', () => {
    expect(error(latin1('hello world, not a zip'))).toMatch(/not a zip archive \(wrong magic/);
    expect(error(new Uint8Array(0))).toMatch(/not a zip archive/);
  });

  it('a zip without data.pkl, and a TorchScript archive', () => {
    expect(error(zipSync({ 'a.txt': latin1('x') }))).toMatch(/no data\.pkl/);
    const scripted = repack('gru_cell.pt', (files, prefix) => {
      files[`${prefix}constants.pkl`] = latin1('\x80\x02).');
      files[`${prefix}code/__torch__.py`] = latin1('class GRUCell: ...');
    });
    expect(error(scripted)).toMatch(/TorchScript/);
  });

  it('a storage missing from the archive or shorter than declared', () => {
    const missing = repack('gru_cell.pt', (files, prefix) => {
      delete files[`${prefix}data/1`];
    });
    expect(error(missing)).toMatch(/storage "1" is missing/);
    const short = repack('gru_cell.pt', (files, prefix) => {
      files[`${prefix}data/1`] = files[`${prefix}data/1`].slice(0, 100);
    });
    expect(error(short)).toMatch(/truncated: storage "1" says 192 bytes but the archive entry has 100/);
  });

  it('a tensor whose size/stride reach past its storage', () => {
    const bytes = repack('gru_cell.pt', (files, prefix) => {
      const pkl = files[`${prefix}data.pkl`];
      // weight_ih: size (12, 3) written as BININT1 12, BININT1 3 → make it (12, 4).
      const text = Array.from(pkl, (b) => String.fromCharCode(b)).join('');
      const at = text.indexOf('K\x00K\x0cK\x03\x86');
      expect(at).toBeGreaterThan(0);
      pkl[at + 5] = 4;
    });
    expect(error(bytes)).toMatch(/reach element .* but its storage has 36 elements/);
  });

  it('a damaged byte inside a storage: CRC-32 mismatch', () => {
    const bytes = fixture('gru_cell.pt');
    const name = new TextEncoder().encode('gru_cell/data/0');
    let at = -1;
    for (let i = 0; i < bytes.length && at < 0; i++) if (name.every((b, k) => bytes[i + k] === b)) at = i;
    expect(at).toBeGreaterThan(0);
    const damaged = bytes.slice();
    damaged[at + name.length + 80] ^= 0x40; // inside the 64-byte-aligned storage data
    expect(error(damaged)).toMatch(/CRC-32 mismatch|damaged/);
  });

  for (const name of ['gru_cell.pt', 'gru_2layer_bidir.pt', 'wrapped.pt']) {
    it(`${name} cut short at any of 12 points: a clear truncation error`, () => {
      const bytes = fixture(name);
      const cuts = [
        0,
        1,
        3,
        4,
        30,
        100,
        bytes.length >> 2,
        bytes.length >> 1,
        bytes.length - 200,
        bytes.length - 22,
        bytes.length - 5,
        bytes.length - 1,
      ];
      for (const cut of cuts) {
        expect(error(bytes.subarray(0, cut)), `cut at ${cut}`).toMatch(/truncated|not a zip archive|damaged/);
      }
    });
  }

  it('a hostile data.pkl (os.system) inside a real checkpoint: refused at GLOBAL', () => {
    const bytes = repack('gru_cell.pt', (files, prefix) => {
      files[`${prefix}data.pkl`] = latin1('\x80\x02cos\nsystem\nX\x05\x00\x00\x00touch\x85R.');
    });
    expect(error(bytes)).toMatch(/GLOBAL.*os\.system.*not on the allow-list.*nothing was executed/);
  });

  it('a storage type that is not a storage, and a persistent id of the wrong shape', () => {
    const badPid = repack('gru_cell.pt', (files, prefix) => {
      files[`${prefix}data.pkl`] = latin1('\x80\x02X\x03\x00\x00\x00abc\x85Q.');
    });
    expect(error(badPid)).toMatch(/0x51 \(BINPERSID\).*not a \('storage'/);
  });

  it('an unsupported dtype marker (float8) for _rebuild_tensor_v3 is named', () => {
    const pkl =
      '\x80\x02ctorch._utils\n_rebuild_tensor_v3\n(' +
      '(X\x07\x00\x00\x00storagectorch\nUntypedStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpuK\x04tQ' +
      'K\x00K\x04\x85K\x01\x85\x89ccollections\nOrderedDict\n)Rctorch\nfloat8_e4m3fn\ntR.';
    const bytes = repack('gru_cell.pt', (files, prefix) => {
      files[`${prefix}data.pkl`] = latin1(pkl);
    });
    expect(error(bytes)).toMatch(/unsupported dtype float8_e4m3fn/);
  });
});
