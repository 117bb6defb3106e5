import { describe, expect, it } from 'vitest';
import { GATES } from '../gru/gates';
import { TENSORS } from '../gru/weights';
import { INITIALIZER_LABELS, INITIALIZER_PARAMS, type InitializerKind } from '../init/initializers';
import { GATE_CODES, INITIALIZER_CODES, namesByCode, STEP_CODES, TENSOR_CODES, WHOLE_TENSOR } from './codes';

describe('link codes', () => {
  it('are the codes links have always carried (links made so far hold them)', () => {
    expect(STEP_CODES).toEqual({ zeros: 'z', init: 'i', rows: 'r', col: 'c', cells: 'p', resize: 's' });
    expect(TENSOR_CODES).toEqual({ weight_ih: 0, weight_hh: 1, bias_ih: 2, bias_hh: 3 });
    expect(GATE_CODES).toEqual({ r: 0, z: 1, n: 2 });
    expect(WHOLE_TENSOR).toBe(-1);
    const codes = Object.fromEntries(Object.entries(INITIALIZER_CODES).map(([k, v]) => [k, [v.code, v.params]]));
    expect(codes).toEqual({
      pytorch: [0, []],
      uniform: [1, ['low', 'high']],
      normal: [2, ['mean', 'std']],
      xavierUniform: [3, ['gain']],
      xavierNormal: [4, ['gain']],
      kaimingUniform: [5, ['gain']],
      kaimingNormal: [6, ['gain']],
      orthogonal: [7, ['gain']],
      constant: [8, ['value']],
      zeros: [9, []],
    });
  });

  it('name every tensor, gate and initializer kind, each code once', () => {
    expect(Object.keys(TENSOR_CODES).sort()).toEqual([...TENSORS].sort());
    expect(Object.keys(GATE_CODES).sort()).toEqual([...GATES].sort());
    expect(Object.keys(INITIALIZER_CODES).sort()).toEqual(Object.keys(INITIALIZER_LABELS).sort());
    for (const table of [
      STEP_CODES,
      TENSOR_CODES,
      GATE_CODES,
      Object.fromEntries(Object.entries(INITIALIZER_CODES).map(([k, v]) => [k, v.code])),
    ]) {
      expect(namesByCode(table).size).toBe(Object.keys(table).length);
    }
    expect(() => namesByCode({ a: 1, b: 1 })).toThrow(/code 1 is used twice/);
  });

  it("carry the same parameters as the Initialize form (in the link's own order)", () => {
    for (const [kind, { params }] of Object.entries(INITIALIZER_CODES)) {
      expect([...params].sort(), kind).toEqual([...INITIALIZER_PARAMS[kind as InitializerKind]].sort());
    }
  });
});
