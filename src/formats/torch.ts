// PyTorch checkpoints as torch.save writes them since 1.6 (a zip: <archive>/data.pkl, <archive>/data/<key> raw
// storages, <archive>/byteorder, <archive>/version). data.pkl is read by the safe pickle reader with an allow-list
// of globals; tensors are rebuilt from their storage, offset, size and stride in TypeScript, and named by their
// path in the checkpoint (./torchTensors.ts).
import { ITEM_SIZE, contiguousStrides, gatherStrided, type Dtype } from './binary';
import { PickleDict, PickleGlobal, PickleTuple, pickleError, unpickle, type OpContext, type PickleHooks } from './pickle';
import { FormatError, assertFileSize, describeValue, guard, shapeSize, type ProgressCallback, type TensorFile } from './types';
import { ReadBudget } from './budget';
import { Tensor, collectTensors } from './torchTensors';
import { extractZipEntry, readZip, reportExtraction, type ZipArchive } from './zip';

/** torch.<Name>Storage → dtype. */
const STORAGE_DTYPES: Record<string, Dtype> = {
  FloatStorage: 'float32',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  DoubleStorage: 'float64',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  ShortStorage: 'int16',
  IntStorage: 'int32',
  LongStorage: 'int64',
  BoolStorage: 'bool',
};

/** torch.<dtype> globals (used by _rebuild_tensor_v3 with an UntypedStorage). */
const TORCH_DTYPES: Record<string, Dtype | null> = {
  float32: 'float32',
  float: 'float32',
  float16: 'float16',
  half: 'float16',
  bfloat16: 'bfloat16',
  float64: 'float64',
  double: 'float64',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  short: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  int: 'int32',
  uint32: 'uint32',
  int64: 'int64',
  long: 'int64',
  uint64: 'uint64',
  bool: 'bool',
  // Known to PyTorch but not converted here: named so the error says "unsupported dtype".
  float8_e4m3fn: null,
  float8_e5m2: null,
  float8_e4m3fnuz: null,
  float8_e5m2fnuz: null,
  complex64: null,
  complex128: null,
  complex32: null,
  qint8: null,
  quint8: null,
  qint32: null,
};

const REBUILD_FUNCTIONS = new Set([
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch._tensor._rebuild_from_type_v2',
]);

/** Types that _rebuild_from_type_v2 may name: plain tensors and parameters (markers only). */
const TENSOR_TYPES = new Set(['torch.Tensor', 'torch.nn.parameter.Parameter']);

const ALLOWED =
  'collections.OrderedDict, torch._utils._rebuild_tensor_v2 (and _v3, _rebuild_parameter), torch.<Type>Storage, torch.<dtype>';

class StorageType {
  constructor(
    readonly name: string,
    /** null for torch.UntypedStorage (bytes; the dtype comes with the tensor). */
    readonly dtype: Dtype | null,
  ) {}
}

class DtypeMarker {
  constructor(
    readonly name: string,
    readonly dtype: Dtype | null,
  ) {}
}

class Storage {
  constructor(
    readonly key: string,
    readonly type: StorageType,
    /** Elements for typed storages, bytes for untyped ones. */
    readonly numel: number,
    readonly location: string,
  ) {}
}

/** Where the GLOBAL hint says what this probably is. */
function refusal(module: string, name: string): string {
  const full = `${module}.${name}`;
  let hint = '';
  if (module.startsWith('torch.nn') || module === '__main__' || module.startsWith('__torch__')) {
    hint = ': this looks like a whole model saved with torch.save(model); save model.state_dict() instead';
  } else if (module.startsWith('numpy')) {
    hint = ': numpy objects inside a checkpoint are not read; keep only tensors in the saved dict';
  } else if (module.startsWith('torch')) {
    hint = ': only tensors, storages and dicts of them are read';
  }
  return `refers to ${full}, which is not on the allow-list (${ALLOWED}); nothing was executed${hint}`;
}

