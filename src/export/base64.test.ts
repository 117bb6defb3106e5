import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { base64url } from './base64';

describe('base64url', () => {
  it("equals Node's base64url for every length remainder and every byte value", () => {
    const all = Uint8Array.from({ length: 256 * 3 + 2 }, (_, i) => (i * 7 + (i >> 8)) & 255);
    for (let n = 0; n < 12; n++) expect(base64url(all.subarray(0, n))).toBe(Buffer.from(all.subarray(0, n)).toString('base64url'));
    expect(base64url(all)).toBe(Buffer.from(all).toString('base64url'));
  });
});
