// base64url without padding (RFC 4648 §5) of any size in one pass: a 12 MB weight_hh at H = 1024 encodes in tens
// of milliseconds, where String.fromCharCode(...chunk) + btoa takes seconds.
const ALPHABET = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');

export function base64url(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil((n * 4) / 3));
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = ALPHABET[v >>> 18];
    out[o++] = ALPHABET[(v >>> 12) & 63];
    out[o++] = ALPHABET[(v >>> 6) & 63];
    out[o++] = ALPHABET[v & 63];
  }
  if (i < n) {
    const v = (bytes[i] << 16) | ((i + 1 < n ? bytes[i + 1] : 0) << 8);
    out[o++] = ALPHABET[v >>> 18];
    out[o++] = ALPHABET[(v >>> 12) & 63];
    if (i + 1 < n) out[o++] = ALPHABET[(v >>> 6) & 63];
  }
  return new TextDecoder().decode(out.subarray(0, o));
}
