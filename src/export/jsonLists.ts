// Float32 tensors as JSON nested lists whose numbers read back as the identical float32: the shortest decimal
// that rounds to the value, always written as a float ("1.0", "-0.0") so that Python's json.load gives floats
// (not ints, and -0.0 keeps its sign) and torch / NumPy infer a float dtype.

/**
 * Shortest decimal text that reads back as exactly this float32, as src/share/bytes.ts's shortestFloat32 gives,
 * with fewer toPrecision calls: 9 significant digits always suffice, and most float32s need 7 or 8, so those
 * are tried first and only values that fit in 7 are searched further down (H = 1024 has 6 million values).
 */
export function float32Text(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const fits = (p: number) => Math.fround(Number(v.toPrecision(p))) === v;
  let p: number;
  if (fits(7)) {
    let lo = 1;
    p = 7;
    while (lo < p) {
      const mid = (lo + p) >> 1;
      if (fits(mid)) p = mid;
      else lo = mid + 1;
    }
  } else p = fits(8) ? 8 : 9;
  return String(Number(v.toPrecision(p)));
}

export function jsonFloat32(v: number): string {
  if (!Number.isFinite(v)) {
    throw new Error(`${v} cannot be written to JSON (NaN and Infinity are not JSON numbers); export .safetensors or ONNX instead`);
  }
  const s = float32Text(v);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

/** `values` (row-major) as nested lists of the given shape; the innermost lists stay on one line. */
export function jsonNestedList(values: Float32Array, shape: readonly number[], indent = ''): string {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`${values.length} values do not fill shape [${shape.join(', ')}]`);
  const walk = (offset: number, depth: number, pad: string): string => {
    const n = shape[depth];
    if (depth === shape.length - 1) {
      const items = new Array<string>(n);
      for (let i = 0; i < n; i++) items[i] = jsonFloat32(values[offset + i]);
      return `[${items.join(', ')}]`;
    }
    const stride = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    const inner = `${pad}  `;
    const items = Array.from({ length: n }, (_, i) => inner + walk(offset + i * stride, depth + 1, inner));
    return `[\n${items.join(',\n')}\n${pad}]`;
  };
  return shape.length === 0 ? jsonFloat32(values[0]) : walk(0, 0, indent);
}