interface TorchContext {
  zip: ZipArchive;
  prefix: string;
  littleEndian: boolean;
  budget: ReadBudget;
  storageBytes: Map<string, Uint8Array>;
  /** Tensors already rebuilt, by storage, dtype, offset, size and stride: the same view is decoded once. */
  views: Map<string, Tensor>;
}

function asInt(v: unknown, what: string, at: OpContext): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw pickleError(at, `${what} is ${describeValue(v)}, not an integer`);
  return v;
}

function asIntTuple(v: unknown, what: string, at: OpContext): number[] {
  if (!(v instanceof PickleTuple)) throw pickleError(at, `${what} is ${describeValue(v)}, not a tuple`);
  return v.items.map((d, k) => asInt(d, `${what}[${k}]`, at));
}

function storageData(ctx: TorchContext, storage: Storage, at: OpContext): Uint8Array {
  let data = ctx.storageBytes.get(storage.key);
  if (!data) {
    const name = `${ctx.prefix}data/${storage.key}`;
    const entry = ctx.zip.byName.get(name);
    if (!entry) throw pickleError(at, `storage "${storage.key}" is missing from the archive (no entry ${name})`);
    data = extractZipEntry(ctx.zip, entry);
    ctx.storageBytes.set(storage.key, data);
  }
  return data;
}

/** Row-major and dense (what gatherStrided copies in one piece). */
function isContiguous(shape: number[], strides: number[]): boolean {
  const natural = contiguousStrides(shape);
  return shape.every((d, k) => d === 1 || strides[k] === natural[k]);
}

function rebuildTensor(
  ctx: TorchContext,
  storage: unknown,
  offsetArg: unknown,
  sizeArg: unknown,
  strideArg: unknown,
  dtypeArg: DtypeMarker | null,
  at: OpContext,
): Tensor {
  if (!(storage instanceof Storage)) throw pickleError(at, `the tensor's storage is ${describeValue(storage)}`);
  const offset = asInt(offsetArg, 'storage offset', at);
  const shape = asIntTuple(sizeArg, 'size', at);
  const strides = asIntTuple(strideArg, 'stride', at);
  let dtype = storage.type.dtype;
  if (dtypeArg) {
    if (!dtypeArg.dtype) throw pickleError(at, `unsupported dtype ${dtypeArg.name}`);
    dtype = dtypeArg.dtype;
  }
  if (!dtype) throw pickleError(at, `a tensor on an untyped storage needs a dtype`);
  const itemSize = ITEM_SIZE[dtype];
  const data = storageData(ctx, storage, at);
  const available = storage.type.dtype ? storage.numel : Math.floor(storage.numel / itemSize);
  const declaredBytes = storage.type.dtype ? storage.numel * itemSize : storage.numel;
  if (data.length < declaredBytes) {
    throw new FormatError(`truncated: storage "${storage.key}" says ${declaredBytes} bytes but the archive entry has ${data.length}`);
  }
  const what = `tensor on storage "${storage.key}"`;
  const count = shapeSize(shape, what);
  const view = `${storage.key}\u0000${dtype}\u0000${offset}\u0000${shape.join(',')}\u0000${strides.join(',')}`;
  const seen = ctx.views.get(view);
  if (seen) return seen; // tied weights, or a hostile file naming one view many times: decoded once
  // Counted before decoding: a view with stride 0 (expand) or overlapping strides holds more elements than its
  // storage, and is bounded only by these limits.
  ctx.budget.add(count, what);
  ctx.budget.decode(count, dtype, ctx.littleEndian, isContiguous(shape, strides), what);
  const values = gatherStrided(data, dtype, ctx.littleEndian, available, offset, shape, strides, count, what);
  const tensor = new Tensor(shape, dtype, values);
  ctx.views.set(view, tensor);
  return tensor;
}

