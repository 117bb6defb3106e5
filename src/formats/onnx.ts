// ONNX GRU import: finds the GRU nodes of an .onnx file's main graph and gives their weights back in PyTorch layout.
// GRU operator (onnx/defs/rnn/defs.cc; docs/gru-conventions.md): inputs X, W [D, 3H, I], R [D, 3H, H],
// B [D, 6H] (optional), sequence_lens, initial_h; row blocks z | r | h (reordered to PyTorch's r | z | n); attributes
// hidden_size, direction, linear_before_reset (default 0 = reset-before; 1 = PyTorch's cell), activations, clip,
// layout. Weights may be initializers, Constant nodes, or constant sub-graphs (./onnxFold.ts). Messages:
// ./onnxProto.ts on ./onnxWire.ts; stored values: ./onnxTensor.ts. Every malformed or unsupported input raises a
// FormatError with a readable message.
import type { GruWeights } from '../gru/weights';
import { LIMITS } from '../model/model';
import { fromOnnx } from '../layouts/onnx';
import { ReadBudget } from './budget';
import { Resolver } from './onnxFold';
import { parseModel, type NodeProto } from './onnxProto';
import type { Value } from './onnxTensor';
import { UTF8, fail } from './onnxWire';
import { FormatError } from './types';

export type OnnxDirection = 'forward' | 'reverse' | 'bidirectional';

export interface OnnxGruCell {
  /** Index of the GRU node among all nodes of the graph. */
  nodeIndex: number;
  /** 0-based among the GRU nodes (torch.onnx.export writes one per layer, in order). */
  gruIndex: number;
  nodeName: string;
  /** This cell's direction. */
  direction: 'forward' | 'reverse';
  /** The node's direction attribute. */
  nodeDirection: OnnxDirection;
  /** PyTorch layout (blocks reordered z|r|h → r|z|n; values exact). */
  weights: GruWeights;
  /** 1: PyTorch's cell (reset-after). 0 (the ONNX default): reset-before — gruCell is a different function. */
  linearBeforeReset: 0 | 1;
  /** [f, g] for this direction; ONNX defaults are Sigmoid, Tanh. */
  activations: [string, string];
  clip: number | null;
  /** 0: X is [seq, batch, I] (default); 1: batch first. Does not affect the weights. */
  layout: number;
  /** false when the node has no B input (biases are zero). */
  hasBias: boolean;
  /** The suffix of PyTorch's state_dict names for this cell if the model came from nn.GRU: "_l0", "_l1_reverse". */
  pytorchSuffix: string;
  /** Value names of W, R, B and how each is stored. */
  sources: { W: string; R: string; B: string | null; origins: string[] };
  warnings: string[];
}

export interface OnnxGruModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  /** Version of the default ("ai.onnx") opset, null if absent. */
  opsetVersion: number | null;
  graphName: string;
  /** Op types of the main graph, each once, in order of first appearance. */
  opTypes: string[];
  nodeCount: number;
  /** One per GRU node and direction, in graph order (forward before reverse). */
  cells: OnnxGruCell[];
  /** Every cell's warnings, prefixed with its node and direction. */
  warnings: string[];
}

export const LINEAR_BEFORE_RESET_WARNING =
  'linear_before_reset = 0: this GRU uses reset-before semantics, n = tanh(W_n x + Wb_n + R_n (r ⊙ h) + Rb_n). ' +
  "PyTorch's cell, n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), is a different function, so these weights will not " +
  'reproduce the model in nn.GRU (evaluate it with gruCellVariant(…, { resetAfter: false })). If the model came from ' +
  'torch.onnx.export, this is the exporter bug pytorch#189225 (see gru-conventions, ONNX section).';

function attrString(node: NodeProto, name: string): string | null {
  const a = node.attributes.get(name);
  return a && a.s ? UTF8.decode(a.s) : null;
}

function checkSize(label: string, what: string, n: number, limit: number): void {
  if (!Number.isSafeInteger(n) || n < 1) fail(`${label}: ${what} ${n} is not a positive integer`);
  if (n > limit) fail(`${label}: ${what} ${n} is larger than the explorer's limit of ${limit}`);
}

/**
 * GRU weights in PyTorch layout by the W, R and B values they came from: nodes that share a weight set (a graph
 * may repeat one GRU many times) share one converted copy, counted once against the budget.
 */
interface LayoutCache {
  budget: ReadBudget;
  weights: Map<string, GruWeights[]>;
}

