// Unroll the cell over T steps from h_0 = h: one unit's h_t and gates as lines, every unit's h_t as a heat
// strip. Large cells compute after a short pause, so painting at H = 1024 stays responsive.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  MAX_SEQUENCE_STEPS,
  SEQUENCE_PATTERNS,
  SEQUENCE_PATTERN_LABELS,
  parseInteger,
  sameShape,
  unrollModel,
  type GruModel,
  type SequencePattern,
} from '../../src';
import { useExplorer } from '../store/store';
import { useCompare } from '../store/compare';
import { setSequence } from '../store/actions';
import { SequenceChart, type Series } from './SequenceChart';
import { paletteLut, symmetricRange } from '../canvas/palette';
import { drawValues, fitCanvas } from '../canvas/render';
import { useTheme } from '../theme';
import { InlineError } from './InlineError';
import { useSoonOrLater } from '../hooks/useSoonOrLater';

/** Above this many multiply-adds a run waits for a pause in editing. */
const SYNC_WORK = 5e5;

type Run = ReturnType<typeof unrollModel>;

function useUnrolled(model: GruModel | null, steps: number, pattern: SequencePattern): Run | null {
  const heavy =
    model !== null && steps * model.batch * 3 * model.weights.hiddenSize * (model.weights.inputSize + model.weights.hiddenSize) > SYNC_WORK;
  const job = useMemo(() => (model ? () => unrollModel(model, steps, pattern) : null), [model, steps, pattern]);
  return useSoonOrLater(job, heavy, 200);
}

/** The compare panel's A with B's inputs (x, h₀, batch), when A is pinned and of B's sizes. */
function usePinnedOnInputs(model: GruModel): GruModel | null {
  const a = useCompare((c) => c.a);
  return useMemo(() => (a && sameShape(a.model.weights, model.weights) ? { ...model, weights: a.model.weights } : null), [a, model]);
}

export function SequencePanel() {
  const model = useExplorer((s) => s.model);
  const steps = useExplorer((s) => s.sequenceSteps);
  const pattern = useExplorer((s) => s.sequencePattern);
  const unit = useExplorer((s) => s.selectedUnit);
  const batchRow = useExplorer((s) => s.selectedBatch);
  const palette = useExplorer((s) => s.palette);
  const theme = useTheme(); // cell borders are drawn in the theme's colours
  const run = useUnrolled(model, steps, pattern);
  const runA = useUnrolled(usePinnedOnInputs(model), steps, pattern);
  const strip = useRef<HTMLCanvasElement>(null);
  const H = model.weights.hiddenSize;
  const j = Math.min(unit, H - 1);
  const b = Math.min(batchRow, model.batch - 1);
  const BH = model.batch * H;
  const stale = run !== null && run.outputs.length !== steps * BH;

  // Every unit's h_t: units down, time across (t = 1…T), aligned with the chart's steps.
  useEffect(() => {
    if (!strip.current || !run || stale) return;
    const values = new Float32Array(H * steps);
    for (let t = 0; t < steps; t++) for (let u = 0; u < H; u++) values[u * steps + t] = run.outputs[t * BH + b * H + u];
    fitCanvas(strip.current, STRIP_WIDTH, stripHeight(H));
    drawValues(strip.current, values, steps, H, symmetricRange([values], 1), paletteLut(palette));
  }, [run, stale, H, steps, BH, b, palette, theme]);

  const series: Series[] = [];
  if (run && !stale) {
    const pick = (a: Float32Array) => Array.from({ length: steps }, (_, t) => a[t * BH + b * H + j]);
    series.push(
      { name: 'h', label: `hₜ[${j}]`, values: [model.h[b * H + j], ...pick(run.outputs)], first: 0 },
      { name: 'z', label: 'zₜ', values: pick(run.z), first: 1 },
      { name: 'r', label: 'rₜ', values: pick(run.r), first: 1 },
      { name: 'n', label: 'nₜ', values: pick(run.n), first: 1 },
    );
    if (runA && runA.outputs.length === run.outputs.length) {
      series.unshift({ name: 'hA', label: `hₜ[${j}] of A`, values: [model.h[b * H + j], ...pick(runA.outputs)], first: 0 });
    }
  }

  return (
    <section className="panel sequence" aria-label="Sequence">
      <h2>
        Sequence{' '}
        <span className="muted">
          hₜ = GRUCell(xₜ, hₜ₋₁) from h₀ = h, unit {j}
          {model.batch > 1 ? `, batch row ${b}` : ''}
        </span>
      </h2>
      <SequenceControls key={steps} steps={steps} pattern={pattern} />
      {series.length ? <SequenceChart series={series} steps={steps} /> : <p className="muted">Computing {steps} steps…</p>}
      <div className="sequence-strip">
        <span className="muted">hₜ of every unit (rows) for t = 1…{steps}; click a unit in the live cell to plot it</span>
        <canvas
          ref={strip}
          className="grid-canvas"
          style={{ width: STRIP_WIDTH, height: stripHeight(H) }}
          role="img"
          aria-label="hₜ of every unit over time"
        />
      </div>
    </section>
  );
}

/** Keyed by the committed T, so its draft text restarts when T changes elsewhere (a link, a lesson). */
function SequenceControls({ steps, pattern }: { steps: number; pattern: SequencePattern }) {
  const [text, setText] = useState(String(steps));
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const parsed = parseInteger(text, 'Steps', 1, MAX_SEQUENCE_STEPS);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    if (parsed.value !== steps) setSequence(parsed.value, pattern);
  };
  return (
    <>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          commit();
        }}
      >
        <label>
          steps T
          <input
            aria-label="Sequence steps"
            inputMode="numeric"
            size={4}
            value={text}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setText(e.target.value)}
            onBlur={commit}
          />
        </label>
        <label>
          xₜ
          <select aria-label="Sequence inputs" value={pattern} onChange={(e) => setSequence(steps, e.target.value as SequencePattern)}>
            {SEQUENCE_PATTERNS.map((p) => (
              <option key={p} value={p}>
                {SEQUENCE_PATTERN_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
      </form>
      <InlineError error={error} block />
    </>
  );
}

const STRIP_WIDTH = 386;
const stripHeight = (H: number) => Math.max(24, Math.min(120, H * 6));
