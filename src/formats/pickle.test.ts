import { describe, expect, it, vi } from 'vitest';
import { errorOf } from './fixtures/fixtures';
import { DATA_ONLY_HOOKS, PickleDict, PickleTuple, unpickle, type PickleHooks } from './pickle';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const u32 = (n: number) => String.fromCharCode(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
const str = (s: string) => `X${u32(s.length)}${s}`;

const pickleErrorOf = (data: string, hooks?: PickleHooks): string => errorOf(() => unpickle(bytes(data), hooks));

describe('unpickle: data opcodes', () => {
  it('reads a dict of ints, floats, strings, bytes, None, bools, lists and tuples', () => {
    const data =
      '\x80\x02}q\x00(' +
      str('i') +
      'J\xff\xff\xff\xff' + // BININT -1
      str('k') +
      'K\x07' +
      str('m') +
      'M\x00\x01' +
      str('long') +
      '\x8a\x05\x00\x00\x00\x00\x01' + // LONG1 2^32
      str('neg') +
      '\x8a\x01\xfe' + // LONG1 -2
      str('f') +
      'G\x3f\xf8\x00\x00\x00\x00\x00\x00' + // 1.5
      str('b') +
      'C\x02ab' +
      str('n') +
      'N' +
      str('t') +
      '\x88' +
      str('l') +
      ']q\x01(K\x01K\x02eK\x03a' +
      str('tup') +
      'K\x01K\x02\x86' +
      str('again') +
      'h\x01' +
      'u.';
    const d = unpickle(bytes(data)) as PickleDict;
    expect(d).toBeInstanceOf(PickleDict);
    const get = (k: string) => d.map.get(k);
    expect(get('i')).toBe(-1);
    expect(get('k')).toBe(7);
    expect(get('m')).toBe(256);
    expect(get('long')).toBe(2 ** 32);
    expect(get('neg')).toBe(-2);
    expect(get('f')).toBe(1.5);
    expect(Array.from(get('b') as Uint8Array)).toEqual([97, 98]);
    expect(get('n')).toBeNull();
    expect(get('t')).toBe(true);
    expect(get('l')).toEqual([1, 2, 3]);
    expect((get('tup') as PickleTuple).items).toEqual([1, 2]);
    expect(get('again')).toBe(get('l')); // memo: the same list
  });

  it('reads protocol 4 framing, short strings and MEMOIZE', () => {
    const data = '\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x02hi\x94h\x00\x86.';
    expect((unpickle(bytes(data)) as PickleTuple).items).toEqual(['hi', 'hi']);
  });

  it('keeps integers past 2^53 as BigInt', () => {
    expect(unpickle(bytes('\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x01.'))).toBe(2n ** 56n);
  });
});

describe('unpickle: hostile and broken pickles', () => {
  it("GLOBAL 'os system' + REDUCE: refused at GLOBAL, the reduce hook is never reached", () => {
    const reduce = vi.fn();
    const hooks: PickleHooks = { ...DATA_ONLY_HOOKS, reduce };
    const message = pickleErrorOf(`\x80\x02cos\nsystem\n${str('echo pwned')}\x85R.`, hooks);
    expect(message).toBe('pickle opcode 0x63 (GLOBAL) at byte 2: refers to os.system, which is not allowed (nothing was executed)');
    expect(reduce).not.toHaveBeenCalled();
  });

  it("GLOBAL 'builtins eval', STACK_GLOBAL 'posix system' and 'subprocess Popen' are refused and named", () => {
    expect(pickleErrorOf(`\x80\x02cbuiltins\neval\n${str('1+1')}\x85R.`)).toMatch(/builtins\.eval, which is not allowed/);
    expect(pickleErrorOf(`\x80\x04\x8c\x05posix\x8c\x06system\x93${str('id')}\x85R.`)).toMatch(
      /0x93 \(STACK_GLOBAL\).*posix\.system, which is not allowed/,
    );
    expect(pickleErrorOf('\x80\x02csubprocess\nPopen\n.')).toMatch(/subprocess\.Popen/);
  });

  it('malformed global names are refused before any lookup', () => {
    const resolveGlobal = vi.fn();
    const message = pickleErrorOf("\x80\x02cos\nsystem('x')\n.", { ...DATA_ONLY_HOOKS, resolveGlobal });
    expect(message).toMatch(/malformed global/);
    expect(resolveGlobal).not.toHaveBeenCalled();
  });

  it('INST, OBJ, NEWOBJ, EXT1 and text opcodes are not supported', () => {
    expect(pickleErrorOf('\x80\x02(ios\nsystem\n.')).toMatch(/0x69 \(INST\).*not supported/);
    expect(pickleErrorOf('\x80\x02(o.')).toMatch(/0x6f \(OBJ\).*not supported/);
    expect(pickleErrorOf('\x80\x02N)\x81.')).toMatch(/0x81 \(NEWOBJ\).*not supported/);
    expect(pickleErrorOf('\x82\x01.')).toMatch(/0x82 \(EXT1\)/);
    expect(pickleErrorOf('I1\n.')).toMatch(/0x49 \(INT\)/);
    expect(pickleErrorOf('\xff')).toMatch(/0xff \(unknown opcode\).*not a pickle opcode/);
  });

  it('REDUCE on a non-global and BINPERSID with the data-only hooks are refused', () => {
    expect(pickleErrorOf('\x80\x02N)R.')).toMatch(/0x52 \(REDUCE\).*not allowed/);
    expect(pickleErrorOf('\x80\x02NQ.')).toMatch(/0x51 \(BINPERSID\).*not allowed/);
  });

  it('stack and memo misuse, truncation and protocol 6 give clear errors', () => {
    expect(pickleErrorOf('.')).toMatch(/stack is empty/);
    expect(pickleErrorOf('t.')).toMatch(/no MARK/);
    expect(pickleErrorOf('h\x05.')).toMatch(/memo entry 5 was never stored/);
    expect(pickleErrorOf('K\x00K\x01K\x02s.')).toMatch(/cannot set items on 0/);
    expect(pickleErrorOf('\x80\x02X\xff\x00\x00\x00ab')).toMatch(/truncated pickle.*needs 255 more bytes/);
    expect(pickleErrorOf('\x80\x02K\x01')).toMatch(/truncated pickle: it ends after 4 bytes without a STOP/);
    expect(pickleErrorOf('\x80\x06.')).toMatch(/protocol 6 is not supported/);
    expect(pickleErrorOf('X\x02\x00\x00\x00\xff\xfe.')).toMatch(/not valid UTF-8/);
    expect(pickleErrorOf('\x8b\x00\x00\x01\x00.')).toMatch(/65536-byte integer is too large/);
    expect(pickleErrorOf(']}K\x01a.')).toMatch(/cannot append to a PickleDict/);
  });
});
