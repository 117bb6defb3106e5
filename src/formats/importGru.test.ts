import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import expected from './fixtures/expected.json';
import { importGrus } from './importGru';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

describe('importGrus: any dropped file → GRUs in PyTorch layout', () => {
  it('reads a PyTorch .pt nn.GRUCell exactly', () => {
    const [gru] = importGrus(fixture('gru_cell.pt'), 'gru_cell.pt');
    const want = expected.files['gru_cell.pt'].tensors.find((t) => t.name === 'weight_hh')!;
    expect(Array.from(gru.weights.weightHh)).toEqual(want.values.map(Math.fround));
    expect([gru.weights.inputSize, gru.weights.hiddenSize]).toEqual([3, 4]);
  });

  it('lists every layer and direction of an nn.GRU', () => {
    const grus = importGrus(fixture('gru_2layer_bidir.pt'), 'gru_2layer_bidir.pt');
    expect(grus.map((g) => g.label)).toHaveLength(4);
    expect(grus.some((g) => /reverse/.test(g.label))).toBe(true);
  });

  it('reads ONNX and converts z|r|h to r|z|n', () => {
    const grus = importGrus(fixture('onnx/gru_3_4.onnx'), 'gru_3_4.onnx');
    expect(grus.length).toBe(1);
    expect(grus[0].weights.hiddenSize).toBe(4);
  });

  it('flags an ONNX GRU with linear_before_reset = 0', () => {
    const [gru] = importGrus(fixture('onnx/gru_3_4_lbr0.onnx'), 'gru_3_4_lbr0.onnx');
    expect(gru.notes.join(' ')).toMatch(/reset-before|linear_before_reset/);
  });

  it('refuses a hostile or broken file with a clear message', () => {
    expect(() => importGrus(fixture('whole_model.pt'), 'whole_model.pt')).toThrow(/not allowed|state_dict/);
    expect(() => importGrus(fixture('gru_cell.pt').slice(0, 300), 'gru_cell.pt')).toThrow(/gru_cell\.pt|zip|truncated/i);
    expect(() => importGrus(new TextEncoder().encode('hello'), 'x.bin')).toThrow();
  });
});
