import { describe, expect, it } from 'vitest';
import { gruCell } from '../gru/cell';
import { TENSORS, getTensor, type GruWeights } from '../gru/weights';
import { seededRng } from '../init/random';
import { readOnnxGru } from '../formats/onnx';
import { parseModel } from '../formats/onnxProto';
import { readSafetensors } from '../formats/safetensors';
import { extractZipEntry, readZip } from '../formats/zip';
import { importGrus } from '../formats/importGru';
import { toKeras } from '../layouts/keras';
import { CHECKPOINT_FORMATS, exportCheckpoint } from './checkpoint';
import { float32Text, jsonFloat32, jsonNestedList } from './jsonLists';
import { shortestFloat32 } from '../share/bytes';
import { ONNX_OPSET } from './onnxModel';

/** Random weights in [−2, 2) with the awkward float32s planted: ±0, subnormals, the extremes, 0.1's float32. */
function awkwardWeights(I: number, H: number, seed: number): GruWeights {
  const rng = seededRng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng() * 4 - 2);
  const w: GruWeights = {
    inputSize: I,
    hiddenSize: H,
    weightIh: fill(3 * H * I),
    weightHh: fill(3 * H * H),
    biasIh: fill(3 * H),
    biasHh: fill(3 * H),
  };
  const special = [-0, 0, 1.4e-45, -1.4e-45, 1.1754942e-38, 3.4028235e38, -3.4028235e38, 0.1, 1 / 3, 16777217, 1e-7];
  TENSORS.forEach((t, k) => {
    const a = getTensor(w, t);
    special.forEach((v, i) => (a[(i * 7 + k) % a.length] = v));
  });
  return w;
}

function expectBitIdentical(actual: Float32Array, expected: Float32Array, what: string) {
  expect(actual.length, what).toBe(expected.length);
  const a = new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength);
  const e = new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength);
  const first = a.findIndex((b, i) => b !== e[i]);
  expect(first, `${what}: first differing byte`).toBe(-1);
}

function expectSameWeights(actual: GruWeights, expected: GruWeights) {
  expect([actual.inputSize, actual.hiddenSize]).toEqual([expected.inputSize, expected.hiddenSize]);
  for (const t of TENSORS) expectBitIdentical(getTensor(actual, t), getTensor(expected, t), t);
}

/** h′ for a batch of 2; weights with ±3.4e38 saturate, which is fine: the point is equality. */
function hNext(w: GruWeights): Float32Array {
  const rng = seededRng(99);
  const x = Float32Array.from({ length: 2 * w.inputSize }, () => rng() * 2 - 1);
  const h = Float32Array.from({ length: 2 * w.hiddenSize }, () => rng() * 2 - 1);
  return gruCell(w, x, h, 2).h;
}

const SIZES: [number, number][] = [
  [3, 4],
  [5, 2],
  [1, 7],
];

describe('.pt as torch.save writes it', () => {
  it('data.pkl names only the globals torch.load(weights_only=True) allows; storages start on 64-byte boundaries', () => {
    const { bytes, fileName } = exportCheckpoint(awkwardWeights(3, 4, 5), 'pt');
    expect(fileName).toBe('gru_cell.pt');
    const zip = readZip(bytes, 'pt');
    expect(zip.entries.map((e) => e.name)).toEqual([
      'archive/data.pkl',
      'archive/byteorder',
      'archive/data/0',
      'archive/data/1',
      'archive/data/2',
      'archive/data/3',
      'archive/version',
    ]);
    const text = (name: string) => new TextDecoder('latin1').decode(extractZipEntry(zip, zip.byName.get(name)!));
    expect(text('archive/version')).toBe('3\n');
    expect(text('archive/byteorder')).toBe('little');
    const pickle = text('archive/data.pkl');
    expect(pickle.charCodeAt(0)).toBe(0x80); // PROTO 2
    expect(pickle.charCodeAt(1)).toBe(2);
    const globals = new Set([...pickle.matchAll(/c([\w.]+)\n(\w+)\n/g)].map((m) => `${m[1]}.${m[2]}`));
    expect(globals).toEqual(new Set(['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2', 'torch.FloatStorage']));
    // Each storage's data offset: local header (30 bytes) + name + extra field, read from the header itself.
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    for (let at = 0; view.getUint32(at, true) === 0x04034b50;) {
      const nameLength = view.getUint16(at + 26, true);
      const dataAt = at + 30 + nameLength + view.getUint16(at + 28, true);
      expect(dataAt % 64).toBe(0);
      at = dataAt + view.getUint32(at + 18, true);
    }
  });
});

