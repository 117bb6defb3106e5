// The codes a link carries, declared once. A recipe step is a tuple led by its step code; tensors,
// gates and initializer kinds travel as these numbers, an initializer's parameters in this order.
// Every link made so far holds them: a code is never renumbered or reused, a new kind takes a new
// code, and UI tables (labels, form order) are free to change without touching links.
import type { Gate } from '../gru/gates';
import type { TensorName } from '../gru/weights';
import type { Initializer, InitializerKind } from '../init/initializers';
import type { WeightOp } from './recipe';

export const STEP_CODES = { zeros: 'z', init: 'i', rows: 'r', col: 'c', cells: 'p', resize: 's' } as const satisfies Record<
  WeightOp['k'],
  string
>;

export const TENSOR_CODES = { weight_ih: 0, weight_hh: 1, bias_ih: 2, bias_hh: 3 } as const satisfies Record<TensorName, number>;

/** An init step's gate; WHOLE_TENSOR when it fills the whole tensor. */
export const GATE_CODES = { r: 0, z: 1, n: 2 } as const satisfies Record<Gate, number>;
export const WHOLE_TENSOR = -1;

type ParamsOf<K extends InitializerKind> = readonly Exclude<keyof Extract<Initializer, { kind: K }>, 'kind'>[];

export const INITIALIZER_CODES: { readonly [K in InitializerKind]: { code: number; params: ParamsOf<K> } } = {
  pytorch: { code: 0, params: [] },
  uniform: { code: 1, params: ['low', 'high'] },
  normal: { code: 2, params: ['mean', 'std'] },
  xavierUniform: { code: 3, params: ['gain'] },
  xavierNormal: { code: 4, params: ['gain'] },
  kaimingUniform: { code: 5, params: ['gain'] },
  kaimingNormal: { code: 6, params: ['gain'] },
  orthogonal: { code: 7, params: ['gain'] },
  constant: { code: 8, params: ['value'] },
  zeros: { code: 9, params: [] },
};

/** The reverse of a code table: code → name. */
export function namesByCode<N extends string>(table: Readonly<Record<N, string | number>>): ReadonlyMap<unknown, N> {
  const out = new Map<unknown, N>();
  for (const [name, code] of Object.entries(table) as [N, string | number][]) {
    if (out.has(code)) throw new Error(`link code ${String(code)} is used twice`);
    out.set(code, name);
  }
  return out;
}
