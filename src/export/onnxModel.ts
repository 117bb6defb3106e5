// The explorer's cell as a runnable ONNX model: one GRU node (onnx/defs/rnn/defs.cc) with
//   inputs  X [seq, batch, I] and initial_h [1, batch, H] (graph inputs; seq and batch are symbolic),
//           W [1, 3H, I], R [1, 3H, H], B [1, 6H] (initializers from toOnnx: blocks z | r | h),
//   outputs Y [seq, 1, batch, H] and Y_h [1, batch, H],
//   attributes hidden_size = H, direction = "forward", linear_before_reset = 1 (PyTorch's cell; the
//   operator's default 0 is the reset-before variant). Activations are left at their defaults, Sigmoid and Tanh.
// Field numbers from onnx/onnx.proto:
//   ModelProto: ir_version 1, producer_name 2, producer_version 3, doc_string 6, graph 7, opset_import 8
//   OperatorSetIdProto: domain 1, version 2
//   GraphProto: node 1, name 2, initializer 5, doc_string 10, input 11, output 12
//   NodeProto: input 1, output 2, name 3, op_type 4, attribute 5
//   AttributeProto: name 1, i 3, s 4, type 20 (AttributeType INT 2, STRING 3)
//   TensorProto: dims 1, data_type 2 (FLOAT 1), name 8, raw_data 9 (fixed-width little-endian)
//   ValueInfoProto: name 1, type 2; TypeProto: tensor_type 1; TypeProto.Tensor: elem_type 1, shape 2
//   TensorShapeProto: dim 1; Dimension: dim_value 1, dim_param 2
import type { GruWeights } from '../gru/weights';
import { toOnnx } from '../layouts/onnx';
import { float32ToBytes } from '../share/bytes';
import { ProtoWriter } from './protoWriter';

/** Opset 14 (ONNX 1.9) has GRU-14 with the `layout` attribute; IR version 7 is the one that release writes. */
export const ONNX_OPSET = 14;
export const ONNX_IR_VERSION = 7;

const FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;

export interface OnnxExportOptions {
  /** Declare initial_h as a graph input (default true); without it the GRU starts from h = 0. */
  initialH?: boolean;
  producerVersion?: string;
}

type Dim = number | string;

function tensor(w: ProtoWriter, name: string, dims: number[], values: Float32Array): void {
  for (const d of dims) w.int(1, d);
  w.int(2, FLOAT);
  w.string(8, name);
  w.bytes(9, float32ToBytes(values));
}

function valueInfo(w: ProtoWriter, name: string, dims: Dim[]): void {
  w.string(1, name);
  w.message(2, (type) =>
    type.message(1, (t) => {
      t.int(1, FLOAT);
      t.message(2, (shape) => {
        for (const d of dims) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

const intAttr = (name: string, value: number) => (a: ProtoWriter) => a.string(1, name).int(3, value).int(20, ATTR_INT);
const stringAttr = (name: string, value: string) => (a: ProtoWriter) => a.string(1, name).string(4, value).int(20, ATTR_STRING);

/** An .onnx ModelProto that runs the cell (one step per element of X's first axis). */
export function encodeOnnxGru(weights: GruWeights, options: OnnxExportOptions = {}): Uint8Array {
  const { W, R, B, shapes, hiddenSize: H, inputSize: I } = toOnnx(weights);
  const withInitialH = options.initialH ?? true;
  const model = new ProtoWriter();
  model.int(1, ONNX_IR_VERSION);
  model.string(2, 'GRU Explorer');
  if (options.producerVersion) model.string(3, options.producerVersion);
  model.string(
    6,
    `GRU cell, I = ${I}, H = ${H}, as PyTorch nn.GRUCell computes it (linear_before_reset = 1). ` +
      'W, R, B hold weight_ih, weight_hh, bias_ih | bias_hh with row blocks reordered r|z|n → z|r|h.',
  );
  model.message(7, (graph) => {
    graph.message(1, (node) => {
      // Input 4 (sequence_lens) is named '' (absent): every sequence runs its full length.
      for (const input of withInitialH ? ['X', 'W', 'R', 'B', '', 'initial_h'] : ['X', 'W', 'R', 'B']) node.string(1, input);
      node.string(2, 'Y').string(2, 'Y_h');
      node.string(3, 'gru');
      node.string(4, 'GRU');
      node.message(5, intAttr('hidden_size', H));
      node.message(5, stringAttr('direction', 'forward'));
      node.message(5, intAttr('linear_before_reset', 1));
    });
    graph.string(2, 'gru_explorer');
    graph.message(5, (t) => tensor(t, 'W', shapes.W, W));
    graph.message(5, (t) => tensor(t, 'R', shapes.R, R));
    graph.message(5, (t) => tensor(t, 'B', shapes.B, B));
    graph.message(11, (v) => valueInfo(v, 'X', ['seq', 'batch', I]));
    if (withInitialH) graph.message(11, (v) => valueInfo(v, 'initial_h', [1, 'batch', H]));
    graph.message(12, (v) => valueInfo(v, 'Y', ['seq', 1, 'batch', H]));
    graph.message(12, (v) => valueInfo(v, 'Y_h', [1, 'batch', H]));
  });
  model.message(8, (opset) => opset.string(1, '').int(2, ONNX_OPSET));
  return model.finish();
}