describe('exportCheckpoint → importGrus gives back the identical float32s', () => {
  for (const format of CHECKPOINT_FORMATS) {
    for (const names of ['GRUCell', 'GRU'] as const) {
      if (names === 'GRU' && (format === 'keras-json' || format === 'onnx')) continue;
      for (const [I, H] of SIZES) {
        it(`${format}${format.startsWith('s') ? ` (${names} names)` : ''}, I = ${I}, H = ${H}`, () => {
          const w = awkwardWeights(I, H, I * 10 + H);
          const file = exportCheckpoint(w, format, { names });
          const grus = importGrus(file.bytes, file.fileName);
          expect(grus).toHaveLength(1);
          expectSameWeights(grus[0].weights, w);
          expectBitIdentical(hNext(grus[0].weights), hNext(w), 'h′');
        });
      }
    }
  }

  it('names: nn.GRUCell parameters or nn.GRU layer 0, with PyTorch shapes and dtype F32', () => {
    const w = awkwardWeights(5, 2, 1);
    const cell = readSafetensors(exportCheckpoint(w, 'safetensors').bytes);
    expect(cell.tensors.map((t) => [t.name, t.shape])).toEqual([
      ['weight_ih', [6, 5]],
      ['weight_hh', [6, 2]],
      ['bias_ih', [6]],
      ['bias_hh', [6]],
    ]);
    expect(cell.metadata).toEqual({ format: 'pt' });
    const layer = readSafetensors(exportCheckpoint(w, 'safetensors', { names: 'GRU' }).bytes);
    expect(layer.tensors.map((t) => t.name)).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']);
    const header = new TextDecoder().decode(exportCheckpoint(w, 'safetensors').bytes.subarray(8, 80));
    expect(header).toContain('"dtype":"F32"');
    const json = JSON.parse(new TextDecoder().decode(exportCheckpoint(w, 'state-dict-json', { names: 'GRU' }).bytes)) as Record<
      string,
      unknown
    >;
    expect(Object.keys(json)).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']);
  });

  it('file names and MIME types', () => {
    const w = awkwardWeights(3, 4, 2);
    const files = CHECKPOINT_FORMATS.map((f) => exportCheckpoint(w, f));
    expect(files.map((f) => f.fileName)).toEqual([
      'gru_cell.pt',
      'gru_cell.safetensors',
      'gru_cell.npz',
      'gru_cell.state_dict.json',
      'gru.keras_weights.json',
      'gru.onnx',
    ]);
    const binary = 'application/octet-stream';
    expect(files.map((f) => f.mimeType)).toEqual([binary, binary, binary, 'application/json', 'application/json', binary]);
    expect(exportCheckpoint(w, 'pt', { names: 'GRU' }).fileName).toBe('gru_l0.pt');
    expect(exportCheckpoint(w, 'safetensors', { names: 'GRU' }).fileName).toBe('gru_l0.safetensors');
  });
});