function readGruNode(node: NodeProto, nodeIndex: number, gruIndex: number, resolver: Resolver, layouts: LayoutCache): OnnxGruCell[] {
  const label = `GRU node ${nodeIndex}${node.name ? ` "${node.name}"` : ''}`;
  const direction = (attrString(node, 'direction') ?? 'forward') as OnnxDirection;
  if (direction !== 'forward' && direction !== 'reverse' && direction !== 'bidirectional') {
    fail(`${label}: direction "${direction}" is not forward, reverse or bidirectional`);
  }
  const D = direction === 'bidirectional' ? 2 : 1;
  const lbrAttr = node.attributes.get('linear_before_reset');
  const lbr = lbrAttr && lbrAttr.i !== null ? lbrAttr.i : 0;
  if (lbr !== 0 && lbr !== 1) fail(`${label}: linear_before_reset = ${lbr}, expected 0 or 1`);
  const layoutAttr = node.attributes.get('layout');
  const layout = layoutAttr && layoutAttr.i !== null ? layoutAttr.i : 0;

  const name = (i: number): string => node.inputs[i] ?? '';
  if (!name(1) || !name(2)) fail(`${label} has no W or R input`);
  const hsAttr = node.attributes.get('hidden_size');
  // Checked before W and R are decoded: one limit for sizes, the explorer's.
  if (hsAttr && hsAttr.i !== null) checkSize(label, 'hidden_size', hsAttr.i, LIMITS.hiddenSize);
  const floats = (i: number, n: string): Value => {
    const v = resolver.resolve(name(i), `${label} ${n}`);
    if (v.kind !== 'float') fail(`${label}: ${n} is an integer tensor, not floating point`);
    return v;
  };
  const W = floats(1, 'W');
  const R = floats(2, 'R');
  const B = name(3) ? floats(3, 'B') : null;
  if (W.dims.length !== 3 || R.dims.length !== 3) {
    fail(`${label}: W has dims [${W.dims.join(', ')}] and R [${R.dims.join(', ')}]; both must be [num_directions, 3H, …]`);
  }
  const H = hsAttr && hsAttr.i !== null ? hsAttr.i : R.dims[2];
  checkSize(label, 'hidden_size', H, LIMITS.hiddenSize);
  const I = W.dims[2];
  checkSize(label, 'input size', I, LIMITS.inputSize);
  const expect = (n: string, dims: number[], want: number[]): void => {
    if (dims.length !== want.length || dims.some((d, i) => d !== want[i])) {
      fail(`${label}: ${n} has dims [${dims.join(', ')}], expected [${want.join(', ')}] (direction ${direction}, hidden_size ${H})`);
    }
  };
  expect('W', W.dims, [D, 3 * H, I]);
  expect('R', R.dims, [D, 3 * H, H]);
  if (B) expect('B', B.dims, [D, 6 * H]);

  const key = [name(1), name(2), name(3), I, H, D].join('\u0000');
  let weights = layouts.weights.get(key);
  if (!weights) {
    const count = W.data.length + R.data.length + (B ? B.data.length : 0) + 6 * H * D;
    layouts.budget.add(count, `${label} weights`);
    layouts.budget.spend('relayout', count, `${label} weights`);
    weights = fromOnnx({ W: W.data, R: R.data, B: B ? B.data : null, inputSize: I, hiddenSize: H, numDirections: D });
    layouts.weights.set(key, weights);
  }

  const actAttr = node.attributes.get('activations');
  const acts = actAttr ? actAttr.strings.map((s) => UTF8.decode(s)) : [];
  const common: string[] = [];
  if (lbr === 0) common.push(LINEAR_BEFORE_RESET_WARNING);
  if (actAttr && acts.length !== 2 * D) {
    common.push(`activations has ${acts.length} entries; the operator expects 2 per direction (${2 * D})`);
  }
  const clipAttr = node.attributes.get('clip');
  const clip = clipAttr && clipAttr.f !== null ? clipAttr.f : null;
  if (clip !== null) {
    common.push(`clip = ${clip}: pre-activations are clipped to [−${clip}, ${clip}]; PyTorch's cell has no clip`);
  }
  if (node.attributes.has('activation_alpha') || node.attributes.has('activation_beta')) {
    common.push("activation_alpha / activation_beta are set: the activations are parameterised, unlike PyTorch's σ and tanh");
  }
  if ([W, R, B].some((v) => v && v.fromDouble)) common.push('weights were stored as DOUBLE and are rounded to float32');
  if (name(4)) common.push(`sequence_lens is given ("${name(4)}"): sequences may stop early; the cell weights are unaffected`);

  const origins = [name(1), name(2), ...(name(3) ? [name(3)] : [])].map((n) => `${n}: ${resolver.origin(n)}`);
  return weights.map((w, d) => {
    const dir: 'forward' | 'reverse' = direction === 'reverse' || d === 1 ? 'reverse' : 'forward';
    const f = acts[2 * d] ?? 'Sigmoid';
    const g = acts[2 * d + 1] ?? 'Tanh';
    const warnings = common.slice();
    if (f.toLowerCase() !== 'sigmoid' || g.toLowerCase() !== 'tanh') {
      warnings.push(`activations are ${f}, ${g} (not Sigmoid, Tanh): PyTorch's cell uses σ and tanh`);
    }
    return {
      nodeIndex,
      gruIndex,
      nodeName: node.name,
      direction: dir,
      nodeDirection: direction,
      weights: w,
      linearBeforeReset: lbr as 0 | 1,
      activations: [f, g],
      clip,
      layout,
      hasBias: B !== null,
      pytorchSuffix: `_l${gruIndex}${dir === 'reverse' ? '_reverse' : ''}`,
      sources: { W: name(1), R: name(2), B: name(3) || null, origins },
      warnings,
    };
  });
}

