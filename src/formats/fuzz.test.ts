// Fuzz tests: thousands of mutated fixtures per reader. Each must either read or throw a FormatError whose message
// was written for that case: no TypeError/RangeError escapes, and no failure goes through the "unexpected" wrapper.
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTensorFile } from './detect';
import { EXPECTED, expectCleanOutcome, fixture, mutate, rng } from './fixtures/fixtures';
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
    fuzz(8, ofKind('.json').filter((b) => b.length < 10000), (b) => checkTensors(readJson(b)));
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
