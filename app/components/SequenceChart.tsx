// h_t, z_t, r_t and n_t of one unit over the steps of a sequence. d3 computes the scales and paths, React
// draws the SVG; a pointer over the chart reads out every series at the nearest step.
import { useState } from 'react';
import { extent, line, scaleLinear } from 'd3';
import { formatValue } from '../format';

export interface Series {
  /** hA: the compare panel's A unrolled on the same inputs, drawn dashed under B's h. */
  name: 'h' | 'z' | 'r' | 'n' | 'hA';
  label: string;
  /** Value at step t = first, first + 1, … */
  values: number[];
  first: number;
}

const WIDTH = 420;
const HEIGHT = 190;
const M = { top: 10, right: 12, bottom: 24, left: 34 };

export function SequenceChart({ series, steps }: { series: Series[]; steps: number }) {
  const [at, setAt] = useState<number | null>(null);
  const x = scaleLinear([0, steps], [M.left, WIDTH - M.right]);
  const all = series.flatMap((s) => s.values).filter(Number.isFinite);
  const [lo = -1, hi = 1] = extent([...all, -1, 1]);
  const y = scaleLinear([lo, hi], [HEIGHT - M.bottom, M.top]).nice();
  const path = (s: Series) =>
    line<number>()
      .defined(Number.isFinite)
      .x((_, i) => x(s.first + i))
      .y((v) => y(v))(s.values) ?? '';
  const dots = steps <= 40;
  const valueAt = (s: Series, t: number) => s.values[t - s.first];
  const readout = (t: number) =>
    `t = ${t}: ${series
      .filter((s) => valueAt(s, t) !== undefined)
      .map((s) => `${s.name} ${formatValue(valueAt(s, t))}`)
      .join(' · ')}`;
  const [sliding, setSliding] = useState(false);

  return (
    <figure className="sequence-chart">
      <svg
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={`${series.map((s) => s.label).join(', ')} over ${steps} steps`}
        onPointerMove={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          const t = Math.round(x.invert(e.clientX - box.left));
          setAt(t >= 0 && t <= steps ? t : null);
        }}
        onPointerLeave={() => !sliding && setAt(null)}
      >
        {y.ticks(5).map((v) => (
          <g key={v} className="tick">
            <line x1={M.left} x2={WIDTH - M.right} y1={y(v)} y2={y(v)} className={v === 0 ? 'zero' : undefined} />
            <text x={M.left - 5} y={y(v)} dy="0.32em" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {x
          .ticks(Math.min(steps, 10))
          .filter(Number.isInteger)
          .map((t) => (
            <text key={t} x={x(t)} y={HEIGHT - 8} textAnchor="middle" className="tick">
              {t}
            </text>
          ))}
        {series.map((s) => (
          <g key={s.name} className={`series series-${s.name}`} data-series={s.name} data-values={s.values.join(' ')}>
            <path d={path(s)} />
            {dots &&
              s.values.map((v, i) =>
                Number.isFinite(v) ? <circle key={i} cx={x(s.first + i)} cy={y(v)} r={s.name === 'h' ? 3 : 2} /> : null,
              )}
          </g>
        ))}
        {at !== null && <line className="cursor" x1={x(at)} x2={x(at)} y1={M.top} y2={HEIGHT - M.bottom} />}
      </svg>
      <figcaption className="sequence-legend">
        {at === null ? (
          series.map((s) => (
            <span key={s.name} className={`legend-${s.name}`}>
              <i /> {s.label}
            </span>
          ))
        ) : (
          <span className="sequence-readout">{readout(at)}</span>
        )}
      </figcaption>
      {/* The step read-out by keyboard: arrow keys move t, the screen reader hears every value at t. */}
      <label className="sequence-step">
        step t{' '}
        <input
          type="range"
          min={0}
          max={steps}
          step={1}
          value={at ?? 0}
          aria-valuetext={readout(at ?? 0)}
          onChange={(e) => setAt(Number(e.target.value))}
          onFocus={() => {
            setSliding(true);
            setAt((t) => t ?? 0);
          }}
          onBlur={() => {
            setSliding(false);
            setAt(null);
          }}
        />
      </label>
    </figure>
  );
}
