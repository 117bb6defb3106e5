// A small, safe pickle reader: the binary opcodes (protocols 2–5) that a PyTorch state_dict uses, and nothing that
// imports or calls code on its own. GLOBAL / STACK_GLOBAL, REDUCE, BUILD and BINPERSID are delegated to hooks:
// the caller decides which names exist (an allow-list) and what "calling" them means (plain TypeScript that builds
// data). The default hooks refuse every global, so an unknown pickle can only ever produce plain data or an error.
import { decodeLatin1, decodeUtf8 } from './binary';
import { FormatError, describeValue } from './types';

/** A Python tuple. */
export class PickleTuple {
  constructor(readonly items: unknown[]) {}
}

/** A Python dict (or OrderedDict), insertion-ordered. */
export class PickleDict {
  readonly map = new Map<unknown, unknown>();
  /** State given by BUILD (e.g. an OrderedDict's `_metadata`), kept but not interpreted. */
  state: unknown = undefined;
  constructor(readonly className = 'dict') {}
}

/** A global reference (module.name) the hooks agreed to resolve; it is a marker, never code. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/** Context of an opcode, for error messages. */
export interface OpContext {
  opcode: number;
  opname: string;
  position: number;
}

export interface PickleHooks {
  /** GLOBAL / STACK_GLOBAL: return a marker for an allowed name, or throw. */
  resolveGlobal(module: string, name: string, at: OpContext): unknown;
  /** REDUCE (callable, args): build data from an allowed marker, or throw. */
  reduce(callable: unknown, args: PickleTuple, at: OpContext): unknown;
  /** BINPERSID. */
  persistentLoad(pid: unknown, at: OpContext): unknown;
  /** BUILD (obj, state): return the object to leave on the stack. */
  build?(obj: unknown, state: unknown, at: OpContext): unknown;
}

const OPNAMES: Record<number, string> = {
  0x28: 'MARK',
  0x2e: 'STOP',
  0x30: 'POP',
  0x31: 'POP_MARK',
  0x32: 'DUP',
  0x42: 'BINBYTES',
  0x43: 'SHORT_BINBYTES',
  0x46: 'FLOAT',
  0x47: 'BINFLOAT',
  0x49: 'INT',
  0x4a: 'BININT',
  0x4b: 'BININT1',
  0x4c: 'LONG',
  0x4d: 'BININT2',
  0x4e: 'NONE',
  0x50: 'PERSID',
  0x51: 'BINPERSID',
  0x52: 'REDUCE',
  0x53: 'STRING',
  0x54: 'BINSTRING',
  0x55: 'SHORT_BINSTRING',
  0x56: 'UNICODE',
  0x58: 'BINUNICODE',
  0x5d: 'EMPTY_LIST',
  0x61: 'APPEND',
  0x62: 'BUILD',
  0x63: 'GLOBAL',
  0x64: 'DICT',
  0x65: 'APPENDS',
  0x67: 'GET',
  0x68: 'BINGET',
  0x69: 'INST',
  0x6a: 'LONG_BINGET',
  0x6c: 'LIST',
  0x6f: 'OBJ',
  0x70: 'PUT',
  0x71: 'BINPUT',
  0x72: 'LONG_BINPUT',
  0x73: 'SETITEM',
  0x74: 'TUPLE',
  0x75: 'SETITEMS',
  0x7d: 'EMPTY_DICT',
  0x29: 'EMPTY_TUPLE',
  0x80: 'PROTO',
  0x81: 'NEWOBJ',
  0x82: 'EXT1',
  0x83: 'EXT2',
  0x84: 'EXT4',
  0x85: 'TUPLE1',
  0x86: 'TUPLE2',
  0x87: 'TUPLE3',
  0x88: 'NEWTRUE',
  0x89: 'NEWFALSE',
  0x8a: 'LONG1',
  0x8b: 'LONG4',
  0x8c: 'SHORT_BINUNICODE',
  0x8d: 'BINUNICODE8',
  0x8e: 'BINBYTES8',
  0x8f: 'EMPTY_SET',
  0x90: 'ADDITEMS',
  0x91: 'FROZENSET',
  0x92: 'NEWOBJ_EX',
  0x93: 'STACK_GLOBAL',
  0x94: 'MEMOIZE',
  0x95: 'FRAME',
  0x96: 'BYTEARRAY8',
  0x97: 'NEXT_BUFFER',
  0x98: 'READONLY_BUFFER',
};

export function opcodeName(op: number): string {
  return `0x${op.toString(16).padStart(2, '0')} (${OPNAMES[op] ?? 'unknown opcode'})`;
}

export function pickleError(at: OpContext, message: string): FormatError {
  return new FormatError(`pickle opcode ${opcodeName(at.opcode)} at byte ${at.position}: ${message}`);
}

