import { describe, expect, it } from 'vitest';
import { parseInteger, parseValue } from './values';

describe('typed values', () => {
  it('accepts finite numbers and rounds them to float32', () => {
    expect(parseValue('20')).toEqual({ ok: true, value: 20 });
    expect(parseValue(' -1e-3 ')).toEqual({ ok: true, value: Math.fround(-1e-3) });
    expect(parseValue('.5')).toEqual({ ok: true, value: 0.5 });
  });
  it('refuses text, NaN, Infinity, hex and values past float32 with a clear message', () => {
    for (const bad of ['abc', 'NaN', 'Infinity', '-Infinity', '0x10', '1e39', '', '1,5', '<img src=x>']) {
      const parsed = parseValue(bad, 'brush value');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/^brush value: /);
    }
  });
  it('checks whole numbers in range', () => {
    expect(parseInteger('256', 'H', 1, 1024)).toEqual({ ok: true, value: 256 });
    expect(parseInteger('2.5', 'H', 1, 1024)).toMatchObject({ ok: false, error: 'H must be a whole number, got 2.5' });
    expect(parseInteger('5000', 'H', 1, 1024)).toMatchObject({ ok: false, error: 'H must be between 1 and 1024, got 5000' });
  });
});
