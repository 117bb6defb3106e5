import { describe, expect, it } from 'vitest';
import {
  ALL_BLOCK_ORDERS,
  PYTORCH_ORDER,
  ZRN_ORDER,
  blockPermutation,
  formatBlockOrder,
  parseBlockOrder,
  permuteRowBlocks,
  transposeMatrix,
} from './blocks';

describe('block orders', () => {
  it('PyTorch block k goes to Keras/ONNX block [1, 0, 2][k] (gru-conventions: "permute blocks [1, 0, 2]")', () => {
    expect(blockPermutation(ZRN_ORDER)).toEqual([1, 0, 2]);
    expect(blockPermutation(PYTORCH_ORDER)).toEqual([0, 1, 2]);
  });

  it('lists all six orders once', () => {
    expect(new Set(ALL_BLOCK_ORDERS.map(formatBlockOrder)).size).toBe(6);
  });

  it('parses z|r|h, zrn and "z, r, n" alike and refuses non-permutations', () => {
    expect(parseBlockOrder('z|r|h')).toEqual(['z', 'r', 'n']);
    expect(parseBlockOrder('zrn')).toEqual(['z', 'r', 'n']);
    expect(parseBlockOrder('R, Z, N')).toEqual(['r', 'z', 'n']);
    expect(() => parseBlockOrder('rrn')).toThrow(/permutation/);
    expect(() => parseBlockOrder('rz')).toThrow(/permutation/);
  });

  it('permutes row blocks of a (3H, cols) matrix and back exactly', () => {
    const H = 2;
    const m = Float32Array.from({ length: 3 * H * 3 }, (_, i) => i);
    const zrn = permuteRowBlocks(m, H, 3, PYTORCH_ORDER, ZRN_ORDER);
    // block 0 of z|r|n is PyTorch's z block (rows H..2H)
    expect(Array.from(zrn.subarray(0, 6))).toEqual([6, 7, 8, 9, 10, 11]);
    expect(Array.from(zrn.subarray(6, 12))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(zrn.subarray(12))).toEqual(Array.from(m.subarray(12)));
    expect(Array.from(permuteRowBlocks(zrn, H, 3, ZRN_ORDER, PYTORCH_ORDER))).toEqual(Array.from(m));
    expect(() => permuteRowBlocks(m, H, 2, PYTORCH_ORDER, ZRN_ORDER)).toThrow(/needs/);
  });

  it('transposes a (rows, cols) matrix', () => {
    expect(Array.from(transposeMatrix([1, 2, 3, 4, 5, 6], 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(() => transposeMatrix([1, 2, 3], 2, 2)).toThrow(/needs 4/);
  });
});
