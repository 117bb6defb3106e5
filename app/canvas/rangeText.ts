// Words for the colour range in force, shared by the legend and the saved figures.
import { formatValue } from '../format';
import type { WeightRange } from '../store/ranges';

// One formatter: toLocaleString makes a new one per call, and the legend says the count on every brush event.
const count = new Intl.NumberFormat('en');
const cells = (n: number) => `${count.format(n)} cell${n === 1 ? '' : 's'}`;

export function rangeCaption(r: WeightRange): string {
  if (r.policy === 'fixed') return r.clipped > 0 ? `fixed range: ${cells(r.clipped)} beyond ±${formatValue(r.range)} (◥)` : 'fixed range';
  if (r.clipped === 0) return 'auto range: largest |w|';
  return `auto range: largest |w| but ${count.format(r.clipped)} outlier${r.clipped === 1 ? '' : 's'} (up to ${formatValue(r.maxAbs)}, marked ◥)`;
}