function makeHooks(ctx: TorchContext): PickleHooks {
  const hooks: PickleHooks = {
    resolveGlobal(module, name, at) {
      const full = `${module}.${name}`;
      if (full === 'collections.OrderedDict' || REBUILD_FUNCTIONS.has(full) || TENSOR_TYPES.has(full)) {
        return new PickleGlobal(module, name);
      }
      if (module === 'torch') {
        if (Object.hasOwn(STORAGE_DTYPES, name)) return new StorageType(name, STORAGE_DTYPES[name]);
        if (name === 'UntypedStorage') return new StorageType(name, null);
        if (Object.hasOwn(TORCH_DTYPES, name)) return new DtypeMarker(name, TORCH_DTYPES[name]);
        if (name.endsWith('Storage')) return new StorageType(name, null);
      }
      throw pickleError(at, refusal(module, name));
    },

    reduce(callable, args, at) {
      const a = args.items;
      if (!(callable instanceof PickleGlobal)) {
        throw pickleError(at, `calling ${describeValue(callable)} is not allowed`);
      }
      switch (callable.qualifiedName) {
        case 'collections.OrderedDict': {
          const dict = new PickleDict('OrderedDict');
          if (a.length === 1 && Array.isArray(a[0])) {
            for (const pair of a[0]) {
              if (!(pair instanceof PickleTuple) || pair.items.length !== 2) throw pickleError(at, 'OrderedDict items must be pairs');
              dict.map.set(pair.items[0], pair.items[1]);
            }
          } else if (a.length !== 0) throw pickleError(at, 'OrderedDict takes no arguments or a list of pairs');
          return dict;
        }
        case 'torch._utils._rebuild_tensor':
          if (a.length < 4) throw pickleError(at, '_rebuild_tensor needs 4 arguments');
          return rebuildTensor(ctx, a[0], a[1], a[2], a[3], null, at);
        case 'torch._utils._rebuild_tensor_v2':
          if (a.length < 6) throw pickleError(at, `_rebuild_tensor_v2 needs 6 or 7 arguments, got ${a.length}`);
          return rebuildTensor(ctx, a[0], a[1], a[2], a[3], null, at);
        case 'torch._utils._rebuild_tensor_v3':
          if (a.length < 7 || !(a[6] instanceof DtypeMarker))
            throw pickleError(at, '_rebuild_tensor_v3 needs 7 arguments ending with a dtype');
          return rebuildTensor(ctx, a[0], a[1], a[2], a[3], a[6], at);
        case 'torch._utils._rebuild_parameter':
        case 'torch._utils._rebuild_parameter_with_state':
          if (!(a[0] instanceof Tensor)) throw pickleError(at, `a parameter's data is ${describeValue(a[0])}, not a tensor`);
          return a[0];
        case 'torch._tensor._rebuild_from_type_v2': {
          // (func, new_type, args, state): only our rebuild functions and plain tensor types.
          const [func, type, inner] = a;
          if (!(type instanceof PickleGlobal) || !TENSOR_TYPES.has(type.qualifiedName)) {
            throw pickleError(at, `_rebuild_from_type_v2 with type ${describeValue(type)} is not allowed`);
          }
          if (!(inner instanceof PickleTuple)) throw pickleError(at, '_rebuild_from_type_v2 needs an argument tuple');
          if (!(func instanceof PickleGlobal) || !func.qualifiedName.startsWith('torch._utils._rebuild_')) {
            throw pickleError(at, `_rebuild_from_type_v2 with function ${describeValue(func)} is not allowed`);
          }
          return hooks.reduce(func, inner, at);
        }
        default:
          throw pickleError(at, `calling ${callable.qualifiedName} is not allowed`);
      }
    },

    persistentLoad(pid, at) {
      // ('storage', storage_type, key, location, numel)
      if (!(pid instanceof PickleTuple) || pid.items[0] !== 'storage' || pid.items.length < 5) {
        throw pickleError(at, `persistent id ${describeValue(pid)} is not a ('storage', type, key, location, numel) tuple`);
      }
      const [, type, key, location, numel] = pid.items;
      if (!(type instanceof StorageType)) throw pickleError(at, `storage type is ${describeValue(type)}`);
      if (type.dtype === null && type.name !== 'UntypedStorage') throw pickleError(at, `unsupported storage type torch.${type.name}`);
      if (typeof key !== 'string') throw pickleError(at, `storage key is ${describeValue(key)}, not a string`);
      if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw pickleError(at, `storage key ${JSON.stringify(key.slice(0, 40))} is not a plain name`);
      const n = asInt(numel, 'storage size', at);
      if (n < 0) throw pickleError(at, `storage size ${n} is negative`);
      return new Storage(key, type, n, typeof location === 'string' ? location : String(location));
    },

    build(obj, state, at) {
      if (obj instanceof PickleDict) {
        obj.state = state; // an OrderedDict's _metadata: not needed
        return obj;
      }
      if (obj instanceof Tensor) return obj; // _rebuild_parameter_with_state / subclass state
      throw pickleError(at, `cannot set the state of ${describeValue(obj)}`);
    },
  };
  return hooks;
}

