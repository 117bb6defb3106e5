import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import expected from './fixtures/expected.json';
import { LIMITS } from '../model/model';
import { importGrus } from './importGru';
import { encodeNpz } from './npy';
import { FormatError } from './types';

/** An nn.GRUCell state_dict as .npz (zeros), with names under `prefix`. */
function cellTensors(I: number, H: number, prefix = '') {
  return [
    { name: `${prefix}weight_ih`, shape: [3 * H, I], data: new Float32Array(3 * H * I) },
    { name: `${prefix}weight_hh`, shape: [3 * H, H], data: new Float32Array(3 * H * H) },
    { name: `${prefix}bias_ih`, shape: [3 * H], data: new Float32Array(3 * H) },
    { name: `${prefix}bias_hh`, shape: [3 * H], data: new Float32Array(3 * H) },
  ];
}

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

  it("refuses a GRU beyond the explorer's limits (I, H ≤ 1024), naming the sizes and the limit", () => {
    expect(LIMITS.hiddenSize).toBe(1024);
    const wideInput = encodeNpz(cellTensors(LIMITS.inputSize + 1, 2));
    expect(() => importGrus(wideInput, 'wide.npz')).toThrow(FormatError);
    expect(() => importGrus(wideInput, 'wide.npz')).toThrow(
      'wide.npz: nn.GRUCell has I = 1025, H = 2; the explorer works with I ≤ 1024 and H ≤ 1024',
    );
    const big = encodeNpz(cellTensors(2, LIMITS.hiddenSize + 1));
    expect(() => importGrus(big, 'big.npz')).toThrow(/H = 1025; the explorer works with I ≤ 1024 and H ≤ 1024/);
    // One GRU fits, one does not: the one that fits is offered, with a note naming the other.
    const mixed = encodeNpz([...cellTensors(3, 4, 'small.'), ...cellTensors(2048, 2, 'wide.')]);
    const grus = importGrus(mixed, 'mixed.npz');
    expect(grus.map((g) => g.label)).toEqual(['small (nn.GRUCell)']);
    expect(grus[0].notes.at(-1)).toBe(
      "skipped 1 GRU beyond the explorer's limits (I ≤ 1024 and H ≤ 1024): wide (nn.GRUCell) has I = 2048, H = 2",
    );
  });

  it('refuses a hostile or broken file with a clear message', () => {
    expect(() => importGrus(fixture('whole_model.pt'), 'whole_model.pt')).toThrow(/not allowed|state_dict/);
    expect(() => importGrus(fixture('gru_cell.pt').slice(0, 300), 'gru_cell.pt')).toThrow(/gru_cell\.pt|zip|truncated/i);
    expect(() => importGrus(new TextEncoder().encode('hello'), 'x.bin')).toThrow();
  });
});
