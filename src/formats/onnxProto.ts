// ONNX's ModelProto (onnx/onnx.proto) read from the wire (./onnxWire.ts), keeping what a GRU needs. Field numbers:
//   ModelProto: ir_version 1, producer_name 2, producer_version 3, graph 7, opset_import 8
//   GraphProto: node 1, name 2, initializer 5, input 11, sparse_initializer 15
//   NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7
//   AttributeProto: name 1, f 2, i 3, s 4, t 5, g 6, floats 7, ints 8, strings 9, graphs 11, type 20
//   TensorProto: dims 1, data_type 2, segment 3, float_data 4, int32_data 5, int64_data 7, name 8, raw_data 9,
//                double_data 10, external_data 13, data_location 14
import { Wire } from './onnxWire';

export interface TensorProto {
  name: string;
  dims: number[];
  dataType: number;
  raw: Uint8Array | null;
  floatData: number[];
  int32Data: number[];
  int64Data: number[];
  doubleData: number[];
  external: boolean;
  segmented: boolean;
}

export interface AttributeProto {
  name: string;
  type: number;
  f: number | null;
  i: number | null;
  s: Uint8Array | null;
  t: TensorProto | null;
  floats: number[];
  ints: number[];
  strings: Uint8Array[];
  hasGraph: boolean;
}

export interface NodeProto {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, AttributeProto>;
}

export interface GraphProto {
  name: string;
  nodes: NodeProto[];
  initializers: Map<string, TensorProto>;
  sparseInitializers: Set<string>;
  inputs: Set<string>;
}

export interface ModelProto {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsets: { domain: string; version: number }[];
  graph: GraphProto | null;
}

const readInt64 = (w: Wire): number => w.int64();
const readFloat32 = (w: Wire): number => w.float32();
const readFloat64 = (w: Wire): number => w.float64();

function parseTensor(w: Wire): TensorProto {
  const t: TensorProto = {
    name: '',
    dims: [],
    dataType: 0,
    raw: null,
    floatData: [],
    int32Data: [],
    int64Data: [],
    doubleData: [],
    external: false,
    segmented: false,
  };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.repeated(wire, 0, 'dims', readInt64, t.dims);
        break;
      case 2:
        w.expect(wire, 0, 'data_type');
        t.dataType = w.uint();
        break;
      case 3:
        t.segmented = true;
        w.skip(wire);
        break;
      case 4:
        w.repeated(wire, 5, 'float_data', readFloat32, t.floatData);
        break;
      case 5:
        w.repeated(wire, 0, 'int32_data', readInt64, t.int32Data);
        break;
      case 7:
        w.repeated(wire, 0, 'int64_data', readInt64, t.int64Data);
        break;
      case 8:
        w.expect(wire, 2, 'name');
        t.name = w.string();
        break;
      case 9:
        w.expect(wire, 2, 'raw_data');
        t.raw = w.bytes();
        break;
      case 10:
        w.repeated(wire, 1, 'double_data', readFloat64, t.doubleData);
        break;
      case 13:
        t.external = true;
        w.skip(wire);
        break;
      case 14:
        w.expect(wire, 0, 'data_location');
        if (w.uint() === 1) t.external = true;
        break;
      default:
        w.skip(wire);
    }
  }
  return t;
}

function parseAttribute(w: Wire): AttributeProto {
  const a: AttributeProto = {
    name: '',
    type: 0,
    f: null,
    i: null,
    s: null,
    t: null,
    floats: [],
    ints: [],
    strings: [],
    hasGraph: false,
  };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.expect(wire, 2, 'name');
        a.name = w.string();
        break;
      case 2:
        w.expect(wire, 5, 'f');
        a.f = w.float32();
        break;
      case 3:
        w.expect(wire, 0, 'i');
        a.i = w.int64();
        break;
      case 4:
        w.expect(wire, 2, 's');
        a.s = w.bytes();
        break;
      case 5:
        w.expect(wire, 2, 't');
        a.t = parseTensor(w.sub('TensorProto'));
        break;
      case 6:
      case 11:
        a.hasGraph = true;
        w.skip(wire);
        break;
      case 7:
        w.repeated(wire, 5, 'floats', readFloat32, a.floats);
        break;
      case 8:
        w.repeated(wire, 0, 'ints', readInt64, a.ints);
        break;
      case 9:
        w.expect(wire, 2, 'strings');
        a.strings.push(w.bytes());
        break;
      case 20:
        w.expect(wire, 0, 'type');
        a.type = w.uint();
        break;
      default:
        w.skip(wire);
    }
  }
  return a;
}