/** Cheap sniff: does this start like an ONNX ModelProto (ir_version, then a known ModelProto field)? */
export function looksLikeOnnx(data: Uint8Array | ArrayBuffer): boolean {
  const b = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (b.length < 4 || b[0] !== 0x08) return false;
  let i = 1;
  while (i < b.length && i < 11 && b[i] & 0x80) i++;
  const next = b[i + 1];
  // producer_name 2, producer_version 3, domain 4, model_version 5, doc_string 6, graph 7, opset_import 8
  return next !== undefined && [0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42].includes(next);
}

/**
 * Reads an .onnx file and returns every GRU cell of its main graph in PyTorch layout. Throws a FormatError
 * (like every checkpoint reader) with a readable message for anything malformed or unsupported.
 */
export function readOnnxGru(data: Uint8Array | ArrayBuffer): OnnxGruModel {
  try {
    return readOnnxGruUnchecked(data);
  } catch (e) {
    // Size checks shared with the rest of the core throw plain Errors: give them the readers' error type.
    if (e instanceof Error && e.constructor === Error) throw new FormatError(e.message, { cause: e });
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new FormatError("the ONNX model is nested too deeply to read (the reader's stack ran out)", { cause: e });
    }
    throw e;
  }
}

function readOnnxGruUnchecked(data: Uint8Array | ArrayBuffer): OnnxGruModel {
  if (!(data instanceof Uint8Array) && !(data instanceof ArrayBuffer))
    fail('expected the bytes of an .onnx file (Uint8Array or ArrayBuffer)');
  const buf = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (buf.length === 0) fail('the file is empty');
  const budget = new ReadBudget(buf.length);
  const model = parseModel(buf);
  const graph = model.graph;
  if (!graph) fail('not an ONNX model: no graph (ModelProto field 7) found');
  const opset = model.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? null;
  const opTypes = [...new Set(graph.nodes.map((n) => (n.domain && n.domain !== 'ai.onnx' ? `${n.domain}::${n.opType}` : n.opType)))];
  const isGru = (n: NodeProto): boolean => n.opType === 'GRU' && (n.domain === '' || n.domain === 'ai.onnx');
  if (!graph.nodes.some(isGru)) {
    fail(
      graph.nodes.length === 0
        ? 'the ONNX graph has no nodes, so no GRU'
        : `no GRU node in the ONNX graph; it has ${graph.nodes.length} nodes of types: ${opTypes.slice(0, 40).join(', ')}${opTypes.length > 40 ? `, … (${opTypes.length} types)` : ''}`,
    );
  }
  const resolver = new Resolver(graph, budget);
  const cells: OnnxGruCell[] = [];
  const layouts: LayoutCache = { budget, weights: new Map() };
  let gruIndex = 0;
  graph.nodes.forEach((node, i) => {
    if (isGru(node)) cells.push(...readGruNode(node, i, gruIndex++, resolver, layouts));
  });
  const warnings = cells.flatMap((c) =>
    c.warnings.map((w) => `GRU ${c.gruIndex}${c.nodeName ? ` "${c.nodeName}"` : ''} (${c.direction}): ${w}`),
  );
  return {
    irVersion: model.irVersion,
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    opsetVersion: opset,
    graphName: graph.name,
    opTypes,
    nodeCount: graph.nodes.length,
    cells,
    warnings,
  };
}
