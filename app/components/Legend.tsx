// Colour legend for the current palette and range, with d3 ticks (d3 computes, React renders).
import { useExplorer } from '../store/store';
import { selectWeightRange } from '../store/ranges';
import { colorScale } from '../canvas/palette';
import { formatValue } from '../format';

export function Legend() {
  const palette = useExplorer((s) => s.palette);
  const range = useExplorer(selectWeightRange);
  const auto = useExplorer((s) => s.fixedRange === null);
  const scale = colorScale(palette, range);
  const stops = Array.from({ length: 11 }, (_, i) => -range + (2 * range * i) / 10);
  const width = 220;
  return (
    <figure className="legend" aria-label={`Colour legend from ${formatValue(-range)} to ${formatValue(range)}`}>
      <svg width={width} height={30} role="img" aria-hidden="true">
        <defs>
          <linearGradient id="legend-gradient">
            {stops.map((v, i) => (
              <stop key={i} offset={`${i * 10}%`} stopColor={scale(v)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={0} y={0} width={width} height={12} fill="url(#legend-gradient)" rx={2} />
        {[-range, 0, range].map((v, i) => (
          <text key={i} x={(i * width) / 2} y={26} textAnchor={i === 0 ? 'start' : i === 1 ? 'middle' : 'end'} fontSize={11}>
            {formatValue(v)}
          </text>
        ))}
      </svg>
      <figcaption className="muted">{auto ? 'weights, auto range (largest |w|)' : 'weights, fixed range'}</figcaption>
    </figure>
  );
}