function parseNode(w: Wire): NodeProto {
  const n: NodeProto = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: new Map() };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.expect(wire, 2, 'input');
        n.inputs.push(w.string());
        break;
      case 2:
        w.expect(wire, 2, 'output');
        n.outputs.push(w.string());
        break;
      case 3:
        w.expect(wire, 2, 'name');
        n.name = w.string();
        break;
      case 4:
        w.expect(wire, 2, 'op_type');
        n.opType = w.string();
        break;
      case 5: {
        w.expect(wire, 2, 'attribute');
        const a = parseAttribute(w.sub('AttributeProto'));
        n.attributes.set(a.name, a);
        break;
      }
      case 7:
        w.expect(wire, 2, 'domain');
        n.domain = w.string();
        break;
      default:
        w.skip(wire);
    }
  }
  return n;
}

function parseValueInfoName(w: Wire): string {
  let name = '';
  while (!w.eof()) {
    const [field, wire] = w.key();
    if (field === 1) {
      w.expect(wire, 2, 'name');
      name = w.string();
    } else w.skip(wire);
  }
  return name;
}

function parseSparseName(w: Wire): string {
  // SparseTensorProto: values 1 (a TensorProto that carries the name).
  let name = '';
  while (!w.eof()) {
    const [field, wire] = w.key();
    if (field === 1) {
      w.expect(wire, 2, 'values');
      name = parseTensor(w.sub('TensorProto')).name;
    } else w.skip(wire);
  }
  return name;
}

function parseGraph(w: Wire): GraphProto {
  const g: GraphProto = { name: '', nodes: [], initializers: new Map(), sparseInitializers: new Set(), inputs: new Set() };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.expect(wire, 2, 'node');
        g.nodes.push(parseNode(w.sub('NodeProto')));
        break;
      case 2:
        w.expect(wire, 2, 'name');
        g.name = w.string();
        break;
      case 5: {
        w.expect(wire, 2, 'initializer');
        const t = parseTensor(w.sub('TensorProto'));
        g.initializers.set(t.name, t);
        break;
      }
      case 11:
        w.expect(wire, 2, 'input');
        g.inputs.add(parseValueInfoName(w.sub('ValueInfoProto')));
        break;
      case 15:
        w.expect(wire, 2, 'sparse_initializer');
        g.sparseInitializers.add(parseSparseName(w.sub('SparseTensorProto')));
        break;
      default:
        w.skip(wire);
    }
  }
  return g;
}

function parseOpset(w: Wire): { domain: string; version: number } {
  const o = { domain: '', version: 0 };
  while (!w.eof()) {
    const [field, wire] = w.key();
    if (field === 1) {
      w.expect(wire, 2, 'domain');
      o.domain = w.string();
    } else if (field === 2) {
      w.expect(wire, 0, 'version');
      o.version = w.int64();
    } else w.skip(wire);
  }
  return o;
}

export function parseModel(buf: Uint8Array): ModelProto {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const w = new Wire(buf, view, 0, buf.length, 'ModelProto');
  const m: ModelProto = { irVersion: 0, producerName: '', producerVersion: '', opsets: [], graph: null };
  while (!w.eof()) {
    const [field, wire] = w.key();
    switch (field) {
      case 1:
        w.expect(wire, 0, 'ir_version');
        m.irVersion = w.int64();
        break;
      case 2:
        w.expect(wire, 2, 'producer_name');
        m.producerName = w.string();
        break;
      case 3:
        w.expect(wire, 2, 'producer_version');
        m.producerVersion = w.string();
        break;
      case 7:
        w.expect(wire, 2, 'graph');
        m.graph = parseGraph(w.sub('GraphProto'));
        break;
      case 8:
        w.expect(wire, 2, 'opset_import');
        m.opsets.push(parseOpset(w.sub('OperatorSetIdProto')));
        break;
      default:
        w.skip(wire);
    }
  }
  return m;
}
