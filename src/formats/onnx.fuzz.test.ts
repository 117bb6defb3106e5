import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorOf, expectCleanOutcome, mutate, rng as seeded } from './fixtures/fixtures';
import { concatFanOutOnnx, deepGraphAttributeOnnx, sharedWeightsOnnx, tileOnnx } from './fixtures/hostile';
import { readOnnxGru } from './onnx';
import { FormatError } from './types';
import { ProtoWriter, attrInt, attrString, attrTensor, i64Bytes, writeModel, writeTensor } from './fixtures/onnxTestkit';

const load = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/onnx/${file}`, import.meta.url)));

// Structure-heavy hand-made seeds besides the torch exports: Constant nodes, a folded sub-graph, attributes.
function handMade(): Uint8Array[] {
  const H = 2;
  const I = 2;
  const W = Array.from({ length: 3 * H * I }, (_, i) => i / 8);
  const R = Array.from({ length: 3 * H * H }, (_, i) => -i / 8);
  const ints = (name: string, v: number[]) => (t: ProtoWriter) => t.int(1, v.length).int(2, 7).string(8, name).bytes(9, i64Bytes(v));
  return [
    writeModel({
      nodes: [
        {
          opType: 'Constant',
          inputs: [],
          outputs: ['W'],
          attrs: [attrTensor('value', (t) => writeTensor(t, '', [1, 3 * H, I], W, 'float16_int32'))],
        },
        { opType: 'Reshape', inputs: ['Rf', 'shape'], outputs: ['R'] },
        { opType: 'GRU', inputs: ['X', 'W', 'R'], outputs: ['Y'], attrs: [attrInt('hidden_size', H), attrString('direction', 'forward')] },
      ],
      initializers: [(t) => writeTensor(t, 'Rf', [3 * H * H], R, 'float_data_unpacked'), ints('shape', [1, 3 * H, H])],
    }),
    writeModel({
      nodes: [
        { opType: 'Slice', inputs: ['Wbig', 'st', 'en', 'ax'], outputs: ['W'] },
        { opType: 'GRU', inputs: ['X', 'W', 'Rd', ''], outputs: ['Y'], attrs: [attrInt('linear_before_reset', 1)] },
      ],
      initializers: [
        (t) => writeTensor(t, 'Wbig', [2, 3 * H, I], [...W, ...W]),
        (t) => writeTensor(t, 'Rd', [1, 3 * H, H], R, 'double_data'),
        ints('st', [1]),
        ints('en', [2]),
        ints('ax', [0]),
      ],
    }),
  ];
}

describe('readOnnxGru fuzz: damaged files raise FormatError, never TypeError or RangeError', () => {
  const seeds = [
    ...['gru_3_4.onnx', 'gru_3_4_bidir.onnx', 'gru_3_4_2layer.onnx', 'gru_3_4_lbr0.onnx', 'gru_2x3_4_bidir_unfolded.onnx'].map(load),
    ...handMade(),
  ];

  it('every seed reads cleanly', () => {
    for (const s of seeds) expect(readOnnxGru(s).cells.length).toBeGreaterThan(0);
  });

  it('2,400 byte-flipped, truncated, spliced and extended variants', () => {
    const rng = seeded(20260);
    const int = (n: number): number => Math.floor(rng() * n);
    let errors = 0;
    let parsed = 0;
    const messages = new Set<string>();
    for (let k = 0; k < 2400; k++) {
      const src = seeds[k % seeds.length];
      let bytes = src.slice();
      const kind = int(6);
      if (kind === 0 || kind === 3) {
        // flip 1–8 random bytes
        for (let f = 1 + int(8); f > 0; f--) bytes[int(bytes.length)] = int(256);
      }
      if (kind === 1 || kind === 3) bytes = bytes.subarray(0, int(bytes.length)); // truncate
      if (kind === 2) {
        // a varint-continuation byte or a big length in the structure near the start
        const at = int(Math.min(bytes.length, 200));
        bytes[at] = [0xff, 0x80, 0x7f, 0x00][int(4)];
      }
      if (kind === 4) {
        // splice a random chunk of another seed into this one
        const other = seeds[int(seeds.length)];
        const a = int(other.length);
        const chunk = other.subarray(a, a + 1 + int(64));
        const at = int(bytes.length);
        const spliced = new Uint8Array(bytes.length + chunk.length);
        spliced.set(bytes.subarray(0, at));
        spliced.set(chunk, at);
        spliced.set(bytes.subarray(at), at + chunk.length);
        bytes = spliced;
      }
      if (kind === 5) {
        // random garbage appended, or a random prefix of random bytes
        const junk = Uint8Array.from({ length: 1 + int(32) }, () => int(256));
        if (rng() < 0.5) {
          const longer = new Uint8Array(bytes.length + junk.length);
          longer.set(bytes);
          longer.set(junk, bytes.length);
          bytes = longer;
        } else bytes = junk;
      }
      try {
        readOnnxGru(bytes);
        parsed++;
      } catch (e) {
        errors++;
        if (!(e instanceof FormatError)) {
          throw new Error(`variant ${k} (kind ${kind}) threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`, { cause: e });
        }
        expect(e.message.length).toBeGreaterThan(10);
        messages.add(e.message.replace(/\d+/g, 'N').slice(0, 60));
      }
    }
    expect(errors + parsed).toBe(2400);
    expect(errors).toBeGreaterThan(500);
    expect(parsed).toBeGreaterThan(100);
    expect(messages.size).toBeGreaterThan(15); // many different, specific messages
  }, 60_000); // ~3 s alone; generous for a loaded 2-core CI machine
});

// Small graphs built to cost a lot (fixtures/hostile.ts): refused while the value is still only a shape, or read
// with one weight set shared by every node that uses it.
describe('readOnnxGru: hostile graphs are refused or shared, never built out', () => {
  it('Concat fan-out: integers past the index limit, floats past the element limit, before allocation', () => {
    expect(errorOf(() => readOnnxGru(concatFanOutOnnx(10, 8, true)))).toMatch(
      /a constant sub-graph would build 400000 integers; shapes and indices hold at most 65536/,
    );
    expect(errorOf(() => readOnnxGru(concatFanOutOnnx(10, 8, false)))).toMatch(
      /Concat node "a7": result would have 40000000 elements, more than the limit of 6291456/,
    );
    // Two chains doubling 21 times from 3 values: every value fits alone (3 · 2^21 = 6291456); the element budget
    // of a 1 kB file stops their sum.
    expect(errorOf(() => readOnnxGru(concatFanOutOnnx(2, 21, false, 3, true)))).toMatch(
      /brings the file to 12,\d{3},\d{3} elements, more than the limit of 12,59\d,\d{3} for a 1.\d+ KB file/,
    );
  });

  it('Tile with 1e8 repeats is refused by name', () => {
    expect(errorOf(() => readOnnxGru(tileOnnx(1e8)))).toMatch(/computed by a Tile node, which this reader does not evaluate/);
  });

  it('2,000 GRU nodes sharing one weight set get one converted copy', () => {
    const model = readOnnxGru(sharedWeightsOnnx(2000, 8));
    expect(model.cells).toHaveLength(2000);
    expect(model.cells.every((c) => c.weights === model.cells[0].weights)).toBe(true);
    expect(new Set(model.cells.map((c) => c.nodeName)).size).toBe(2000);
  });

  it('attribute graphs nested 300 deep are skipped, not walked', () => {
    expect(readOnnxGru(deepGraphAttributeOnnx(300)).cells).toHaveLength(1);
  });

  it('200 mutations of each hostile graph', () => {
    const random = seeded(7);
    const seeds = [
      concatFanOutOnnx(10, 8, true),
      concatFanOutOnnx(4, 12, false),
      tileOnnx(1e6),
      sharedWeightsOnnx(50, 4),
      deepGraphAttributeOnnx(50),
    ];
    for (const seed of seeds) for (let i = 0; i < 200; i++) expectCleanOutcome(() => readOnnxGru(mutate(seed, random)));
  });
}, 60_000);
