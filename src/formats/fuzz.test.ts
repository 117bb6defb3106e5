// Fuzz tests: thousands of mutated fixtures per reader. Each must either read or throw a FormatError whose message
// was written for that case: no TypeError/RangeError escapes, and no failure goes through the "unexpected" wrapper.
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTensorFile } from './detect';
import { EXPECTED, errorOf, expectCleanOutcome, fixture, mutate, rng } from './fixtures/fixtures';
import { deepJson, deepKeyPt, deepListPt, manyViewsPt, sharedDictsPt, strideZeroPt, zipBombNpz } from './fixtures/hostile';
import { readJson } from './json';
import { encodeNpy, readNpy, readNpz } from './npy';
import { unpickle } from './pickle';
import { readSafetensors } from './safetensors';
import { readTorch } from './torch';
import type { TensorFile } from './types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const ALL = [...Object.keys(EXPECTED), 'legacy.pt', 'whole_model.pt'];
const ofKind = (ext: string) => ALL.filter((n) => n.endsWith(ext)).map(fixture);

function fuzz(seed: number, inputs: Uint8Array[], read: (bytes: Uint8Array) => unknown, runs = RUNS) {
  const random = rng(seed);
  const counts = { ok: 0, error: 0 };
  for (let i = 0; i < runs; i++) {
    const bytes = mutate(inputs[i % inputs.length], random);
    try {
      counts[expectCleanOutcome(() => read(bytes))] += 1;
    } catch (e) {
      throw new Error(`run ${i} (seed ${seed}): ${(e as Error).message}`, { cause: e });
    }
  }
  expect(counts.ok + counts.error).toBe(runs);
  if (process.env.FUZZ_RUNS) console.log(seed, counts);
  return counts;
}

/** Re-zips stored entries so that mutated contents keep valid CRCs and reach the inner parser. */
function rezip(files: Record<string, Uint8Array>, changed: string, data: Uint8Array): Uint8Array {
  const input: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [k, v] of Object.entries(files)) input[k] = [k === changed ? data : v, { level: 0 }];
  return zipSync(input);
}

function checkTensors(file: TensorFile): void {
  for (const t of file.tensors) {
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
  }
}

describe('fuzz: every reader fails cleanly on damaged input', () => {
  it(`readTorch: ${RUNS} mutated .pt files`, () => {
    fuzz(1, ofKind('.pt'), readTorch);
  });

  it(`readTorch: ${RUNS} checkpoints whose data.pkl is mutated (valid zip, CRCs fixed)`, () => {
    const sources = ['gru_cell.pt', 'gru_2layer_bidir.pt', 'wrapped.pt', 'strided.pt', 'dtypes.pt', 'gru_cell_proto4.pt'].map((n) =>
      unzipSync(fixture(n)),
    );
    const random = rng(2);
    const counts = { ok: 0, error: 0 };
    for (let i = 0; i < RUNS; i++) {
      const files = sources[i % sources.length];
      const pkl = Object.keys(files).find((k) => k.endsWith('data.pkl'))!;
      const bytes = rezip(files, pkl, mutate(files[pkl], random));
      counts[
        expectCleanOutcome(() => {
          checkTensors(readTorch(bytes));
        })
      ] += 1;
    }
    expect(counts.ok).toBeGreaterThan(0); // some mutations (e.g. of values) still read
    expect(counts.error).toBeGreaterThan(RUNS / 4);
  });

  it(`unpickle (data-only hooks): ${RUNS} mutated pickles`, () => {
    const pickles = ['gru_cell.pt', 'gru_cell_proto4.pt', 'whole_model.pt'].map((n) => {
      const files = unzipSync(fixture(n));
      return files[Object.keys(files).find((k) => k.endsWith('data.pkl'))!];
    });
    fuzz(3, pickles, (b) => unpickle(b));
  });

  it(`readSafetensors: ${RUNS} mutated files`, () => {
    const counts = fuzz(4, ofKind('.safetensors'), (b) => checkTensors(readSafetensors(b)));
    expect(counts.ok).toBeGreaterThan(0);
  });

  it(`readNpy: ${RUNS} mutated files`, () => {
    const inputs = [fixture('weight_ih.npy'), encodeNpy({ shape: [2, 3], data: new Float32Array(6).fill(1) })];
    const counts = fuzz(5, inputs, (b) => checkTensors(readNpy(b)));
    expect(counts.ok).toBeGreaterThan(0);
  });

  it(`readNpz: ${RUNS} mutated archives, and ${RUNS} archives with a mutated .npy inside`, () => {
    fuzz(6, ofKind('.npz'), readNpz);
    const files = unzipSync(fixture('dtypes.npz'));
    const names = Object.keys(files);
    const random = rng(7);
    for (let i = 0; i < RUNS; i++) {
      const name = names[i % names.length];
      const bytes = rezip(files, name, mutate(files[name], random));
      expectCleanOutcome(() => checkTensors(readNpz(bytes)));
    }
  });

  it(`readJson: ${RUNS} mutated files`, () => {
    fuzz(
      8,
      ofKind('.json').filter((b) => b.length < 10000),
      (b) => checkTensors(readJson(b)),
    );
  });

  it(`readTensorFile: ${RUNS} mutated files of every kind, and random bytes`, () => {
    const inputs = ALL.map(fixture);
    fuzz(9, inputs, (b) => readTensorFile(b, 'upload'));
    const random = rng(10);
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      if (i % 5 === 0) bytes.set([0x50, 0x4b, 0x03, 0x04].slice(0, bytes.length));
      expectCleanOutcome(() => readTensorFile(bytes, ['a.pt', 'a.npz', 'a.npy', 'a.safetensors', 'a.json'][i % 5]));
    }
  });
});