/**
 * Reads a PyTorch zip checkpoint (torch.save since 1.6: .pt, .pth, .bin, .ckpt), telling `onProgress` how much of
 * the tensor data is checked.
 */
export function readTorch(bytes: Uint8Array, onProgress?: ProgressCallback): TensorFile {
  assertFileSize(bytes.length);
  return guard('the PyTorch checkpoint', () => {
    const zip = readZip(bytes, 'PyTorch checkpoint');
    reportExtraction(zip, onProgress);
    const pickles = zip.entries.filter((e) => /^[^/]*\/?data\.pkl$/.test(e.name));
    if (pickles.length === 0) {
      const other = zip.entries.find((e) => e.name.endsWith('.pkl'));
      throw new FormatError(
        other
          ? `this zip archive has ${other.name} but no <archive>/data.pkl, so it is not a torch.save checkpoint`
          : 'this zip archive has no data.pkl, so it is not a PyTorch checkpoint',
      );
    }
    const pkl = pickles[0];
    const prefix = pkl.name.slice(0, pkl.name.length - 'data.pkl'.length);
    if (zip.byName.has(`${prefix}constants.pkl`) || zip.entries.some((e) => e.name.startsWith(`${prefix}code/`))) {
      throw new FormatError('this is a TorchScript archive (torch.jit.save); save model.state_dict() with torch.save to read its weights');
    }
    let littleEndian = true;
    const order = zip.byName.get(`${prefix}byteorder`);
    if (order) {
      const text = new TextDecoder().decode(extractZipEntry(zip, order)).trim();
      if (text === 'big') littleEndian = false;
      else if (text !== 'little') throw new FormatError(`unknown byteorder ${JSON.stringify(text.slice(0, 20))}`);
    }
    const ctx: TorchContext = { zip, prefix, littleEndian, budget: zip.budget, storageBytes: new Map(), views: new Map() };
    const root = unpickle(extractZipEntry(zip, pkl), makeHooks(ctx));
    const notes: string[] = [];
    const tensors = collectTensors(root, notes);
    if (tensors.length === 0) {
      throw new FormatError(`the checkpoint holds no tensors (its data.pkl is ${describeValue(root)})`);
    }
    return { format: 'pt', tensors, notes };
  });
}

/** Pickles from before PyTorch 1.6 (or _use_new_zipfile_serialization=False) start with a protocol-2 pickle. */
export function isLegacyTorch(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] >= 2 && bytes[1] <= 5;
}

export const LEGACY_TORCH_MESSAGE =
  'this is a raw pickle (the legacy torch.save format from before PyTorch 1.6, or _use_new_zipfile_serialization=False); ' +
  'load it in PyTorch and save it again with torch.save(model.state_dict(), path)';
