// Import progress and the one error class: what the page's progress bar and error message rely on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc32 } from './binary';
import { importGrus } from './importGru';
import { FormatError } from './types';
import { EXTRACT_STAGE, writeZip } from './zip';
import { readNpz } from './npy';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

type Call = [stage: string, fraction?: number];
function record(): { calls: Call[]; onProgress: (stage: string, fraction?: number) => void } {
  const calls: Call[] = [];
  return { calls, onProgress: (stage, fraction) => void calls.push(fraction === undefined ? [stage] : [stage, fraction]) };
}

describe('import progress', () => {
  it('a .pt reports its format, the checked fraction of its tensor data, then the GRU search', () => {
    const { calls, onProgress } = record();
    const [gru] = importGrus(fixture('gru_cell.pt'), 'gru_cell.pt', onProgress);
    expect(gru.weights.hiddenSize).toBe(4);
    const stages = [...new Set(calls.map(([s]) => s))];
    expect(stages).toEqual(['Reading PyTorch checkpoint', EXTRACT_STAGE, 'Finding the GRU weights']);
    const fractions = calls.filter(([s]) => s === EXTRACT_STAGE).map(([, f]) => f!);
    expect(fractions.length).toBeGreaterThan(1);
    fractions.forEach((f, i) => {
      expect(f).toBeGreaterThan(0);
      expect(f).toBeLessThanOrEqual(1);
      if (i > 0) expect(f).toBeGreaterThanOrEqual(fractions[i - 1]);
    });
    expect(fractions.at(-1)).toBeGreaterThan(0.9); // only the tiny "version" entry is never read
  });

  it('the result is the same with or without a listener', () => {
    const bytes = fixture('gru_2layer_bidir.pt');
    const plain = importGrus(bytes, 'a.pt');
    const heard = importGrus(bytes, 'a.pt', () => {});
    expect(heard.map((g) => Array.from(g.weights.weightHh))).toEqual(plain.map((g) => Array.from(g.weights.weightHh)));
  });

  it('an .npz reports through the same zip stage; ONNX and safetensors report a stage only', () => {
    const npz = record();
    readNpz(fixture('gru_cell.npz'), npz.onProgress);
    expect(npz.calls.some(([s, f]) => s === EXTRACT_STAGE && f !== undefined && f > 0.9)).toBe(true);
    const onnx = record();
    importGrus(fixture('onnx/gru_3_4.onnx'), 'gru_3_4.onnx', onnx.onProgress);
    expect(onnx.calls).toEqual([['Reading the ONNX graph']]);
    const st = record();
    importGrus(fixture('gru_cell.safetensors'), 'gru_cell.safetensors', st.onProgress);
    expect(st.calls).toEqual([['Reading safetensors'], ['Finding the GRU weights']]);
  });

  it('CRC-32 over 1 MiB slices: same value, one report per slice', () => {
    const data = new Uint8Array(3 * 1024 * 1024 + 5).map((_, i) => (i * 7919) & 0xff);
    const done: number[] = [];
    expect(crc32(data, (n) => done.push(n))).toBe(crc32(data));
    expect(done).toEqual([1, 2, 3].map((m) => m * 1024 * 1024).concat(data.length));
    const zip = writeZip([{ name: 'a.npy', data: new Uint8Array(0) }], false);
    expect(() => readNpz(zip, () => {})).toThrow(FormatError); // an empty .npy entry is refused, progress or not
  });
});

describe('one error class for every checkpoint format', () => {
  it('a broken ONNX file throws a FormatError with its message kept', () => {
    const broken = fixture('onnx/gru_3_4.onnx').subarray(0, 500);
    let thrown: unknown;
    try {
      importGrus(broken, 'broken.onnx');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FormatError);
    expect((thrown as Error).name).toBe('FormatError');
    expect((thrown as Error).message).toMatch(/data ends inside|claims \d+ bytes/);
  });

  it('a broken .pt throws a FormatError too', () => {
    expect(() => importGrus(fixture('gru_cell.pt').subarray(0, 300), 'gru_cell.pt')).toThrow(FormatError);
  });
});
