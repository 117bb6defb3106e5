import { describe, expect, it } from 'vitest';
import { hashFor, stateInLink } from './hash';

describe('stateInLink', () => {
  it('reads s= from a whole address, its hash, or the bare parameters', () => {
    expect(stateInLink('https://example.org/gru/#s=AbC-_1&embed=1')).toBe('AbC-_1');
    expect(stateInLink('  #s=xyz\n')).toBe('xyz');
    expect(stateInLink('s=xyz&readonly=1')).toBe('xyz');
    expect(stateInLink('http://localhost:4173/?s=q1')).toBe('q1');
  });

  it("gives a link's B (s=) even when it carries an A (a=)", () => {
    expect(stateInLink(`https://example.org/${hashFor('bState', { a: 'aState' })}`)).toBe('bState');
    expect(stateInLink('https://example.org/#a=aState&s=bState')).toBe('bState');
  });

  it('is null for text that is not a link with a state', () => {
    for (const text of ['', '   ', 'hello', 'https://example.org/', 'https://example.org/#a=only', '#s=', '<img src=x onerror=alert(1)>']) {
      expect(stateInLink(text)).toBeNull();
    }
  });
});
