// Column ticks above a weight matrix: which input feeds each column (x[j] for weight_ih, h[j] for
// weight_hh). d3 picks the ticks; React draws them.
import { scaleLinear } from 'd3';

/** `from`/`to`: the columns on screen when the heatmaps are zoomed (default all of them). */
export function ColumnAxis({
  cols,
  width,
  source,
  from = 0,
  to = cols,
}: {
  cols: number;
  width: number;
  source: 'x' | 'h' | null;
  from?: number;
  to?: number;
}) {
  if (!source) return <div className="column-axis" style={{ width }} />;
  const scale = scaleLinear().domain([from, to]).range([0, width]);
  const ticks =
    cols <= 8
      ? Array.from({ length: cols }, (_, i) => i)
      : scale
          .ticks(Math.min(6, Math.floor(width / 40)))
          .filter((t) => Number.isInteger(t) && t >= Math.floor(from) && t + 0.5 <= to && t < cols);
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
