import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeF32, maxAbsDiff } from '../gru/fixtures/golden';
import { gruSequence } from '../gru/sequence';
import type { GruWeights } from '../gru/weights';
import { LIMITS } from '../model/model';
import expected from './fixtures/onnx/expected.json';
import { LINEAR_BEFORE_RESET_WARNING, looksLikeOnnx, readOnnxGru, type OnnxGruCell } from './onnx';
import { FormatError } from './types';
import {
  ProtoWriter,
  attrFloat,
  attrInt,
  attrInts,
  attrString,
  attrStrings,
  attrTensor,
  i64Bytes,
  writeModel,
  writeTensor,
  type NodeSpec,
  type TensorEncoding,
} from './fixtures/onnxTestkit';

type Model = (typeof expected.models)[number];
const load = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/onnx/${file}`, import.meta.url)));
const f32 = (t: { data: string }): Float32Array => decodeF32(t.data);
const sameBits = (a: Float32Array, b: Float32Array): boolean =>
  a.length === b.length && new Uint32Array(a.slice().buffer).every((v, i) => v === new Uint32Array(b.slice().buffer)[i]);

function stateDictCell(m: Model, suffix: string): GruWeights {
  const sd = m.stateDict as Record<string, { shape: number[]; data: string }>;
  return {
    inputSize: sd[`weight_ih${suffix}`].shape[1],
    hiddenSize: m.hiddenSize,
    weightIh: f32(sd[`weight_ih${suffix}`]),
    weightHh: f32(sd[`weight_hh${suffix}`]),
    biasIh: f32(sd[`bias_ih${suffix}`]),
    biasHh: f32(sd[`bias_hh${suffix}`]),
  };
}

/** nn.GRU forward (sequence-first) from the imported cells, with this project's gruSequence. */
function runGru(m: Model, cells: OnnxGruCell[]): { y: Float32Array; hn: Float32Array } {
  const { steps: T, batch: N, hiddenSize: H, numLayers: L } = m;
  const D = m.bidirectional ? 2 : 1;
  const h0 = f32(m.h0);
  const hn = new Float32Array(L * D * N * H);
  let input = f32(m.x); // (T, N, I)
  for (let l = 0; l < L; l++) {
    const I = input.length / (T * N);
    const y = new Float32Array(T * N * D * H);
    for (let d = 0; d < D; d++) {
      const cell = cells.find((c) => c.pytorchSuffix === `_l${l}${d ? '_reverse' : ''}`)!;
      const xs = new Float32Array(T * N * I);
      for (let t = 0; t < T; t++) xs.set(input.subarray((d ? T - 1 - t : t) * N * I, ((d ? T - 1 - t : t) + 1) * N * I), t * N * I);
      const run = gruSequence(cell.weights, xs, h0.subarray((l * D + d) * N * H, (l * D + d + 1) * N * H), T, N);
      for (let t = 0; t < T; t++) {
        const src = d ? T - 1 - t : t;
        for (let b = 0; b < N; b++) y.set(run.outputs.subarray((src * N + b) * H, (src * N + b + 1) * H), (t * N + b) * D * H + d * H);
      }
      hn.set(run.h, (l * D + d) * N * H);
    }
    input = y;
  }
  return { y: input, hn };
}

describe('readOnnxGru on models exported by torch.onnx.export (torch 1.13, opset 14)', () => {
  const lbr1 = expected.models.filter((m) => !m.file.includes('lbr0'));
  it('has the fixtures: single, bidirectional, 2-layer, unfolded 2-layer bidirectional', () => {
    expect(lbr1.map((m) => m.file)).toEqual(['gru_3_4.onnx', 'gru_3_4_bidir.onnx', 'gru_3_4_2layer.onnx', 'gru_2x3_4_bidir_unfolded.onnx']);
  });

  for (const m of lbr1) {
    describe(m.file, () => {
      const model = readOnnxGru(load(m.file));
      const D = m.bidirectional ? 2 : 1;

      it('finds every layer and direction, with PyTorch’s linear_before_reset = 1 and no warnings', () => {
        expect(model.producerName).toBe('pytorch');
        expect(model.opsetVersion).toBe(14);
        expect(model.cells).toHaveLength(m.numLayers * D);
        expect(model.cells.every((c) => c.linearBeforeReset === 1)).toBe(true);
        expect(model.warnings).toEqual([]);
        expect(model.opTypes).toContain('GRU');
      });

      it('gives back exactly the PyTorch state_dict values', () => {
        for (const c of model.cells) {
          const sd = stateDictCell(m, c.pytorchSuffix);
          for (const k of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const) {
            expect(sameBits(c.weights[k], sd[k]), `${c.pytorchSuffix} ${k}`).toBe(true);
          }
        }
      });

      it('runs to PyTorch’s recorded output (≤ 1e-5) and onnxruntime’s', () => {
        const out = runGru(m, model.cells);
        expect(maxAbsDiff(out.y, f32(m.y!))).toBeLessThanOrEqual(1e-5);
        expect(maxAbsDiff(out.hn, f32(m.hn!))).toBeLessThanOrEqual(1e-5);
        expect(maxAbsDiff(out.hn, f32(m.onnxruntime.hn))).toBeLessThanOrEqual(1e-5);
      });
    });
  }

  it('evaluates the Slice/Concat/Unsqueeze sub-graphs of an unfolded export and names their sources', () => {
    const model = readOnnxGru(load('gru_2x3_4_bidir_unfolded.onnx'));
    expect(model.opTypes).toEqual(expect.arrayContaining(['Slice', 'Concat', 'Unsqueeze', 'Constant']));
    expect(model.cells[0].sources.origins[0]).toMatch(/computed by Concat/);
    expect(model.cells.map((c) => c.direction)).toEqual(['forward', 'reverse', 'forward', 'reverse']);
    expect(model.cells[2].weights.inputSize).toBe(8); // layer 1 reads both directions: 2H
  });

  it('flags linear_before_reset = 0 (pytorch#189225) and still imports the weights', () => {
    const m = expected.models.find((k) => k.file === 'gru_3_4_lbr0.onnx')!;
    const model = readOnnxGru(load(m.file));
    expect(model.cells[0].linearBeforeReset).toBe(0);
    expect(model.cells[0].warnings).toContain(LINEAR_BEFORE_RESET_WARNING);
    expect(model.warnings[0]).toMatch(/reset-before semantics; PyTorch's cell|reset-before semantics/);
    expect(model.warnings[0]).toMatch(/pytorch#189225/);
    const sd = stateDictCell(m, '_l0');
    expect(sameBits(model.cells[0].weights.weightHh, sd.weightHh)).toBe(true);
  });

  it('recognises ONNX bytes', () => {
    for (const m of expected.models) expect(looksLikeOnnx(load(m.file))).toBe(true);
    expect(looksLikeOnnx(new TextEncoder().encode('PK\x03\x04 not onnx'))).toBe(false);
    expect(looksLikeOnnx(new Uint8Array(0))).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------ hand-made models

const I = 2;
const H = 3;
// Values exact in float16 and bfloat16 (small multiples of 1/8), so every encoding round-trips.
const W = Array.from({ length: 3 * H * I }, (_, i) => ((i % 7) - 3) / 8);
const R = Array.from({ length: 3 * H * H }, (_, i) => ((i % 5) - 2) / 4);
const B = Array.from({ length: 6 * H }, (_, i) => ((i % 9) - 4) / 8);

const init =
  (name: string, dims: number[], values: ArrayLike<number>, enc: TensorEncoding = 'raw') =>
  (t: ProtoWriter) =>
    writeTensor(t, name, dims, values, enc);

function gruNode(extra: Partial<NodeSpec> = {}, attrs = [attrInt('hidden_size', H), attrInt('linear_before_reset', 1)]): NodeSpec {
  return { opType: 'GRU', name: 'gru', inputs: ['X', 'W', 'R', 'B'], outputs: ['Y', 'Y_h'], attrs, ...extra };
}

function basicModel(enc: TensorEncoding = 'raw', node: NodeSpec = gruNode()): Uint8Array {
  return writeModel({
    nodes: [node],
    initializers: [init('W', [1, 3 * H, I], W, enc), init('R', [1, 3 * H, H], R, enc), init('B', [1, 6 * H], B, enc)],
  });
}

function expectOnnxWeights(c: OnnxGruCell): void {
  // ONNX z|r|h → PyTorch r|z|n: PyTorch row j (r) is ONNX row H + j, PyTorch row H + j (z) is ONNX row j.
  for (let j = 0; j < H; j++) {
    for (let k = 0; k < I; k++) {
      expect(c.weights.weightIh[j * I + k]).toBe(W[(H + j) * I + k]);
      expect(c.weights.weightIh[(H + j) * I + k]).toBe(W[j * I + k]);
      expect(c.weights.weightIh[(2 * H + j) * I + k]).toBe(W[(2 * H + j) * I + k]);
    }
    expect(c.weights.weightHh[j * H + 1]).toBe(R[(H + j) * H + 1]);
    expect(c.weights.biasIh[j]).toBe(B[H + j]);
    expect(c.weights.biasHh[H + j]).toBe(B[3 * H + j]);
    expect(c.weights.biasHh[2 * H + j]).toBe(B[5 * H + j]);
  }
}

function expectError(bytes: Uint8Array | ArrayBuffer, message: RegExp): void {
  let thrown: unknown;
  try {
    readOnnxGru(bytes);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(FormatError); // one class to catch for every checkpoint format
  expect((thrown as Error).message).toMatch(message);
}

describe('readOnnxGru on hand-made models', () => {
  for (const enc of [
    'raw',
    'float_data',
    'float_data_unpacked',
    'float16_raw',
    'float16_int32',
    'bfloat16_raw',
    'double_data',
    'double_raw',
  ] as const) {
    it(`decodes ${enc} initializers and reorders z|r|h → r|z|n`, () => {
      const model = readOnnxGru(basicModel(enc));
      expect(model.cells).toHaveLength(1);
      expectOnnxWeights(model.cells[0]);
      if (enc.startsWith('double')) expect(model.cells[0].warnings.join(' ')).toMatch(/DOUBLE/);
      else expect(model.cells[0].warnings).toEqual([]);
    });
  }

  it('reads weights held by Constant nodes and followed through Identity', () => {
    const bytes = writeModel({
      nodes: [
        { opType: 'Constant', inputs: [], outputs: ['W0'], attrs: [attrTensor('value', (t) => writeTensor(t, '', [1, 3 * H, I], W))] },
        { opType: 'Identity', inputs: ['W0'], outputs: ['W'] },
        {
          opType: 'Constant',
          inputs: [],
          outputs: ['R'],
          attrs: [attrTensor('value', (t) => writeTensor(t, '', [1, 3 * H, H], R, 'float_data'))],
        },
        { opType: 'Constant', inputs: [], outputs: ['B'], attrs: [attrTensor('value', (t) => writeTensor(t, '', [1, 6 * H], B))] },
        gruNode(),
      ],
    });
    const c = readOnnxGru(bytes).cells[0];
    expectOnnxWeights(c);
    expect(c.sources.origins).toEqual(['W: computed by Identity', 'R: Constant node', 'B: Constant node']);
  });

  it('evaluates Transpose, Reshape, Squeeze, Unsqueeze (opset 13 axes input) and Cast', () => {
    // W stored transposed (3H·I → (I, 3H)), R flat, B as DOUBLE with an extra axis.
    const WT = new Float32Array(3 * H * I);
    for (let r = 0; r < 3 * H; r++) for (let c = 0; c < I; c++) WT[c * 3 * H + r] = W[r * I + c];
    const ints = (name: string, values: number[]) => (t: ProtoWriter) => {
      t.int(1, values.length).int(2, 7).string(8, name).bytes(9, i64Bytes(values));
    };
    const bytes = writeModel({
      nodes: [
        { opType: 'Transpose', inputs: ['WT'], outputs: ['W2'], attrs: [attrInts('perm', [1, 0])] },
        { opType: 'Unsqueeze', inputs: ['W2', 'axes0'], outputs: ['W'] },
        { opType: 'Reshape', inputs: ['Rflat', 'rshape'], outputs: ['R'] },
        { opType: 'Squeeze', inputs: ['B3', 'axes0'], outputs: ['B64'] },
        { opType: 'Cast', inputs: ['B64'], outputs: ['B'], attrs: [attrInt('to', 1)] },
        gruNode(),
      ],
      initializers: [
        init('WT', [I, 3 * H], WT),
        init('Rflat', [3 * H * H], R),
        init('B3', [1, 1, 6 * H], B, 'double_raw'),
        ints('axes0', [0]),
        ints('rshape', [1, -1, H]),
      ],
      opset: 13,
    });
    expectOnnxWeights(readOnnxGru(bytes).cells[0]);
  });

  it('treats a missing B as zero biases, and infers hidden_size from R', () => {
    const bytes = writeModel({
      nodes: [gruNode({ inputs: ['X', 'W', 'R'] }, [attrInt('linear_before_reset', 1)])],
      initializers: [init('W', [1, 3 * H, I], W), init('R', [1, 3 * H, H], R)],
    });
    const c = readOnnxGru(bytes).cells[0];
    expect(c.hasBias).toBe(false);
    expect(c.weights.hiddenSize).toBe(H);
    expect(c.weights.biasIh.every((v) => v === 0)).toBe(true);
  });

  it('defaults linear_before_reset to 0 and warns', () => {
    const c = readOnnxGru(basicModel('raw', gruNode({}, [attrInt('hidden_size', H)]))).cells[0];
    expect(c.linearBeforeReset).toBe(0);
    expect(c.warnings[0]).toMatch(/reset-before semantics/);
  });

  it('reads direction="reverse" and "bidirectional"', () => {
    const rev = readOnnxGru(
      basicModel('raw', gruNode({}, [attrInt('hidden_size', H), attrInt('linear_before_reset', 1), attrString('direction', 'reverse')])),
    );
    expect(rev.cells.map((c) => [c.direction, c.pytorchSuffix])).toEqual([['reverse', '_l0_reverse']]);
    const bi = writeModel({
      nodes: [gruNode({}, [attrInt('hidden_size', H), attrInt('linear_before_reset', 1), attrString('direction', 'bidirectional')])],
      initializers: [init('W', [2, 3 * H, I], [...W, ...W]), init('R', [2, 3 * H, H], [...R, ...R]), init('B', [2, 6 * H], [...B, ...B])],
    });
    const cells = readOnnxGru(bi).cells;
    expect(cells.map((c) => c.direction)).toEqual(['forward', 'reverse']);
    expectOnnxWeights(cells[1]);
  });

  it('warns for non-default activations, clip, activation_alpha and sequence_lens', () => {
    const node = gruNode({ inputs: ['X', 'W', 'R', 'B', 'lens'] }, [
      attrInt('hidden_size', H),
      attrInt('linear_before_reset', 1),
      attrStrings('activations', ['HardSigmoid', 'Tanh']),
      attrFloat('clip', 3),
      attrInts('activation_alpha', [1]),
    ]);
    const c = readOnnxGru(basicModel('raw', node)).cells[0];
    expect(c.activations).toEqual(['HardSigmoid', 'Tanh']);
    expect(c.clip).toBe(3);
    const all = c.warnings.join('\n');
    expect(all).toMatch(/activations are HardSigmoid, Tanh/);
    expect(all).toMatch(/clip = 3/);
    expect(all).toMatch(/activation_alpha/);
    expect(all).toMatch(/sequence_lens/);
    const wrongCount = gruNode({}, [attrInt('hidden_size', H), attrInt('linear_before_reset', 1), attrStrings('activations', ['Sigmoid'])]);
    expect(readOnnxGru(basicModel('raw', wrongCount)).cells[0].warnings.join(' ')).toMatch(/1 entries/);
  });
});

describe('readOnnxGru errors', () => {
  it('no GRU node: lists the op types found', () => {
    const bytes = writeModel({
      nodes: [
        { opType: 'Conv', inputs: ['X', 'w'], outputs: ['c'] },
        { opType: 'Relu', inputs: ['c'], outputs: ['y'] },
      ],
    });
    expectError(bytes, /no GRU node in the ONNX graph; it has 2 nodes of types: Conv, Relu/);
    expectError(writeModel({ nodes: [] }), /no nodes/);
  });

  it('empty, non-ONNX, truncated and wrongly typed input', () => {
    expectError(new Uint8Array(0), /empty/);
    expectError(new ArrayBuffer(0), /empty/);
    expectError(new TextEncoder().encode('PK\x03\x04hello, this is a zip'), /not (a valid ONNX|an ONNX) model/);
    const good = load('gru_3_4.onnx');
    expectError(good.subarray(0, 500), /data ends inside|claims \d+ bytes/);
    expectError(new Uint8Array([0x3a, 0x05, 0x0a]), /claims 5 bytes but only 1 remain/); // graph length past the end
    expectError(new Uint8Array([0x38, 0x01]), /ModelProto.graph has wire type varint, expected length-delimited/);
    expectError(new Uint8Array([0x2b]), /unsupported wire type start-group in ModelProto/);
    expectError(new Uint8Array([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), /longer than 10 bytes/);
    expectError(new Uint8Array([0x08, 0x01]), /no graph/);
    expect(() => readOnnxGru('onnx' as unknown as Uint8Array)).toThrow(FormatError);
  });

  it('huge or inconsistent dims', () => {
    const huge = writeModel({ nodes: [gruNode()], initializers: [init('W', [1, 3_000_000_000, I], []), init('R', [1, 3 * H, H], R)] });
    expectError(huge, /too large/);
    // within the size limit but with almost no data: refused before anything is allocated
    const claims = writeModel({ nodes: [gruNode()], initializers: [init('W', [1, 2_000_000, 3], W), init('R', [1, 3 * H, H], R)] });
    expectError(claims, /raw_data has 72 bytes but dims \[1, 2000000, 3\] of FLOAT need 24000000/);
    const short = writeModel({
      nodes: [gruNode()],
      initializers: [init('W', [1, 3 * H, I], W.slice(1)), init('R', [1, 3 * H, H], R), init('B', [1, 6 * H], B)],
    });
    expectError(short, /raw_data has 68 bytes but dims \[1, 9, 2\] of FLOAT need 72/);
    const wrongH = basicModel('raw', gruNode({}, [attrInt('hidden_size', 4), attrInt('linear_before_reset', 1)]));
    expectError(wrongH, /W has dims \[1, 9, 2\], expected \[1, 12, 2\]/);
    const tooBig = basicModel('raw', gruNode({}, [attrInt('hidden_size', LIMITS.hiddenSize + 1)]));
    expectError(tooBig, /hidden_size 1025 is larger than the explorer's limit of 1024/);
    const negative = writeModel({ nodes: [gruNode()], initializers: [init('W', [1, -9, I], W), init('R', [1, 3 * H, H], R)] });
    expectError(negative, /invalid dimension -9/);
    const bidirMismatch = basicModel('raw', gruNode({}, [attrInt('hidden_size', H), attrString('direction', 'bidirectional')]));
    expectError(bidirMismatch, /expected \[2, 9, 2\]/);
  });

  it('weights that are not stored in the file', () => {
    const noParams = writeModel({ nodes: [gruNode()], inputs: ['X', 'W', 'R', 'B'] });
    expectError(noParams, /W \("W"\) is a graph input with no stored value — the model was exported without its weights/);
    const computed = writeModel({
      nodes: [{ opType: 'Add', inputs: ['W0', 'W0'], outputs: ['W'] }, gruNode()],
      initializers: [init('W0', [1, 3 * H, I], W), init('R', [1, 3 * H, H], R), init('B', [1, 6 * H], B)],
    });
    expectError(computed, /computed by a Add node.*do_constant_folding=True/);
    const external = writeModel({
      nodes: [gruNode()],
      initializers: [
        (t) =>
          t
            .int(1, 1)
            .int(1, 3 * H)
            .int(1, I)
            .int(2, 1)
            .string(8, 'W')
            .int(14, 1),
        init('R', [1, 3 * H, H], R),
      ],
    });
    expectError(external, /external data file/);
    const cycle = writeModel({
      nodes: [{ opType: 'Identity', inputs: ['W2'], outputs: ['W'] }, { opType: 'Identity', inputs: ['W'], outputs: ['W2'] }, gruNode()],
      initializers: [init('R', [1, 3 * H, H], R)],
    });
    expectError(cycle, /cycle/);
    const undefinedInput = writeModel({ nodes: [gruNode()], initializers: [init('R', [1, 3 * H, H], R)], inputs: [] });
    expectError(undefinedInput, /W \("W"\) is not defined in the graph/);
  });

  it('bad attributes', () => {
    expectError(basicModel('raw', gruNode({}, [attrString('direction', 'sideways')])), /direction "sideways"/);
    expectError(basicModel('raw', gruNode({}, [attrInt('linear_before_reset', 2)])), /linear_before_reset = 2/);
    const intW = writeModel({
      nodes: [gruNode()],
      initializers: [
        (t) =>
          t
            .int(1, 1)
            .int(1, 3 * H)
            .int(1, I)
            .int(2, 7)
            .string(8, 'W')
            .bytes(9, i64Bytes(W.map(() => 1))),
        init('R', [1, 3 * H, H], R),
      ],
    });
    expectError(intW, /W is an integer tensor/);
    const strW = writeModel({
      nodes: [gruNode()],
      initializers: [(t) => t.int(1, 1).int(2, 8).string(8, 'W'), init('R', [1, 3 * H, H], R)],
    });
    expectError(strW, /data type STRING; GRU weights must be FLOAT/);
  });
});