/** Hooks that refuse every global and persistent id: plain data only. */
export const DATA_ONLY_HOOKS: PickleHooks = {
  resolveGlobal(module, name, at) {
    throw pickleError(at, `refers to ${module}.${name}, which is not allowed (nothing was executed)`);
  },
  reduce(_callable, _args, at) {
    throw pickleError(at, 'calls are not allowed');
  },
  persistentLoad(_pid, at) {
    throw pickleError(at, 'persistent ids are not allowed');
  },
};

const MAX_MEMO = 1_000_000;

/** Python identifiers (module paths and qualified names) only: no spaces, quotes or parentheses. */
const DOTTED_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Unpickles `bytes` with `hooks`; every failure is a FormatError naming the opcode and position. */
export function unpickle(bytes: Uint8Array, hooks: PickleHooks = DATA_ONLY_HOOKS): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let stack: unknown[] = [];
  const marks: unknown[][] = [];
  const memo = new Map<number, unknown>();
  let at: OpContext = { opcode: 0, opname: '', position: 0 };

  const fail = (message: string): FormatError => pickleError(at, message);
  const take = (n: number): number => {
    if (!Number.isSafeInteger(n) || n < 0 || pos + n > bytes.length) {
      throw new FormatError(
        `truncated pickle: opcode ${opcodeName(at.opcode)} at byte ${at.position} needs ${n} more bytes but the pickle has ${bytes.length - pos} left`,
      );
    }
    const start = pos;
    pos += n;
    return start;
  };
  const u8 = () => bytes[take(1)];
  const u16 = () => view.getUint16(take(2), true);
  const u32 = () => view.getUint32(take(4), true);
  const u64 = () => {
    const start = take(8);
    const hi = view.getUint32(start + 4, true);
    if (hi >= 0x200000) throw fail('length is larger than 2^53');
    return hi * 0x100000000 + view.getUint32(start, true);
  };
  const readLine = (): string => {
    const start = pos;
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0 || end - start > 1000) throw fail('has no newline-terminated name');
    pos = end + 1;
    return decodeLatin1(bytes.subarray(start, end));
  };
  const pop = (): unknown => {
    if (stack.length === 0) throw fail('the stack is empty');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) throw fail('the stack is empty');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const previous = marks.pop();
    if (!previous) throw fail('there is no MARK');
    stack = previous;
    return items;
  };
  const put = (index: number): void => {
    if (memo.size >= MAX_MEMO && !memo.has(index)) throw fail(`the memo holds more than ${MAX_MEMO} objects`);
    memo.set(index, top());
  };
  const get = (index: number): void => {
    if (!memo.has(index)) throw fail(`memo entry ${index} was never stored`);
    stack.push(memo.get(index));
  };
  const long = (n: number): number | bigint => {
    if (n === 0) return 0;
    if (n > 64) throw fail(`a ${n}-byte integer is too large`);
    const start = take(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[start + i]);
    if (bytes[start + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const setItems = (dict: unknown, items: unknown[]): void => {
    if (!(dict instanceof PickleDict)) throw fail(`cannot set items on ${describeValue(dict)}`);
    if (items.length % 2 !== 0) throw fail('has an odd number of keys and values');
    for (let i = 0; i < items.length; i += 2) {
      const key = items[i];
      if (key !== null && typeof key === 'object' && !(key instanceof PickleTuple)) {
        throw fail(`${describeValue(key)} cannot be a dict key`);
      }
      dict.map.set(key, items[i + 1]);
    }
  };
  const appendItems = (list: unknown, items: unknown[]): void => {
    if (!Array.isArray(list)) throw fail(`cannot append to ${describeValue(list)}`);
    for (const item of items) list.push(item);
  };
  const global = (module: string, name: string): unknown => {
    if (!DOTTED_NAME.test(module) || !DOTTED_NAME.test(name)) {
      throw fail(`refers to the malformed global ${JSON.stringify(`${module} ${name}`.slice(0, 80))}`);
    }
    return hooks.resolveGlobal(module, name, at);
  };

  for (;;) {
    if (pos >= bytes.length) {
      throw new FormatError(`truncated pickle: it ends after ${bytes.length} bytes without a STOP opcode`);
    }
    const opcode = bytes[pos];
    at = { opcode, opname: OPNAMES[opcode] ?? 'unknown', position: pos };
    pos += 1;
    switch (opcode) {
      case 0x80: {
        const proto = u8();
        if (proto > 5) throw fail(`pickle protocol ${proto} is not supported (at most 5)`);
        break;
      }
      case 0x95: // FRAME: a length prefix for buffering; the bytes are read as usual
        u64();
        break;
      case 0x2e: // STOP
        return pop();
      case 0x28: // MARK
        marks.push(stack);
        stack = [];
        break;
      case 0x30: // POP
        if (stack.length === 0 && marks.length) popMark();
        else pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x4a: // BININT
        stack.push(view.getInt32(take(4), true));
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x8a: // LONG1
        stack.push(long(u8()));
        break;
      case 0x8b: {
        // LONG4
        const n = view.getInt32(take(4), true);
        if (n < 0) throw fail('negative length');
        stack.push(long(n));
        break;
      }
      case 0x47: // BINFLOAT (big-endian double)
        stack.push(view.getFloat64(take(8), false));
        break;
      case 0x58: {
        // BINUNICODE
        const n = u32();
        const start = take(n);
        stack.push(decodeUtf8(bytes.subarray(start, start + n), `the string at byte ${at.position}`));
        break;
      }
      case 0x8c: {
        // SHORT_BINUNICODE
        const n = u8();
        const start = take(n);
        stack.push(decodeUtf8(bytes.subarray(start, start + n), `the string at byte ${at.position}`));
        break;
      }
      case 0x8d: {
        // BINUNICODE8
        const n = u64();
        const start = take(n);
        stack.push(decodeUtf8(bytes.subarray(start, start + n), `the string at byte ${at.position}`));
        break;
      }
      case 0x54: // BINSTRING (Python 2 str)
      case 0x55: {
        // SHORT_BINSTRING
        const n = opcode === 0x54 ? view.getInt32(take(4), true) : u8();
        if (n < 0) throw fail('negative length');
        const start = take(n);
        stack.push(decodeLatin1(bytes.subarray(start, start + n)));
        break;
      }
      case 0x42: // BINBYTES
      case 0x43: // SHORT_BINBYTES
      case 0x8e: // BINBYTES8
      case 0x96: {
        // BYTEARRAY8
        const n = opcode === 0x42 ? u32() : opcode === 0x43 ? u8() : u64();
        const start = take(n);
        stack.push(bytes.slice(start, start + n));
        break;
      }
      case 0x7d: // EMPTY_DICT
        stack.push(new PickleDict());
        break;
      case 0x64: {
        // DICT
        const dict = new PickleDict();
        setItems(dict, popMark());
        stack.push(dict);
        break;
      }
      case 0x5d: // EMPTY_LIST
      case 0x8f: // EMPTY_SET (kept as a list: only data is needed)
        stack.push([]);
        break;
      case 0x6c: // LIST
      case 0x91: {
        // FROZENSET
        const items = popMark(); // before reading `stack`: popMark replaces it
        stack.push(items);
        break;
      }
      case 0x29: // EMPTY_TUPLE
        stack.push(new PickleTuple([]));
        break;
      case 0x74: {
        // TUPLE
        const items = popMark();
        stack.push(new PickleTuple(items));
        break;
      }
      case 0x85:
      case 0x86:
      case 0x87: {
        // TUPLE1..3
        const n = opcode - 0x84;
        if (stack.length < n) throw fail(`needs ${n} items on the stack`);
        stack.push(new PickleTuple(stack.splice(stack.length - n, n)));
        break;
      }
      case 0x61: {
        // APPEND
        const item = pop();
        appendItems(top(), [item]);
        break;
      }
      case 0x65: // APPENDS
      case 0x90: {
        // ADDITEMS
        const items = popMark();
        appendItems(top(), items);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x71: // BINPUT
        put(u8());
        break;
      case 0x72: // LONG_BINPUT
        put(u32());
        break;
      case 0x94: // MEMOIZE
        put(memo.size);
        break;
      case 0x68: // BINGET
        get(u8());
        break;
      case 0x6a: // LONG_BINGET
        get(u32());
        break;
      case 0x63: {
        // GLOBAL "module\nname\n"
        const module = readLine();
        const name = readLine();
        stack.push(global(module, name));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw fail('module and name must be strings');
        stack.push(global(module, name));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        if (!(args instanceof PickleTuple)) throw fail(`the arguments are ${describeValue(args)}, not a tuple`);
        stack.push(hooks.reduce(callable, args, at));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const obj = pop();
        if (hooks.build) stack.push(hooks.build(obj, state, at));
        else if (obj instanceof PickleDict) {
          obj.state = state;
          stack.push(obj);
        } else throw fail(`cannot set the state of ${describeValue(obj)}`);
        break;
      }
      case 0x51: // BINPERSID
        stack.push(hooks.persistentLoad(pop(), at));
        break;
      default:
        throw fail(
          OPNAMES[opcode]
            ? 'is not supported by this reader (only the binary opcodes of a tensor state_dict are)'
            : 'is not a pickle opcode (the data is damaged or not a pickle)',
        );
    }
  }
}
