// Words for the colour range in force, shared by the legend and the saved figures.
import { formatValue } from '../format';
import type { WeightRange } from '../store/ranges';

const cells = (n: number) => `${n.toLocaleString('en')} cell${n === 1 ? '' : 's'}`;

export function rangeCaption(r: WeightRange): string {
  if (r.policy === 'fixed') return r.clipped > 0 ? `fixed range: ${cells(r.clipped)} beyond ±${formatValue(r.range)} (◥)` : 'fixed range';
  if (r.clipped === 0) return 'auto range: largest |w|';
  return `auto range: largest |w| but ${r.clipped.toLocaleString('en')} outlier${r.clipped === 1 ? '' : 's'} (up to ${formatValue(r.maxAbs)}, marked ◥)`;
}
