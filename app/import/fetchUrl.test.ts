import { describe, expect, it } from 'vitest';
import { fetchLinkedFile, fileNameOf, urlParameter, withoutUrlParameter } from './fetchUrl';

describe('?url= links', () => {
  it('reads the parameter and drops it from the address, keeping the rest', () => {
    const href = 'https://x.test/app/?embed=1&url=https%3A%2F%2Fm.test%2Fa%20b.pt#s=abc';
    expect(urlParameter(href)).toBe('https://m.test/a b.pt');
    expect(withoutUrlParameter(href)).toBe('https://x.test/app/?embed=1#s=abc');
    expect(urlParameter('https://x.test/')).toBeNull();
  });

  it('names the file after the last path segment, never a path', () => {
    expect(fileNameOf(new URL('https://m.test/models/gru%20cell.pt?download=1'))).toBe('gru cell.pt');
    expect(fileNameOf(new URL('https://m.test/a/..%2F..%2Fetc'))).toBe('.._.._etc');
    expect(fileNameOf(new URL('https://m.test/'))).toBe('download');
  });

  it('refuses addresses that are not http(s) before fetching anything', async () => {
    const signal = new AbortController().signal;
    for (const link of ['javascript:alert(1)', 'data:application/octet-stream;base64,AAAA', 'file:///etc/passwd']) {
      const r = await fetchLinkedFile(link, 'https://x.test/', () => {}, signal);
      expect(r).toMatchObject({ ok: false, summary: expect.stringMatching(/^Only http:\/\/ and https:\/\//) });
    }
  });
});
