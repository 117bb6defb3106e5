// Number text as PyTorch prints it by default: 4 decimals, exponent form for very large/small.
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e4 || a < 1e-4)) return v.toExponential(3);
  return v.toFixed(4);
}

/** Full float32 precision for hover text and exact entry. */
export function formatExact(v: number): string {
  if (!Number.isFinite(v)) return formatValue(v);
  return String(Number(v.toPrecision(9)));
}

/** "07:42", or "28 Nov, 07:42" when not today. */
export function timeOf(time: number): string {
  const d = new Date(time);
  const hm = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date().toDateString() ? hm : `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })}, ${hm}`;
}
