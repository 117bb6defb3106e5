// Loss and the task's measure (accuracy, or MSE) per step: d3 computes scales and paths, React draws.
// The success threshold is drawn on the measure's chart.
import { format, line, max, min, scaleLinear, scaleLog } from 'd3';
import type { TaskSpec } from '../../src';
import type { CurvePoint } from './messages';

const WIDTH = 300;
const HEIGHT = 150;
const M = { top: 10, right: 10, bottom: 22, left: 44 };

interface ChartProps {
  name: string;
  points: CurvePoint[];
  value: (p: CurvePoint) => number;
  log: boolean;
  threshold?: number;
  /** Fixed y domain (accuracy: 0…1). */
  domain?: [number, number];
}

function Chart({ name, points, value, log, threshold, domain }: ChartProps) {
  const last = points.length ? points[points.length - 1].step : 1;
  const first = points.length ? points[0].step : 0;
  const x = scaleLinear([Math.max(0, first - 1), Math.max(last, first + 1)], [M.left, WIDTH - M.right]);
  const values = points.map(value).filter((v) => Number.isFinite(v) && (!log || v > 0));
  const lo = domain?.[0] ?? Math.min(min(values) ?? 1e-3, threshold ?? Infinity);
  const hi = domain?.[1] ?? Math.max(max(values) ?? 1, threshold ?? -Infinity);
  // A log axis spans at least a factor of 10 so a flat start does not fill the chart with noise.
  const logLo = Math.max(Math.min(lo, hi / 10), 1e-6);
  const y = log
    ? scaleLog([logLo, Math.max(hi, logLo * 10)], [HEIGHT - M.bottom, M.top]).nice()
    : scaleLinear([lo, hi], [HEIGHT - M.bottom, M.top]).nice();
  const tickText = (v: number) => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(0) : format('~g')(v));
  const d =
    line<CurvePoint>()
      .defined((p) => Number.isFinite(value(p)) && (!log || value(p) > 0))
      .x((p) => x(p.step))
      .y((p) => y(value(p)))(points) ?? '';
  const all = y.ticks(4);
  const ticks = all.length > 6 ? all.filter((v) => Number.isInteger(Math.log10(v))) : all;
  return (
    <figure className="train-chart">
      <figcaption>{name}</figcaption>
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={`${name} over ${points.length} steps`}>
        {ticks.map((v) => (
          <g key={v} className="tick">
            <line x1={M.left} x2={WIDTH - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 4} y={y(v)} dy="0.32em" textAnchor="end">
              {tickText(v)}
            </text>
          </g>
        ))}
        {x
          .ticks(4)
          .filter(Number.isInteger)
          .map((t) => (
            <text key={t} className="tick" x={x(t)} y={HEIGHT - 6} textAnchor="middle">
              {t}
            </text>
          ))}
        {threshold !== undefined && (
          <line className="train-threshold" x1={M.left} x2={WIDTH - M.right} y1={y(threshold)} y2={y(threshold)}>
            <title>success threshold {threshold}</title>
          </line>
        )}
        <path className="train-curve" d={d} data-points={points.length} />
      </svg>
    </figure>
  );
}

export function TrainCurves({ points, task }: { points: CurvePoint[]; task: TaskSpec }) {
  const classification = task.loss === 'cross-entropy';
  return (
    <div className="train-curves">
      <Chart name={`Loss (${classification ? 'cross-entropy' : 'MSE'})`} points={points} value={(p) => p.loss} log />
      <Chart
        name={classification ? 'Accuracy on each fresh batch' : 'MSE on each fresh batch'}
        points={points}
        value={(p) => p.metric}
        log={!classification}
        threshold={task.threshold}
        domain={classification ? [0, 1] : undefined}
      />
    </div>
  );
}
