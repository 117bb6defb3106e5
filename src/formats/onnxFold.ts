// Constant folding for the weights of an ONNX GRU node: follows a value name to its initializer or Constant node,
// and evaluates the small sub-graphs torch.onnx.export writes with do_constant_folding=False (Slice, Concat,
// Unsqueeze over the state_dict) plus Identity, Squeeze, Reshape, Transpose and Cast. Op semantics from the ONNX
// operator docs (onnx/defs/tensor/defs.cc). Sizes are bounded before anything is built: no value beyond
// MAX_ELEMENTS (integers: MAX_INT_ELEMENTS), every value counted against the file's ReadBudget (elements and
// folding work, so fan-out — one value concatenated with itself level after level — is refused while it is still
// only a shape), each value evaluated once however many nodes use it, no recursion deeper than 64 nodes.
import type { ReadBudget } from './budget';
import type { GraphProto, NodeProto } from './onnxProto';
import { MAX_ELEMENTS, MAX_INT_ELEMENTS, MAX_RANK, dtypeName, tensorValue, type Value } from './onnxTensor';
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

export class Resolver {
  private readonly producers = new Map<string, NodeProto>();
  private readonly cache = new Map<string, Value>();
  private readonly visiting = new Set<string>();
  private readonly charge: Charge;

  constructor(
    private readonly graph: GraphProto,
    private readonly budget: ReadBudget,
  ) {
    for (const node of graph.nodes) for (const out of node.outputs) if (out) this.producers.set(out, node);
    this.charge = (n, kind) => {
      if (n > MAX_ELEMENTS) fail(`a constant sub-graph would build ${n} elements, more than the limit of ${MAX_ELEMENTS}`);
      if (kind === 'int' && n > MAX_INT_ELEMENTS) {
        fail(`a constant sub-graph would build ${n} integers; shapes and indices hold at most ${MAX_INT_ELEMENTS}`);
      }
      budget.add(n, 'a constant sub-graph');
      budget.spend('fold', n, 'a constant sub-graph');
    };
  }

  /** How a value is stored, for messages and reports. */
  origin(name: string): string {
    if (this.graph.initializers.has(name)) return 'initializer';
    const p = this.producers.get(name);
    if (p) return p.opType === 'Constant' ? 'Constant node' : `computed by ${p.opType}`;
    return this.graph.inputs.has(name) ? 'graph input' : 'missing';
  }

  resolve(name: string, what: string, depth = 0): Value {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const init = this.graph.initializers.get(name);
    if (init) return this.remember(name, tensorValue(init, `${what} (initializer "${name}")`, this.budget));
    const node = this.producers.get(name);
    if (!node) {
      if (this.graph.sparseInitializers.has(name)) fail(`${what} ("${name}") is a sparse initializer, which this reader does not support`);
      if (this.graph.inputs.has(name)) {
        fail(`${what} ("${name}") is a graph input with no stored value — the model was exported without its weights (export_params=False?)`);
      }
      fail(`${what} ("${name}") is not defined in the graph`);
    }
    if (depth > 64) fail(`${what}: constant expression is nested more than 64 nodes deep`);
    if (this.visiting.has(name)) fail(`${what}: the graph has a cycle through "${name}"`);
    this.visiting.add(name);
    try {
      return this.remember(name, this.evaluate(node, name, what, depth));
    } finally {
      this.visiting.delete(name);
    }
  }

  private remember(name: string, v: Value): Value {
    this.cache.set(name, v);
    return v;
  }

  private input(node: NodeProto, i: number, what: string, depth: number): Value | null {
    const name = node.inputs[i];
    if (name === undefined || name === '') return null;
    return this.resolve(name, `${what} → ${node.opType} input ${i}`, depth + 1);
  }

  private ints(v: Value | null, what: string): number[] | null {
    if (!v) return null;
    if (v.kind !== 'int') fail(`${what} must be an integer tensor`);
    return v.data as number[];
  }

  private attrInts(node: NodeProto, name: string): number[] | null {
    const a = node.attributes.get(name);
    return a ? a.ints : null;
  }

  private attrInt(node: NodeProto, name: string): number | null {
    const a = node.attributes.get(name);
    return a && a.i !== null ? a.i : null;
  }