// Small files built to cost a lot (fixtures/hostile.ts): each is refused with a message naming the limit it hit, or
// read with its shared parts shared. Their times and peak memory are printed by scripts/bench-format-limits.mjs.
describe('hostile files: a clear refusal or a bounded read, never a stack overflow or an explosion', () => {
  const refusal = (read: () => unknown): string => {
    expect(expectCleanOutcome(read)).toBe('error');
    return errorOf(read);
  };

  it('dicts sharing sub-dicts (30^8 paths in 2.8 kB) are walked once each', () => {
    expect(refusal(() => readTorch(sharedDictsPt(30, 8)))).toMatch(/the checkpoint holds no tensors/);
    const file = readTorch(sharedDictsPt(30, 8, true));
    expect(file.tensors.map((t) => t.name)).toEqual([`${'k0.'.repeat(8)}w`]);
    expect(file.notes?.join('\n')).toMatch(/is the same object as .*: its tensors are read once, under the first name/);
  });

  it('a 5,000-deep tuple as a dict key, and lists nested 100,000 deep', () => {
    expect(refusal(() => readTorch(deepKeyPt(5000)))).toMatch(/the checkpoint holds no tensors/);
    expect(refusal(() => readTorch(deepListPt(100_000)))).toMatch(/nests "0(\.0)+" too deeply/);
  });

  it('a stride-0 tensor is refused past the element limit of a file its size; a small one reads', () => {
    expect(refusal(() => readTorch(strideZeroPt(60_000_000)))).toMatch(
      /brings the file to 60,000,000 elements, more than the limit of 12,595,\d{3} for a \d+ bytes file \(one per byte of the file plus one bidirectional GRU layer at the explorer's size limits\)/,
    );
    const [t] = readTorch(strideZeroPt(1000)).tensors;
    expect([t.shape, t.data.every((v) => v === 0.5)]).toEqual([[1000], true]);
  });

  it('2,000 names for one view share one decoded array; 2,000 distinct views are refused', () => {
    const same = readTorch(manyViewsPt(2000, 10_000, false)).tensors;
    expect(same).toHaveLength(2000);
    expect(same.every((t) => t.data === same[0].data)).toBe(true);
    expect(refusal(() => readTorch(manyViewsPt(2000, 10_000, true)))).toMatch(/elements, more than the limit of/);
  });

  it('a zip bomb is refused from its declared size before anything is inflated; a modest compressed file reads', () => {
    const bomb = zipBombNpz(30_000_000); // 738 KB claiming 114 MB (exact sizes and CRC)
    expect(refusal(() => readNpz(bomb))).toMatch(
      /zip entry "w0\.npy" would bring the inflated size to 114 MB, more than the limit of \d+ MB for a \d+ KB archive/,
    );
    expect(refusal(() => readTensorFile(bomb, 'bomb.npz'))).toMatch(/^bomb\.npz: \(NumPy \.npz\) zip entry/);
    const file = readNpz(zipBombNpz(100_000, 3));
    expect(file.tensors.map((t) => [t.name, t.data.length, t.data.every((v) => v === 0)])).toEqual(
      ['w0', 'w1', 'w2'].map((n) => [n, 100_000, true]),
    );
  });

  it('JSON nested 300,000 deep', () => {
    const deep = deepJson(300_000);
    expect(refusal(() => readJson(deep))).toMatch(/^the JSON is nested more than 66 deep \(at character 66\)$/);
    expect(refusal(() => readJson(deepJson(100_000, true)))).toMatch(/^the JSON is nested more than 66 deep/);
    // Brackets inside strings are text, not nesting.
    expect(readJson(new TextEncoder().encode(`{"${'['.repeat(1000)}\\"": [1, 2]}`)).tensors[0].shape).toEqual([2]);
  });

  it(`${RUNS / 10} mutations of each hostile .pt and .npz`, () => {
    const seeds = [
      sharedDictsPt(12, 6, true),
      deepKeyPt(300),
      deepListPt(1000),
      strideZeroPt(50_000),
      manyViewsPt(50, 2000, true),
      zipBombNpz(20_000, 2),
    ];
    seeds.forEach((seed, k) => fuzz(40 + k, [seed], (b) => readTensorFile(b, 'hostile'), RUNS / 10));
    fuzz(50, [zipBombNpz(30_000_000)], (b) => readTensorFile(b, 'bomb.npz'), RUNS / 40);
  });
}, 60_000); // each case well under a second alone (see scripts/bench-format-limits.mjs); generous for a loaded CI machine