describe('JSON numbers', () => {
  it('each float32 is written as the shortest decimal that reads back to it, always as a float', () => {
    const cases: [number, string][] = [
      [Math.fround(0.1), '0.1'],
      [1, '1.0'],
      [-0, '-0.0'],
      [0, '0.0'],
      [Math.fround(1 / 3), '0.33333334'],
      [16777216, '16777216.0'],
      [Math.fround(1.4e-45), '1e-45'],
      [Math.fround(3.4028235e38), '3.4028235e+38'],
    ];
    for (const [v, text] of cases) {
      expect(jsonFloat32(v)).toBe(text);
      expect(Object.is(Math.fround(JSON.parse(text) as number), v)).toBe(true);
    }
  });

  it('every float32 bit pattern tried reads back bit for bit', () => {
    const bits = new Uint32Array(20000);
    const rng = seededRng(7);
    bits.forEach((_, i) => (bits[i] = Math.floor(rng() * 0x7f800000) | (i % 2 ? 0x80000000 : 0)));
    const values = new Float32Array(bits.buffer);
    const back = Float32Array.from(JSON.parse(jsonNestedList(values, [values.length])) as number[]);
    expectBitIdentical(back, values, 'values');
  });

  it("the fast shortest-decimal search agrees with the links' shortestFloat32 (which tries 1 to 9 digits in turn)", () => {
    const bits = new Uint32Array(50000);
    const rng = seededRng(11);
    bits.forEach((_, i) => (bits[i] = Math.floor(rng() * 0xff800000)));
    for (const v of new Float32Array(bits.buffer)) if (Number.isFinite(v)) expect(float32Text(v)).toBe(shortestFloat32(v));
  });

  it('NaN and Infinity are refused with a reason (JSON has no such numbers)', () => {
    const w = awkwardWeights(3, 4, 3);
    w.biasHh[2] = Number.NaN;
    expect(() => exportCheckpoint(w, 'state-dict-json')).toThrow(/NaN.*not JSON/);
    w.biasHh[2] = Number.POSITIVE_INFINITY;
    expect(() => exportCheckpoint(w, 'keras-json')).toThrow(/Infinity.*safetensors/);
    // Binary formats carry them.
    const [back] = importGrus(exportCheckpoint(w, 'safetensors').bytes, 'w.safetensors');
    expect(back.weights.biasHh[2]).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Keras set_weights JSON', () => {
  it('is [kernel (I, 3H), recurrent_kernel (H, 3H), bias (2, 3H)] with toKeras values', () => {
    const w = awkwardWeights(5, 2, 4);
    const doc = JSON.parse(new TextDecoder().decode(exportCheckpoint(w, 'keras-json').bytes)) as number[][][];
    expect(doc.map((t) => [t.length, t[0].length])).toEqual([
      [5, 6],
      [2, 6],
      [2, 6],
    ]);
    const k = toKeras(w);
    expectBitIdentical(Float32Array.from(doc[0].flat()), k.kernel, 'kernel');
    expectBitIdentical(Float32Array.from(doc[1].flat()), k.recurrentKernel, 'recurrent_kernel');
    expectBitIdentical(Float32Array.from(doc[2].flat()), k.bias, 'bias');
    // Spec (gru-conventions, Keras): kernel[j, 0:H] is z = PyTorch rows [H, 2H) of weight_ih, transposed.
    expect(Object.is(Math.fround(doc[0][3][1]), w.weightIh[(2 + 1) * 5 + 3])).toBe(true);
    // bias row 1, block h is b_hn = bias_hh[2H:3H].
    expect(Object.is(Math.fround(doc[2][1][2 * 2 + 1]), w.biasHh[2 * 2 + 1])).toBe(true);
  });

  it('PyTorch → Keras JSON → import → PyTorch reproduces h′ bit for bit', () => {
    for (const [I, H] of SIZES) {
      const w = awkwardWeights(I, H, 50 + I);
      const file = exportCheckpoint(w, 'keras-json');
      const [back] = importGrus(file.bytes, file.fileName);
      expect(back.label).toMatch(/Keras/);
      expectBitIdentical(hNext(back.weights), hNext(w), 'h′');
    }
  });
});

describe('ONNX model', () => {
  it('our reader sees one forward GRU with linear_before_reset = 1 and no warnings', () => {
    const w = awkwardWeights(5, 2, 5);
    const model = readOnnxGru(exportCheckpoint(w, 'onnx').bytes);
    expect(model.opsetVersion).toBe(ONNX_OPSET);
    expect(model.opTypes).toEqual(['GRU']);
    expect(model.producerName).toBe('GRU Explorer');
    expect(model.warnings).toEqual([]);
    expect(model.cells).toHaveLength(1);
    const [cell] = model.cells;
    expect(cell.linearBeforeReset).toBe(1);
    expect(cell.direction).toBe('forward');
    expect(cell.nodeDirection).toBe('forward');
    expect(cell.activations).toEqual(['Sigmoid', 'Tanh']);
    expect(cell.clip).toBeNull();
    expect(cell.hasBias).toBe(true);
    expect(cell.warnings).toEqual([]);
  });

  it('has W [1, 3H, I], R [1, 3H, H], B [1, 6H] as raw float32 initializers and X, initial_h as inputs', () => {
    const w = awkwardWeights(5, 2, 6);
    const graph = parseModel(exportCheckpoint(w, 'onnx').bytes).graph!;
    const dims = Object.fromEntries([...graph.initializers].map(([name, t]) => [name, t.dims]));
    expect(dims).toEqual({ W: [1, 6, 5], R: [1, 6, 2], B: [1, 12] });
    for (const t of graph.initializers.values()) {
      expect(t.dataType).toBe(1);
      expect(t.raw?.length).toBe(4 * t.dims.reduce((a, b) => a * b, 1));
    }
    expect([...graph.inputs]).toEqual(['X', 'initial_h']);
    const [node] = graph.nodes;
    expect(node.inputs).toEqual(['X', 'W', 'R', 'B', '', 'initial_h']);
    expect(node.outputs).toEqual(['Y', 'Y_h']);
    expect(node.attributes.get('hidden_size')?.i).toBe(2);
  });

  it('one H = 1024 model is written without blowing up (25 MB of raw data, copied once)', () => {
    const H = 1024;
    const w: GruWeights = {
      inputSize: H,
      hiddenSize: H,
      weightIh: new Float32Array(3 * H * H).fill(0.5),
      weightHh: new Float32Array(3 * H * H).fill(-0.25),
      biasIh: new Float32Array(3 * H),
      biasHh: new Float32Array(3 * H),
    };
    const bytes = exportCheckpoint(w, 'onnx').bytes;
    expect(bytes.length).toBeGreaterThan(2 * 3 * H * H * 4);
    expect(readOnnxGru(bytes).cells[0].weights.weightHh[12345]).toBe(-0.25);
  });
});
