// The lens geometry is checked against two independent descriptions of each layout: the converters
// (toKeras, toOnnx, toTfjs, toFlax give the stored arrays) and parameterViews (the index of every parameter).
import { describe, expect, it } from 'vitest';
import { gateRows, tensorShape, TENSORS, type GruWeights } from '../index';
import { FRAMEWORKS, parameterViews } from './views';
import { frameworkTensors, lensCellValue, lensIndex, lensLocate, lensSource, lensStart, lensValues } from './lens';
import { toKeras } from './keras';
import { toOnnx } from './onnx';
import { toTfjs } from './tfjs';
import { toFlax } from './flax';

function distinctWeights(I: number, H: number): GruWeights {
  // Every value distinct, so a misplaced cell cannot match by accident.
  let k = 1;
  const fill = (n: number) => Float32Array.from({ length: n }, () => ((k++ * 0.37) % 11) - 5.5);
  return { inputSize: I, hiddenSize: H, weightIh: fill(3 * H * I), weightHh: fill(3 * H * H), biasIh: fill(3 * H), biasHh: fill(3 * H) };
}

const I = 3;
const H = 4;
const w = distinctWeights(I, H);
const byName = (fw: (typeof FRAMEWORKS)[number]) => new Map(frameworkTensors(fw, I, H).map((t) => [t.name, t]));

describe('frameworkTensors / lensValues', () => {
  it('PyTorch is the identity', () => {
    const t = byName('pytorch');
    expect(lensValues(t.get('weight_ih')!, w)).toEqual(w.weightIh);
    expect(lensValues(t.get('weight_hh')!, w)).toEqual(w.weightHh);
    expect(lensValues(t.get('bias_ih')!, w)).toEqual(w.biasIh);
    expect(lensValues(t.get('bias_hh')!, w)).toEqual(w.biasHh);
  });

  it('Keras: the arrays toKeras stores', () => {
    const k = toKeras(w);
    const t = byName('keras');
    expect(lensValues(t.get('kernel')!, w)).toEqual(k.kernel);
    expect(lensValues(t.get('recurrent_kernel')!, w)).toEqual(k.recurrentKernel);
    expect(lensValues(t.get('bias')!, w)).toEqual(k.bias);
    expect(t.get('kernel')!.shape).toEqual(k.shapes.kernel);
    expect(t.get('bias')!.shape).toEqual(k.shapes.bias);
  });

  it('ONNX: W, R, B as toOnnx writes them', () => {
    const o = toOnnx(w);
    const t = byName('onnx');
    expect(lensValues(t.get('W')!, w)).toEqual(o.W);
    expect(lensValues(t.get('R')!, w)).toEqual(o.R);
    expect(lensValues(t.get('B')!, w)).toEqual(o.B);
    expect(t.get('W')!.shape).toEqual(o.shapes.W);
    expect(t.get('B')!.shape).toEqual(o.shapes.B);
  });

  it('TF.js: kernels moved, bias folded as toTfjs folds it', () => {
    const f = toTfjs(w);
    const t = byName('tfjs');
    expect(lensValues(t.get('kernel')!, w)).toEqual(f.kernel);
    expect(lensValues(t.get('recurrent_kernel')!, w)).toEqual(f.recurrentKernel);
    expect(lensValues(t.get('bias')!, w)).toEqual(f.bias);
    expect(t.get('bias')!.blocks.map((b) => b.relation)).toEqual(['folded', 'folded', 'approximate']);
  });

  it('Flax: six kernels and four biases as toFlax makes them', () => {
    const { params } = toFlax(w);
    const t = byName('flax');
    for (const block of ['ir', 'iz', 'in', 'hr', 'hz', 'hn'] as const) {
      expect(lensValues(t.get(`${block}.kernel`)!, w), block).toEqual(params[block].kernel);
    }
    for (const block of ['ir', 'iz', 'in', 'hn'] as const) {
      expect(lensValues(t.get(`${block}.bias`)!, w), block).toEqual((params[block] as { bias: Float32Array }).bias);
    }
    expect(t.size).toBe(10);
  });

  it('lensCellValue reads each drawn cell as lensValues builds it', () => {
    for (const fw of FRAMEWORKS) {
      for (const t of frameworkTensors(fw, I, H)) {
        const all = lensValues(t, w);
        for (let r = 0; r < t.rows; r++)
          for (let c = 0; c < t.cols; c++) expect(lensCellValue(t, { row: r, col: c }, w)).toBe(all[r * t.cols + c]);
      }
    }
  });

  it('every cell of every framework tensor is covered by exactly one block', () => {
    for (const fw of FRAMEWORKS) {
      for (const t of frameworkTensors(fw, 5, 2)) {
        const hits = new Uint8Array(t.rows * t.cols);
        for (let r = 0; r < t.rows; r++) for (let c = 0; c < t.cols; c++) if (lensSource(t, r, c)) hits[r * t.cols + c]++;
        expect(
          [...hits].every((n) => n === 1),
          `${fw} ${t.name}`,
        ).toBe(true);
      }
    }
  });
});

describe('lensLocate agrees with parameterViews', () => {
  for (const fw of FRAMEWORKS) {
    it(`${fw}: every PyTorch parameter is drawn at the index parameterViews names`, () => {
      const tensors = frameworkTensors(fw, I, H);
      for (const tensor of TENSORS) {
        const shape = tensorShape(tensor, I, H);
        const cols = shape.length === 2 ? shape[1] : 1;
        for (let row = 0; row < shape[0]; row++) {
          for (let col = 0; col < cols; col++) {
            const want = parameterViews(tensor, row, col, I, H).locations[fw];
            const t = tensors.find((x) => x.name === want.tensor);
            expect(t, `${fw} has ${want.tensor}`).toBeDefined();
            const at = lensLocate(t!, tensor, row, col);
            expect(at, `${tensor}[${row}, ${col}] in ${want.text}`).not.toBeNull();
            expect(lensIndex(t!, at!)).toEqual(want.index);
          }
        }
      }
    });
  }

  it('weight_hh[H + 3, 1] is drawn at recurrent_kernel[1, 3] in Keras, and maps back', () => {
    const rk = byName('keras').get('recurrent_kernel')!;
    expect(lensLocate(rk, 'weight_hh', H + 3, 1)).toEqual({ row: 1, col: 3 });
    const back = lensSource(rk, 1, 3)!;
    expect([back.tensor, back.row, back.col, back.block.label]).toEqual(['weight_hh', H + 3, 1, 'z']);
  });
});

describe('lensStart', () => {
  it('starts Keras blocks at PyTorch r | z | n column slots and ONNX B within each half', () => {
    const kernel = byName('keras').get('kernel')!;
    const starts = kernel.blocks.map((b) => [b.gate, lensStart(kernel, b, H).col, b.col0]);
    expect(starts).toEqual([
      ['r', 0, H],
      ['z', H, 0],
      ['n', 2 * H, 2 * H],
    ]);
    const B = byName('onnx').get('B')!;
    expect(B.blocks.map((b) => lensStart(B, b, H).col)).toEqual([0, H, 2 * H, 3 * H, 4 * H, 5 * H]);
    const W = byName('onnx').get('W')!;
    expect(W.blocks.map((b) => lensStart(W, b, H).row)).toEqual(GATES_ROWS());
  });

  it('one-block Flax tensors do not move', () => {
    for (const t of frameworkTensors('flax', I, H)) {
      expect(lensStart(t, t.blocks[0], H)).toEqual({ row: 0, col: 0 });
    }
  });
});

function GATES_ROWS() {
  return (['r', 'z', 'n'] as const).map((g) => gateRows(g, H).start);
}
