import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, pickView, restoreView, VIEW_FIELDS, VIEW_KEYS } from './schema';

describe('the view schema', () => {
  it('declares each field once: defaults and link fields name the same keys', () => {
    expect([...VIEW_KEYS].sort()).toEqual(Object.keys(VIEW_FIELDS).sort());
    for (const key of VIEW_KEYS) expect(VIEW_FIELDS[key]?.field).toBe(key);
    expect(new Set(Object.values(VIEW_FIELDS).map((f) => f.key)).size).toBe(VIEW_KEYS.length);
  });

  it('restore fills missing and undefined fields from the defaults and keeps the rest', () => {
    expect(restoreView(undefined)).toEqual(DEFAULT_VIEW);
    expect(restoreView({ palette: 'PuOr', sequenceSteps: undefined, fixedRange: null })).toEqual({ ...DEFAULT_VIEW, palette: 'PuOr' });
    expect(restoreView({ ...DEFAULT_VIEW, fixedRange: 2 }).fixedRange).toBe(2);
  });

  it('pick takes exactly the view fields of a larger object', () => {
    expect(pickView({ ...DEFAULT_VIEW, lensFramework: 'onnx', tool: 'brush' } as typeof DEFAULT_VIEW)).toEqual({
      ...DEFAULT_VIEW,
      lensFramework: 'onnx',
    });
  });
});
