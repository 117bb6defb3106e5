import { describe, expect, it } from 'vitest';
import { TENSORS, getTensor, tensorShape } from '../gru/weights';
import { toFlax } from './flax';
import { toKeras } from './keras';
import { toOnnx } from './onnx';
import { toTfjs } from './tfjs';
import { FRAMEWORKS, FRAMEWORK_LAYOUTS, blockMap, parameterViews, type Framework, type ParameterLocation } from './views';
import { randomWeights } from './fixtures/testWeights';

const I = 3;
const H = 4;

describe('parameterViews: the examples of the brief', () => {
  it('weight_hh[H+3, 1] ↔ Keras recurrent_kernel[1, 3] ↔ ONNX R[0, 3, 1] ↔ TF.js recurrent_kernel[1, 3] ↔ Flax hz.kernel[1, 3]', () => {
    const v = parameterViews('weight_hh', H + 3, 1, I, H);
    expect(v.gate).toBe('z');
    expect(v.unit).toBe(3);
    expect(v.locations.pytorch.text).toBe('weight_hh[7, 1]');
    expect(v.locations.keras.text).toBe('recurrent_kernel[1, 3]');
    expect(v.locations.onnx.text).toBe('R[0, 3, 1]');
    expect(v.locations.tfjs.text).toBe('recurrent_kernel[1, 3]');
    expect(v.locations.flax.text).toBe('hz.kernel[1, 3]');
    expect(Object.values(v.locations).every((l) => l.relation === 'same')).toBe(true);
  });

  it('bias_hh[2H + j] ↔ Keras bias[1, 2H + j] ↔ ONNX B[0, 3H + 2H + j] ↔ Flax hn.bias[j]; TF.js has no exact place', () => {
    const j = 1;
    const v = parameterViews('bias_hh', 2 * H + j, 0, I, H);
    expect(v.locations.keras.text).toBe(`bias[1, ${2 * H + j}]`);
    expect(v.locations.onnx.text).toBe(`B[0, ${5 * H + j}]`);
    expect(v.locations.flax.text).toBe(`hn.bias[${j}]`);
    expect(v.locations.flax.relation).toBe('same');
    expect(v.locations.tfjs.relation).toBe('approximate');
  });

  it('bias_hh[j] (r) is folded into Flax ir.bias[j] (b_ir + b_hr)', () => {
    const v = parameterViews('bias_hh', 2, 0, I, H);
    expect(v.gate).toBe('r');
    expect(v.locations.flax.text).toBe('ir.bias[2]');
    expect(v.locations.flax.relation).toBe('folded');
    expect(v.locations.flax.note).toMatch(/b_ir \+ b_hr/);
    expect(v.locations.keras.text).toBe(`bias[1, ${H + 2}]`); // r is Keras block 1
  });

  it('uses the ONNX direction index', () => {
    expect(parameterViews('weight_ih', 0, 0, I, H, { direction: 1 }).locations.onnx.text).toBe(`W[1, ${H}, 0]`);
  });

  it('throws clear errors outside the tensor', () => {
    expect(() => parameterViews('weight_ih', 3 * H, 0, I, H)).toThrow(/row 12 is outside/);
    expect(() => parameterViews('weight_ih', 0, I, I, H)).toThrow(/column 3 is outside/);
    expect(() => parameterViews('bias_ih', 0, 1, I, H)).toThrow(/column 1/);
  });
});

describe('parameterViews agrees with the converters, cell by cell', () => {
  const w = randomWeights(I, H, 71);
  const keras = toKeras(w);
  const onnx = toOnnx(w);
  const tfjs = toTfjs(w);
  const flax = toFlax(w).params as unknown as Record<string, { kernel: Float32Array; bias?: Float32Array }>;

  function read(l: ParameterLocation): number {
    const [a, b, c] = l.index;
    switch (l.framework) {
      case 'pytorch':
        return 0;
      case 'keras':
        if (l.tensor === 'kernel') return keras.kernel[a * 3 * H + b];
        if (l.tensor === 'recurrent_kernel') return keras.recurrentKernel[a * 3 * H + b];
        return keras.bias[a * 3 * H + b];
      case 'onnx':
        if (l.tensor === 'W') return onnx.W[(a * 3 * H + b) * I + c];
        if (l.tensor === 'R') return onnx.R[(a * 3 * H + b) * H + c];
        return onnx.B[a * 6 * H + b];
      case 'tfjs':
        if (l.tensor === 'kernel') return tfjs.kernel[a * 3 * H + b];
        if (l.tensor === 'recurrent_kernel') return tfjs.recurrentKernel[a * 3 * H + b];
        return tfjs.bias[a];
      case 'flax': {
        const [block, field] = l.tensor.split('.');
        return field === 'kernel' ? flax[block].kernel[a * H + b] : flax[block].bias![a];
      }
    }
  }

  for (const name of TENSORS) {
    it(`${name}: every 'same' location holds the value, every 'folded' one the float32 sum`, () => {
      const [rows, cols = 1] = tensorShape(name, I, H);
      const values = getTensor(w, name);
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < cols; col++) {
          const v = parameterViews(name, row, col, I, H);
          const value = values[row * cols + col];
          for (const fw of FRAMEWORKS.filter((f) => f !== 'pytorch')) {
            const l = v.locations[fw];
            if (l.relation === 'same') expect(read(l), `${name}[${row}, ${col}] → ${l.text}`).toBe(value);
            else expect(read(l), l.text).toBe(Math.fround(w.biasIh[row] + w.biasHh[row])); // folded pair
          }
        }
      }
    });
  }
});

describe('block permutations as data', () => {
  it('Keras, ONNX and TF.js move PyTorch block k to block [1, 0, 2][k] and call the candidate h', () => {
    for (const fw of ['keras', 'onnx', 'tfjs'] as Framework[]) {
      expect(FRAMEWORK_LAYOUTS[fw].fromPytorch).toEqual([1, 0, 2]);
      expect(blockMap(fw)).toEqual([
        { gate: 'r', pytorchBlock: 0, block: 1, label: 'r' },
        { gate: 'z', pytorchBlock: 1, block: 0, label: 'z' },
        { gate: 'n', pytorchBlock: 2, block: 2, label: 'h' },
      ]);
    }
    expect(blockMap('pytorch').map((e) => e.block)).toEqual([0, 1, 2]);
  });

  it('records which layouts are transposed and which are exact', () => {
    expect(FRAMEWORKS.filter((f) => FRAMEWORK_LAYOUTS[f].transposed)).toEqual(['keras', 'tfjs', 'flax']);
    expect(FRAMEWORKS.filter((f) => !FRAMEWORK_LAYOUTS[f].exact)).toEqual(['tfjs']);
    expect(() => blockMap('caffe' as Framework)).toThrow(/unknown framework/);
  });
});
