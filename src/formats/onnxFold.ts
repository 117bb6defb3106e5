// Constant folding for the weights of an ONNX GRU node: follows a value name to its initializer or Constant node,
// and evaluates the small sub-graphs torch.onnx.export writes with do_constant_folding=False (Slice, Concat,
// Unsqueeze over the state_dict) plus Identity, Squeeze, Reshape, Transpose and Cast; the ops themselves are in
// ./onnxOps.ts. Sizes are bounded before anything is built: no value beyond MAX_ELEMENTS (integers:
// MAX_INT_ELEMENTS), every value counted against the file's ReadBudget (elements and folding work, so fan-out —
// one value concatenated with itself level after level — is refused while it is still only a shape), each value
// evaluated once however many nodes use it, no recursion deeper than 64 nodes.
import type { ReadBudget } from './budget';
import type { GraphProto, NodeProto } from './onnxProto';
import { concat, constantValue, reshape, slice, squeeze, transpose, unsqueeze, type Charge } from './onnxOps';
import { MAX_ELEMENTS, MAX_INT_ELEMENTS, dtypeName, tensorValue, type Value } from './onnxTensor';
import { fail } from './onnxWire';

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
        fail(
          `${what} ("${name}") is a graph input with no stored value — the model was exported without its weights (export_params=False?)`,
        );
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
    if (node.outputs[0] !== output)
      fail(`${what} ("${output}") is output ${node.outputs.indexOf(output)} of a ${node.opType} node; only first outputs are evaluated`);
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
