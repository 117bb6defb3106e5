import { describe, expect, it } from 'vitest';
import { EXPECTED, errorOf, expectTensorsExact, fixture } from './fixtures/fixtures';
import { readJson } from './json';
import { FormatError } from './types';

const json = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

const jsonErrorOf = (v: unknown): string => errorOf(() => readJson(json(v)));

describe('readJson', () => {
  it("gru_cell.json (a state_dict as nested lists): PyTorch's values exactly", () => {
    const file = readJson(fixture('gru_cell.json'));
    expect(file.format).toBe('json');
    expectTensorsExact(file.tensors, EXPECTED['gru_cell.json'].tensors);
  });

  it('keras_gru.json (get_weights()): kernel, recurrent_kernel, bias (2, 3H)', () => {
    const file = readJson(fixture('keras_gru.json'));
    expectTensorsExact(file.tensors, EXPECTED['keras_gru.json'].tensors);
    expect(file.notes?.[0]).toMatch(/Keras GRU/);
  });

  it('a Keras list with a (3H) bias or no bias, and a list that is not a Keras GRU', () => {
    const k = [[0, 0, 0, 0, 0, 0]];
    const r = [
      [1, 1, 1, 1, 1, 1],
      [2, 2, 2, 2, 2, 2],
    ];
    expect(readJson(json([k, r, [1, 2, 3, 4, 5, 6]])).tensors.map((t) => t.name)).toEqual(['kernel', 'recurrent_kernel', 'bias']);
    expect(readJson(json([k, r])).tensors.map((t) => t.name)).toEqual(['kernel', 'recurrent_kernel']);
    const other = readJson(json([[1, 2], [[3]]]));
    expect(other.tensors.map((t) => t.name)).toEqual(['0', '1']);
    expect(other.notes?.[0]).toMatch(/named by index/);
  });

  it('nested objects give dotted names; scalars are 0-d tensors; strings and null are skipped', () => {
    const file = readJson(json({ epoch: 3, name: 'run', state_dict: { rnn: { weight_ih_l0: [[1, 2]] } }, flag: null }));
    expect(file.tensors.map((t) => [t.name, t.shape])).toEqual([
      ['epoch', []],
      ['state_dict.rnn.weight_ih_l0', [1, 2]],
    ]);
    expect(file.notes?.[0]).toMatch(/2 non-numeric values/);
  });

  it('rounds doubles to float32 like torch.tensor(..., dtype=float32)', () => {
    expect(readJson(json({ x: [0.1] })).tensors[0].data[0]).toBe(Math.fround(0.1));
  });
});

describe('readJson refuses what is not a tensor file', () => {
  it('ragged arrays name the place', () => {
    expect(jsonErrorOf({ w: [[1, 2], [3]] })).toBe('ragged array: w[1] has 1 items but its siblings have 2');
    expect(jsonErrorOf({ w: [[1, 2], 3] })).toMatch(/ragged array: w\[1\] is 3, expected a list of 2/);
  });

  it('non-numbers inside arrays, including NaN written by Python', () => {
    expect(jsonErrorOf({ w: [[1, null]] })).toBe('w[0][1] is null, not a number');
    expect(jsonErrorOf({ w: [1, 'a'] })).toMatch(/w\[1\] is "a", not a number/);
    expect(jsonErrorOf('{"w": [NaN, 1]}')).toMatch(/not valid JSON.*\(NaN and Infinity are not JSON\)/);
  });

  it('invalid JSON, a bare value, an empty object, a list of non-arrays', () => {
    expect(jsonErrorOf('{"w": [1, 2')).toMatch(/not valid JSON/);
    expect(jsonErrorOf('"text"')).toMatch(/holds "text", not an object of tensors/);
    expect(jsonErrorOf({})).toMatch(/holds no numbers/);
    expect(jsonErrorOf([1, 2])).toMatch(/must hold arrays/);
  });

  it('every cut of the fixture is an error', () => {
    const bytes = fixture('gru_cell.json');
    for (let cut = 0; cut < bytes.length; cut += 13) expect(() => readJson(bytes.subarray(0, cut))).toThrow(FormatError);
  });
});
