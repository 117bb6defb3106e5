import { describe, expect, it } from 'vitest';
import { EXPECTED, expectTensorsExact, fixture } from './fixtures/fixtures';
import { readTensorFile, sniffFormat } from './detect';
import { FORMAT_LIMITS, FormatError } from './types';

describe('readTensorFile sniffs the format by magic', () => {
  const formats: Record<string, string> = {
    pt: 'pt',
    safetensors: 'safetensors',
    npz: 'npz',
    npy: 'npy',
    json: 'json',
  };
  for (const name of Object.keys(EXPECTED)) {
    it(`${name}`, () => {
      const bytes = fixture(name);
      const format = formats[name.replace(/^.*\./, '')];
      // The name is only a hint: the same bytes under a neutral name read the same.
      for (const fileName of [name, 'upload.bin', '']) {
        const file = readTensorFile(bytes, fileName);
        expect(file.format).toBe(format);
        if (format === 'npy') file.tensors[0].name = 'weight_ih'; // a lone array is named after its file
        expectTensorsExact(file.tensors, EXPECTED[name].tensors, { ordered: format !== 'safetensors' });
      }
    });
  }

  it('names a lone .npy array after its file', () => {
    expect(readTensorFile(fixture('weight_ih.npy'), 'dir/w_in.npy').tensors[0].name).toBe('w_in');
  });

  it('a safetensors header of length 123 (first byte "{") is not mistaken for JSON', () => {
    const header = `{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`.padEnd(123, ' ');
    const bytes = new Uint8Array(8 + 123 + 4);
    bytes[0] = 123;
    bytes.set(new TextEncoder().encode(header), 8);
    expect(bytes[0]).toBe('{'.charCodeAt(0));
    expect(sniffFormat(bytes)).toBe('safetensors');
    expect(readTensorFile(bytes, 'x.json').tensors[0].name).toBe('x');
  });
});

describe('readTensorFile errors start with the file name and the format', () => {
  const error = (bytes: Uint8Array, name: string): string => {
    try {
      readTensorFile(bytes, name);
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('legacy (pre-1.6) torch.save files', () => {
    expect(error(fixture('legacy.pt'), 'old.pth')).toMatch(/^old\.pth: \(pickle\) this is a raw pickle \(the legacy torch\.save format/);
  });

  it('ONNX files are for readOnnxGru', () => {
    expect(error(new Uint8Array([0x08, 0x07, 0x12, 0x07]), 'model.onnx')).toMatch(
      /^model\.onnx: \(ONNX\) ONNX files are read by readOnnxGru/,
    );
  });

  it('a .pt that is not a zip, an empty file, unknown bytes', () => {
    expect(error(new TextEncoder().encode('oops'), 'model.pt')).toMatch(
      /^model\.pt: \(PyTorch checkpoint\) not a zip archive \(wrong magic/,
    );
    expect(error(new Uint8Array(0), 'x')).toBe('x: the file is empty');
    expect(error(new Uint8Array([1, 2, 3, 4]), 'x.dat')).toMatch(/^x\.dat: not a recognised checkpoint \(it starts with 01 02 03 04\)/);
  });

  it('a damaged zip named .pt is reported by the PyTorch reader', () => {
    const bytes = fixture('gru_cell.pt');
    expect(error(bytes.subarray(0, bytes.length - 10), 'cut.pt')).toMatch(/^cut\.pt: \(PyTorch checkpoint\) truncated or damaged zip/);
  });

  it('files larger than the limit are refused before parsing', () => {
    const big = { length: FORMAT_LIMITS.maxFileBytes + 1 } as Uint8Array;
    expect(error(big, 'huge.pt')).toBe('huge.pt: file size 268435457 bytes is larger than the 256 MB limit');
    const huge = { length: 10 * 1024 ** 3 } as Uint8Array;
    expect(error(huge, 'huge.pt')).toBe('huge.pt: file size 10 GB is larger than the 256 MB limit');
  });
});
