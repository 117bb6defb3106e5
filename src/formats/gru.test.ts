import { describe, expect, it } from 'vitest';
import { EXPECTED, fixture } from './fixtures/fixtures';
import { readTensorFile } from './detect';
import { findGrus } from './gru';
import { FormatError, type NamedTensor } from './types';

const read = (name: string) => readTensorFile(fixture(name), name);
const values = (file: string, tensor: string) => EXPECTED[file].tensors.find((t) => t.name === tensor)!.values;
const tensor = (name: string, shape: number[]): NamedTensor => ({
  name,
  shape,
  dtype: 'float32',
  data: new Float32Array(shape.reduce((a, b) => a * b, 1)),
});

describe('findGrus', () => {
  for (const name of [
    'gru_cell.pt',
    'gru_cell_proto4.pt',
    'params.pt',
    'gru_cell.safetensors',
    'gru_cell.npz',
    'gru_cell_compressed.npz',
    'gru_cell.json',
  ]) {
    it(`${name}: one nn.GRUCell(3, 4) with PyTorch's values`, () => {
      const [gru, ...rest] = findGrus(read(name));
      expect(rest).toEqual([]);
      expect(gru).toMatchObject({ label: '(nn.GRUCell)', kind: 'GRUCell', prefix: '', layer: 0, direction: 'forward', notes: [] });
      expect(gru.weights.inputSize).toBe(3);
      expect(gru.weights.hiddenSize).toBe(4);
      expect(Array.from(gru.weights.weightIh)).toEqual(values('gru_cell.pt', 'weight_ih'));
      expect(Array.from(gru.weights.weightHh)).toEqual(values('gru_cell.pt', 'weight_hh'));
      expect(Array.from(gru.weights.biasIh)).toEqual(values('gru_cell.pt', 'bias_ih'));
      expect(Array.from(gru.weights.biasHh)).toEqual(values('gru_cell.pt', 'bias_hh'));
    });
  }

  it('gru_2layer_bidir.pt: layers 0 and 1, forward and reverse; layer 1 takes 2H inputs', () => {
    const grus = findGrus(read('gru_2layer_bidir.pt'));
    expect(grus.map((g) => g.label)).toEqual([
      '(nn.GRU) layer 0',
      '(nn.GRU) layer 0 reverse',
      '(nn.GRU) layer 1',
      '(nn.GRU) layer 1 reverse',
    ]);
    expect(grus.map((g) => [g.layer, g.direction, g.weights.inputSize, g.weights.hiddenSize])).toEqual([
      [0, 'forward', 3, 4],
      [0, 'reverse', 3, 4],
      [1, 'forward', 8, 4],
      [1, 'reverse', 8, 4],
    ]);
    expect(grus[3].names).toEqual({
      weight_ih: 'weight_ih_l1_reverse',
      weight_hh: 'weight_hh_l1_reverse',
      bias_ih: 'bias_ih_l1_reverse',
      bias_hh: 'bias_hh_l1_reverse',
    });
    expect(Array.from(grus[3].weights.biasHh)).toEqual(values('gru_2layer_bidir.pt', 'bias_hh_l1_reverse'));
  });

  it('gru_nobias.pt: bias=False gives zero biases and says so', () => {
    const [gru] = findGrus(read('gru_nobias.pt'));
    expect(gru.names.bias_ih).toBeNull();
    expect(gru.notes).toEqual(['bias=False: bias_ih and bias_hh are absent, zeros are used']);
    expect(Array.from(gru.weights.biasIh)).toEqual(new Array(12).fill(0));
    expect(Array.from(gru.weights.biasHh)).toEqual(new Array(12).fill(0));
    expect(Array.from(gru.weights.weightHh)).toEqual(values('gru_nobias.pt', 'weight_hh'));
  });

  it('gru_fp16.pt: float16 values converted to float32, noted', () => {
    const [gru] = findGrus(read('gru_fp16.pt'));
    expect(gru.notes).toEqual(['float16 values were converted to float32']);
    expect(Array.from(gru.weights.weightIh)).toEqual(values('gru_fp16.pt', 'weight_ih'));
  });

  it("wrapped.pt: the nn.GRU under prefix 'rnn.' next to a Linear", () => {
    const grus = findGrus(read('wrapped.pt'));
    expect(grus.map((g) => [g.label, g.prefix, g.kind])).toEqual([['rnn (nn.GRU) layer 0', 'rnn.', 'GRU']]);
    expect(Array.from(grus[0].weights.weightIh)).toEqual(values('wrapped.pt', 'rnn.weight_ih_l0'));
  });

  it('finds several GRUs under different prefixes, copies the data, skips look-alikes', () => {
    const tensors = [
      tensor('encoder.cell.weight_ih', [6, 5]),
      tensor('encoder.cell.weight_hh', [6, 2]),
      tensor('decoder.rnn.weight_ih_l0', [9, 2]),
      tensor('decoder.rnn.weight_hh_l0', [9, 3]),
      tensor('decoder.rnn.bias_hh_l0', [9]),
      tensor('my_weight_ih', [6, 2]), // no dot before weight_ih: not a GRU parameter name
    ];
    const grus = findGrus(tensors);
    expect(grus.map((g) => g.label)).toEqual(['decoder.rnn (nn.GRU) layer 0', 'encoder.cell (nn.GRUCell)']);
    expect(grus[0].notes).toEqual(['bias_ih is absent, zeros are used']);
    expect(grus[1].weights.weightIh).not.toBe(tensors[0].data);
  });
});

describe('findGrus explains when there is no GRU', () => {
  const error = (tensors: NamedTensor[]): string => {
    try {
      findGrus(tensors);
    } catch (e) {
      expect(e).toBeInstanceOf(FormatError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('lists the tensor names and shapes found (the first 20)', () => {
    const many = Array.from({ length: 25 }, (_, i) => tensor(`layer${i}.weight`, [2, i + 1]));
    const message = error(many);
    expect(message).toMatch(/^no GRU found among 25 tensors/);
    expect(message).toMatch(/found: layer0\.weight \[2, 1\], layer1\.weight \[2, 2\],/);
    expect(message).toMatch(/layer19\.weight \[2, 20\], … and 5 more$/);
    expect(message).not.toMatch(/layer20/);
  });

  it('rejects LSTM and plain RNN weights by their shapes, and says why', () => {
    expect(error([tensor('lstm.weight_ih_l0', [16, 3]), tensor('lstm.weight_hh_l0', [16, 4])])).toMatch(
      /lstm \(nn\.GRU\) layer 0: weight_hh \[16, 4\] is not \(3H, H\) \(4H rows: an LSTM\)/,
    );
    expect(error([tensor('weight_ih', [4, 3]), tensor('weight_hh', [4, 4])])).toMatch(/\(H rows: a plain RNN\)/);
    expect(error([tensor('weight_ih', [12, 3])])).toMatch(/weight_hh is missing/);
    expect(error([tensor('weight_ih', [9, 3]), tensor('weight_hh', [12, 4])])).toMatch(/does not have 3H = 12 rows/);
    expect(error([tensor('weight_ih', [12, 3]), tensor('weight_hh', [12, 4]), tensor('bias_ih', [4])])).toMatch(
      /bias_ih \[4\] is not \(3H\) = \[12\]/,
    );
  });

  it('points Keras weights to a layout conversion', () => {
    expect(error(read('keras_gru.json').tensors)).toMatch(/look like Keras GRU weights/);
  });
});
