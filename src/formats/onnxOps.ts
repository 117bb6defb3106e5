// The ops a constant sub-graph of GRU weights may use (Constant, Unsqueeze, Squeeze, Reshape, Concat, Slice,
// Transpose), each as the ONNX operator docs define it (onnx/defs/tensor/defs.cc), on values bounded before they are
// built: every new value is counted by a Charge first.
import type { ReadBudget } from './budget';
import { contiguousStrides } from './binary';
import type { NodeProto } from './onnxProto';
import { MAX_ELEMENTS, MAX_RANK, tensorValue, type Value } from './onnxTensor';
import { fail } from './onnxWire';

function product(dims: number[], from = 0, to = dims.length): number {
  let p = 1;
  for (let i = from; i < to; i++) p *= dims[i];
  return p;
}

/** Counts a value of `n` elements about to be built (memory and folding work); throws before it is allocated. */
export type Charge = (n: number, kind: Value['kind']) => void;

function alloc(kind: Value['kind'], n: number, charge: Charge): Float32Array | number[] {
  charge(n, kind);
  return kind === 'float' ? new Float32Array(n) : new Array<number>(n).fill(0);
}

function normAxis(axis: number, rank: number, what: string): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) fail(`${what}: axis ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

export function constantValue(node: NodeProto, ctx: string, budget: ReadBudget): Value {
  const a = node.attributes;
  const t = a.get('value');
  if (t && t.t) return tensorValue(t.t, ctx, budget);
  const f = a.get('value_float');
  if (f && f.f !== null) return { dims: [], kind: 'float', data: Float32Array.of(f.f), fromDouble: false };
  const fs = a.get('value_floats');
  if (fs) return { dims: [fs.floats.length], kind: 'float', data: Float32Array.from(fs.floats), fromDouble: false };
  const i = a.get('value_int');
  if (i && i.i !== null) return { dims: [], kind: 'int', data: [i.i], fromDouble: false };
  const is = a.get('value_ints');
  if (is) return { dims: [is.ints.length], kind: 'int', data: is.ints.slice(), fromDouble: false };
  return fail(`${ctx} has no value this reader understands (value, value_float(s), value_int(s))`);
}

export function unsqueeze(v: Value, axes: number[], ctx: string): Value {
  const rank = v.dims.length + axes.length;
  if (rank > MAX_RANK) fail(`${ctx}: result would have ${rank} dimensions; at most ${MAX_RANK} are supported`);
  const norm = axes.map((a) => normAxis(a, rank, ctx));
  if (new Set(norm).size !== norm.length) fail(`${ctx}: repeated axes`);
  const dims: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) dims.push(norm.includes(i) ? 1 : v.dims[k++]);
  return { ...v, dims };
}

export function squeeze(v: Value, axes: number[] | null, ctx: string): Value {
  const rank = v.dims.length;
  const drop = axes ? axes.map((a) => normAxis(a, rank, ctx)) : v.dims.flatMap((d, i) => (d === 1 ? [i] : []));
  for (const a of drop) if (v.dims[a] !== 1) fail(`${ctx}: cannot squeeze axis ${a} of size ${v.dims[a]}`);
  return { ...v, dims: v.dims.filter((_, i) => !drop.includes(i)) };
}

export function reshape(v: Value, shape: number[], allowZero: boolean, ctx: string): Value {
  if (shape.length > MAX_RANK) fail(`${ctx}: target rank ${shape.length} is too large`);
  const dims = shape.map((d, i) => (d === 0 && !allowZero ? (v.dims[i] ?? fail(`${ctx}: 0 copies a missing dimension`)) : d));
  const unknown = dims.filter((d) => d === -1).length;
  if (unknown > 1) fail(`${ctx}: more than one -1 in the shape`);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < -1)) fail(`${ctx}: invalid shape [${shape.join(', ')}]`);
  const known = dims.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const n = v.data.length;
  if (unknown) {
    if (known === 0 || n % known !== 0) fail(`${ctx}: cannot reshape ${n} values to [${shape.join(', ')}]`);
    dims[dims.indexOf(-1)] = n / known;
  } else if (known !== n) fail(`${ctx}: cannot reshape ${n} values to [${shape.join(', ')}]`);
  return { ...v, dims };
}

export function concat(parts: Value[], axis: number, ctx: string, charge: Charge): Value {
  if (parts.length === 0) fail(`${ctx} has no inputs`);
  const first = parts[0];
  const rank = first.dims.length;
  if (rank === 0) fail(`${ctx}: cannot concatenate scalars`);
  const ax = normAxis(axis, rank, ctx);
  for (const p of parts) {
    if (p.kind !== first.kind) fail(`${ctx}: inputs mix float and integer tensors`);
    if (p.dims.length !== rank || p.dims.some((d, i) => i !== ax && d !== first.dims[i])) {
      fail(`${ctx}: input shapes [${first.dims.join(', ')}] and [${p.dims.join(', ')}] do not concatenate on axis ${ax}`);
    }
  }
  const dims = first.dims.slice();
  dims[ax] = parts.reduce((s, p) => s + p.dims[ax], 0);
  const total = product(dims);
  if (total > MAX_ELEMENTS) fail(`${ctx}: result would have ${total} elements, more than the limit of ${MAX_ELEMENTS}`);
  const outer = product(dims, 0, ax);
  const inner = product(dims, ax + 1);
  const data = alloc(first.kind, total, charge);
  let offset = 0;
  const rowLen = dims[ax] * inner;
  for (const p of parts) {
    const len = p.dims[ax] * inner;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < len; i++) data[o * rowLen + offset + i] = p.data[o * len + i];
    }
    offset += len;
  }
  return { dims, kind: first.kind, data, fromDouble: parts.some((p) => p.fromDouble) };
}

/** Strided gather: output element at position p reads Σ_a (start[a] + p[a]·step[a])·stride[a] (Slice, Transpose). */
function gatherAxes(v: Value, start: number[], step: number[], strides: number[], dims: number[], charge: Charge): Value {
  const n = product(dims);
  const data = alloc(v.kind, n, charge);
  const rank = dims.length;
  const pos = new Array<number>(rank).fill(0);
  for (let k = 0; k < n; k++) {
    let src = 0;
    for (let a = 0; a < rank; a++) src += (start[a] + pos[a] * step[a]) * strides[a];
    data[k] = v.data[src];
    for (let a = rank - 1; a >= 0; a--) {
      if (++pos[a] < dims[a]) break;
      pos[a] = 0;
    }
  }
  return { dims, kind: v.kind, data, fromDouble: v.fromDouble };
}

export function slice(
  v: Value,
  starts: number[],
  ends: number[],
  axes: number[] | null,
  steps: number[] | null,
  ctx: string,
  charge: Charge,
): Value {
  const rank = v.dims.length;
  const ax = axes ?? starts.map((_, i) => i);
  if (ends.length !== starts.length || ax.length !== starts.length || (steps && steps.length !== starts.length)) {
    fail(`${ctx}: starts, ends, axes and steps differ in length`);
  }
  const first = v.dims.map(() => 0);
  const stride = v.dims.map(() => 1);
  const dims = v.dims.slice();
  const seen = new Set<number>();
  ax.forEach((a0, i) => {
    const a = normAxis(a0, rank, ctx);
    if (seen.has(a)) fail(`${ctx}: axis ${a} repeated`);
    seen.add(a);
    const dim = v.dims[a];
    const step = steps ? steps[i] : 1;
    if (!Number.isFinite(step) || step === 0 || !Number.isInteger(step)) fail(`${ctx}: invalid step ${step}`);
    let start = starts[i];
    let end = ends[i];
    if (!Number.isFinite(start) || !Number.isFinite(end)) fail(`${ctx}: invalid start or end`);
    if (start < 0) start += dim;
    if (end < 0) end += dim;
    if (step > 0) {
      start = Math.min(Math.max(start, 0), dim);
      end = Math.min(Math.max(end, 0), dim);
    } else {
      start = Math.min(Math.max(start, 0), dim - 1);
      end = Math.min(Math.max(end, -1), dim - 1);
    }
    first[a] = start;
    stride[a] = step;
    dims[a] = Math.max(0, Math.ceil((end - start) / step));
  });
  return gatherAxes(v, first, stride, contiguousStrides(v.dims), dims, charge);
}

export function transpose(v: Value, perm: number[] | null, ctx: string, charge: Charge): Value {
  const rank = v.dims.length;
  const p = perm ?? v.dims.map((_, i) => rank - 1 - i);
  if (p.length !== rank || new Set(p).size !== rank || p.some((a) => !Number.isInteger(a) || a < 0 || a >= rank)) {
    fail(`${ctx}: perm [${p.join(', ')}] is not a permutation of ${rank} axes`);
  }
  const strides = contiguousStrides(v.dims);
  const dims = p.map((a) => v.dims[a]);
  return gatherAxes(
    v,
    dims.map(() => 0),
    dims.map(() => 1),
    p.map((a) => strides[a]),
    dims,
    charge,
  );
}
