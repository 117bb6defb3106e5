// Column ticks above a weight matrix: which input feeds each column (x[j] for weight_ih, h[j] for
// weight_hh). d3 picks the ticks; React draws them.
import { scaleLinear } from 'd3';

export function ColumnAxis({ cols, width, source }: { cols: number; width: number; source: 'x' | 'h' | null }) {
  if (!source) return <div className="column-axis" style={{ width }} />;
  const scale = scaleLinear().domain([0, cols]).range([0, width]);
  const ticks = cols <= 8 ? Array.from({ length: cols }, (_, i) => i) : scale.ticks(Math.min(6, Math.floor(width / 40))).filter((t) => Number.isInteger(t) && t < cols);
  return (
    <div className="column-axis" style={{ width }} aria-hidden="true">
      {ticks.map((t) => (
        <span key={t} style={{ left: scale(t + 0.5) }}>
          {cols <= 8 ? `${source}${t}` : t}
        </span>
      ))}
    </div>
  );
}
