// A weight recipe: the list of edits that built the current weights, from a zero start. Replaying
// it reproduces the weights bit for bit (initializers are seeded), so a link can carry a few ops
// instead of 3H·(I+H+2) floats. The store applies edits through applyWeightOp too, so what is shown
// and what a link replays can never drift apart.
import { fillColumn, fillRows } from '../gru/edit';
import { gateRows, type Gate } from '../gru/gates';
import { getTensor, withTensor, zeroWeights, TENSORS, type GruWeights, type TensorName } from '../gru/weights';
import { applyInitializer, type Initializer } from '../init/initializers';
import { resizeModel, emptyModel } from '../model/model';

export type WeightOp =
  | { k: 'zeros'; I: number; H: number }
  | { k: 'init'; t: TensorName; g?: Gate; spec: Initializer; seed: number }
  | { k: 'rows'; t: TensorName; r0: number; r1: number; v: number }
  | { k: 'col'; t: TensorName; c: number; v: number }
  /** Sparse painted cells: flat indices and their values (the last write to an index wins). */
  | { k: 'cells'; t: TensorName; i: number[]; v: number[] }
  | { k: 'resize'; I: number; H: number; seed: number };

export function applyWeightOp(weights: GruWeights | null, op: WeightOp): GruWeights {
  if (op.k === 'zeros') return zeroWeights(op.I, op.H);
  if (!weights) throw new Error(`recipe must start with "zeros", not "${op.k}"`);
  switch (op.k) {
    case 'init':
      return applyInitializer(weights, { tensor: op.t, gate: op.g }, op.spec, op.seed);
    case 'rows':
      if (!(op.r0 >= 0 && op.r1 <= 3 * weights.hiddenSize && op.r0 < op.r1)) throw new Error(`rows ${op.r0}:${op.r1} are outside ${op.t}`);
      return fillRows(weights, op.t, op.r0, op.r1, op.v);
    case 'col':
      return fillColumn(weights, op.t, op.c, op.v);
    case 'cells': {
      const next = getTensor(weights, op.t).slice();
      writeCells(next, op.i, op.v, op.t);
      return withTensor(weights, op.t, next);
    }
    case 'resize': {
      const model = { ...emptyModel(weights.inputSize, weights.hiddenSize, 1), weights };
      return resizeModel(model, op.I, op.H, 1, op.seed).weights;
    }
  }
}

export function writeCells(values: Float32Array, indices: readonly number[], cellValues: readonly number[], name: string) {
  if (indices.length !== cellValues.length) throw new Error(`${name}: ${indices.length} indices but ${cellValues.length} values`);
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n];
    if (!Number.isInteger(i) || i < 0 || i >= values.length) throw new Error(`index ${i} is outside ${name} (length ${values.length})`);
    values[i] = cellValues[n];
  }
}

export function replayWeights(ops: readonly WeightOp[]): GruWeights {
  let w: GruWeights | null = null;
  for (const op of ops) w = applyWeightOp(w, op);
  if (!w) throw new Error('empty recipe');
  return w;
}

/** Ops for PyTorch's default init of every tensor with one seed (each tensor its own stream). */
export function pytorchDefaultOps(seed: number): WeightOp[] {
  return TENSORS.map((t, i) => ({ k: 'init', t, spec: { kind: 'pytorch' }, seed: seed * 4 + i }));
}

/** Ops setting a gate band, like `cell.bias_hh[H:2*H].fill_(v)`. */
export function bandOp(tensor: TensorName, gate: Gate, hiddenSize: number, value: number): WeightOp {
  const { start, end } = gateRows(gate, hiddenSize);
  return { k: 'rows', t: tensor, r0: start, r1: end, v: value };
}

/** Merges runs of adjacent 'cells' ops on the same tensor (last write per index wins). */
export function compactRecipe(ops: readonly WeightOp[]): WeightOp[] {
  const out: WeightOp[] = [];
  for (const op of ops) {
    const prev = out[out.length - 1];
    if (op.k === 'cells' && prev?.k === 'cells' && prev.t === op.t) {
      const merged = new Map<number, number>();
      prev.i.forEach((i, n) => merged.set(i, prev.v[n]));
      op.i.forEach((i, n) => merged.set(i, op.v[n]));
      out[out.length - 1] = { k: 'cells', t: op.t, i: [...merged.keys()], v: [...merged.values()] };
    } else {
      out.push(op);
    }
  }
  return out;
}
