// Colour legend for the current palette and range, and which range is in force: the automatic one
// leaves outliers out (they are drawn at the ends and marked ◥ on their cells), the fixed one is typed.
import { useExplorer } from '../store/store';
import { weightRangeInfo } from '../store/ranges';
import { colorScale } from '../canvas/palette';
import { rangeCaption } from '../canvas/rangeText';
import { formatValue } from '../format';

const BAR = 200;
/** Width of the end caps that stand for clipped values (a colour bar's "extend" arrows). */
const CAP = 9;

export function Legend() {
  const palette = useExplorer((s) => s.palette);
  const info = useExplorer(weightRangeInfo);
  const { range } = info;
  const scale = colorScale(palette, range);
  const stops = Array.from({ length: 11 }, (_, i) => -range + (2 * range * i) / 10);
  const caps = info.clipped > 0;
  const x0 = caps ? CAP : 0;
  const width = BAR + 2 * x0;
  return (
    <figure
      className="legend"
      aria-label={`Colour legend from ${formatValue(-range)} to ${formatValue(range)}`}
      data-policy={info.policy}
      data-clipped={info.clipped}
    >
      <svg width={width} height={30} role="img" aria-hidden="true">
        <defs>
          <linearGradient id="legend-gradient">
            {stops.map((v, i) => (
              <stop key={i} offset={`${i * 10}%`} stopColor={scale(v)} />
            ))}
          </linearGradient>
        </defs>
        {caps && (
          <>
            <path d={`M0 6 L${CAP} 0 L${CAP} 12 Z`} fill={scale(-range)} />
            <path d={`M${width} 6 L${width - CAP} 0 L${width - CAP} 12 Z`} fill={scale(range)} />
          </>
        )}
        <rect x={x0} y={0} width={BAR} height={12} fill="url(#legend-gradient)" rx={caps ? 0 : 2} />
        {[-range, 0, range].map((v, i) => (
          <text key={i} x={x0 + (i * BAR) / 2} y={26} textAnchor={i === 0 ? 'start' : i === 1 ? 'middle' : 'end'} fontSize={11}>
            {formatValue(v)}
          </text>
        ))}
      </svg>
      <figcaption className="muted">weights, {rangeCaption(info)}</figcaption>
    </figure>
  );
}