  private evaluate(node: NodeProto, output: string, what: string, depth: number): Value {
    const ctx = `${what}: ${node.opType} node "${node.name || output}"`;
    if (node.outputs[0] !== output) fail(`${what} ("${output}") is output ${node.outputs.indexOf(output)} of a ${node.opType} node; only first outputs are evaluated`);
    if (node.domain !== '' && node.domain !== 'ai.onnx') {
      fail(`${what} ("${output}") is computed by ${node.domain}::${node.opType}, which this reader does not evaluate`);
    }
    const need = (i: number): Value => this.input(node, i, what, depth) ?? fail(`${ctx} is missing input ${i}`);
    switch (node.opType) {
      case 'Constant':
        return constantValue(node, ctx, this.budget);
      case 'Identity':
        return need(0);
      case 'Cast': {
        const v = need(0);
        const to = this.attrInt(node, 'to');
        if (to === 1 || to === 10 || to === 11 || to === 16) {
          this.charge(v.data.length, 'float');
          return { ...v, kind: 'float', data: Float32Array.from(v.data), fromDouble: v.fromDouble || to === 11 };
        }
        if (to === 6 || to === 7) {
          this.charge(v.data.length, 'int');
          return { ...v, kind: 'int', data: Array.from(v.data, (x) => Math.trunc(x)) };
        }
        return fail(`${ctx} casts to ${dtypeName(to ?? 0)}, which this reader does not evaluate`);
      }
      case 'Unsqueeze':
      case 'Squeeze': {
        const v = need(0);
        // axes: an input from opset 13 on, an attribute before (taken from whichever the node has).
        const axes = node.inputs[1] ? this.ints(this.input(node, 1, what, depth), `${ctx} axes`) : this.attrInts(node, 'axes');
        return node.opType === 'Unsqueeze' ? unsqueeze(v, axes ?? fail(`${ctx} has no axes`), ctx) : squeeze(v, axes, ctx);
      }
      case 'Reshape': {
        const v = need(0);
        const shape = this.ints(need(1), `${ctx} shape`)!;
        return reshape(v, shape, this.attrInt(node, 'allowzero') === 1, ctx);
      }
      case 'Concat': {
        const axis = this.attrInt(node, 'axis');
        if (axis === null) fail(`${ctx} has no axis`);
        const parts: Value[] = [];
        for (let i = 0; i < node.inputs.length; i++) parts.push(need(i));
        return concat(parts, axis, ctx, this.charge);
      }
      case 'Slice': {
        const v = need(0);
        let starts: number[] | null;
        let ends: number[] | null;
        let axes: number[] | null;
        let steps: number[] | null = null;
        if (node.inputs.length > 1) {
          // opset 10+: starts, ends, axes, steps are inputs; before: attributes.
          starts = this.ints(need(1), `${ctx} starts`);
          ends = this.ints(need(2), `${ctx} ends`);
          axes = this.ints(this.input(node, 3, what, depth), `${ctx} axes`);
          steps = this.ints(this.input(node, 4, what, depth), `${ctx} steps`);
        } else {
          starts = this.attrInts(node, 'starts');
          ends = this.attrInts(node, 'ends');
          axes = this.attrInts(node, 'axes');
        }
        return slice(v, starts ?? [], ends ?? [], axes, steps, ctx, this.charge);
      }
      case 'Transpose':
        return transpose(need(0), this.attrInts(node, 'perm'), ctx, this.charge);
      default:
        return fail(
          `${what} ("${output}") is computed by a ${node.opType} node, which this reader does not evaluate; ` +
            're-export with constant folding (torch.onnx.export(…, do_constant_folding=True))',
        );
    }
  }
}

function constantValue(node: NodeProto, ctx: string, budget: ReadBudget): Value {
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

function unsqueeze(v: Value, axes: number[], ctx: string): Value {
  const rank = v.dims.length + axes.length;
  if (rank > MAX_RANK) fail(`${ctx}: result would have ${rank} dimensions; at most ${MAX_RANK} are supported`);
  const norm = axes.map((a) => normAxis(a, rank, ctx));
  if (new Set(norm).size !== norm.length) fail(`${ctx}: repeated axes`);
  const dims: number[] = [];
  let k = 0;
  for (let i = 0; i < rank; i++) dims.push(norm.includes(i) ? 1 : v.dims[k++]);
  return { ...v, dims };
}

function squeeze(v: Value, axes: number[] | null, ctx: string): Value {
  const rank = v.dims.length;
  const drop = axes ? axes.map((a) => normAxis(a, rank, ctx)) : v.dims.flatMap((d, i) => (d === 1 ? [i] : []));
  for (const a of drop) if (v.dims[a] !== 1) fail(`${ctx}: cannot squeeze axis ${a} of size ${v.dims[a]}`);
  return { ...v, dims: v.dims.filter((_, i) => !drop.includes(i)) };
}

function reshape(v: Value, shape: number[], allowZero: boolean, ctx: string): Value {
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

function concat(parts: Value[], axis: number, ctx: string, charge: Charge): Value {
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

function rowMajorStrides(dims: number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1] * dims[i + 1];
  return s;
}

function slice(
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
  return gatherAxes(v, first, stride, rowMajorStrides(v.dims), dims, charge);
}

function transpose(v: Value, perm: number[] | null, ctx: string, charge: Charge): Value {
  const rank = v.dims.length;
  const p = perm ?? v.dims.map((_, i) => rank - 1 - i);
  if (p.length !== rank || new Set(p).size !== rank || p.some((a) => !Number.isInteger(a) || a < 0 || a >= rank)) {
    fail(`${ctx}: perm [${p.join(', ')}] is not a permutation of ${rank} axes`);
  }
  const strides = rowMajorStrides(v.dims);
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
