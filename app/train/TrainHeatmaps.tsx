// The four tensors of the run, live: same r | z | n bands, palette and colour-range policy as the
// explorer's heatmaps (one symmetric range over all four, or the explorer's fixed range), showing the
// weights or their gradients of the last step, with each band's gradient norm as a bar.
import { useEffect, useMemo, useRef } from 'react';
import { GATES, GATE_NAMES, TENSORS, tensorShape, type GruGradients, type GruWeights, type TensorName } from '../../src';
import { useExplorer } from '../store/store';
import { paletteLut } from '../canvas/palette';
import { robustRange } from '../canvas/robustRange';
import { createCellImage, fitCanvas, paintImage, type CellImage } from '../canvas/render';
import { formatValue } from '../format';
import { useTrain, type HeatmapMode } from './session';
import type { TrainSnapshot } from './messages';

const FIELD: Record<TensorName, keyof GruGradients> = {
  weight_ih: 'weightIh',
  weight_hh: 'weightHh',
  bias_ih: 'biasIh',
  bias_hh: 'biasHh',
};
const BAND_GAP = 6;

/** Pixel sizes: one row height for every tensor so the bands line up; at most ~300 px of rows. */
function sizes(I: number, H: number) {
  const row = Math.max(0.5, Math.min(7, 300 / (3 * H)));
  const band = Math.max(1, Math.round(row * H));
  const width = (cols: number, max: number) => Math.max(12, Math.min(max, Math.round(cols * row)));
  return { band, widths: { weight_ih: width(I, 120), weight_hh: width(H, 240), bias_ih: 12, bias_hh: 12 } as Record<TensorName, number> };
}

const ranges = new WeakMap<TrainSnapshot, Partial<Record<HeatmapMode, number>>>();

/** The explorer's automatic policy (the largest |w| short of outliers), once per snapshot for all four canvases. */
function autoRange(snap: TrainSnapshot, mode: HeatmapMode): number {
  const known = ranges.get(snap) ?? {};
  if (known[mode] === undefined) {
    const source = mode === 'gradients' ? snap.grads : snap.weights;
    known[mode] = robustRange(TENSORS.map((t) => source[FIELD[t]])).range;
    ranges.set(snap, known);
  }
  return known[mode]!;
}

/** ‖∇‖ of each gate's rows over all four tensors. */
export function bandNorms(grads: GruGradients, I: number, H: number): Record<(typeof GATES)[number], number> {
  const out = { r: 0, z: 0, n: 0 };
  GATES.forEach((gate, g) => {
    let sum = 0;
    for (const t of TENSORS) {
      const cols = t === 'weight_ih' ? I : t === 'weight_hh' ? H : 1;
      const a = grads[FIELD[t]];
      for (let i = g * H * cols; i < (g + 1) * H * cols; i++) sum += a[i] * a[i];
    }
    out[gate] = Math.sqrt(sum);
  });
  return out;
}

function TensorCanvas({ tensor, width, band }: { tensor: TensorName; width: number; band: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const height = 3 * band + 2 * BAND_GAP;
    fitCanvas(canvas, width, height);
    let image: CellImage | null = null;
    let drawn: { snap: TrainSnapshot; mode: HeatmapMode; palette: string; range: number | null } | null = null;
    let draws = 0;
    const draw = () => {
      const { snapshot: snap, mode } = useTrain.getState();
      const { palette, fixedRange } = useExplorer.getState();
      if (!snap) return;
      if (drawn && drawn.snap === snap && drawn.mode === mode && drawn.palette === palette && drawn.range === fixedRange) return;
      drawn = { snap, mode, palette, range: fixedRange };
      const source: GruWeights | GruGradients = mode === 'gradients' ? snap.grads : snap.weights;
      const { inputSize: I, hiddenSize: H } = snap.weights;
      const [rows, cols = 1] = tensorShape(tensor, I, H);
      const range = mode === 'values' && fixedRange !== null ? fixedRange : autoRange(snap, mode);
      if (!image || image.data.width !== cols || image.data.height !== rows) image = createCellImage(cols, rows);
      paintImage(image, source[FIELD[tensor]], 0, range, paletteLut(palette));
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const scale = canvas.height / height;
      ctx.imageSmoothingEnabled = false;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      for (let g = 0; g < 3; g++) {
        ctx.drawImage(
          image.source,
          0,
          g * H,
          cols,
          H,
          0,
          Math.round(g * (band + BAND_GAP) * scale),
          canvas.width,
          Math.round(band * scale),
        );
      }
      draws++;
      canvas.dataset.drawnStep = String(snap.step);
      canvas.dataset.draws = String(draws);
      canvas.dataset.range = String(range);
    };
    draw();
    const unsubscribe = [useTrain.subscribe(draw), useExplorer.subscribe(draw)];
    return () => unsubscribe.forEach((u) => u());
  }, [tensor, width, band]);
  return (
    <canvas
      ref={ref}
      className="train-canvas"
      data-tensor={tensor}
      style={{ width, height: 3 * band + 2 * BAND_GAP }}
      role="img"
      aria-label={`${tensor} during training`}
    />
  );
}

export function TrainHeatmaps() {
  const I = useTrain((s) => s.snapshot?.weights.inputSize ?? 0);
  const H = useTrain((s) => s.snapshot?.weights.hiddenSize ?? 0);
  const mode = useTrain((s) => s.mode);
  const snapshot = useTrain((s) => s.snapshot);
  const norms = useMemo(
    () => (snapshot ? bandNorms(snapshot.grads, snapshot.weights.inputSize, snapshot.weights.hiddenSize) : null),
    [snapshot],
  );
  if (!I || !H) return <p className="muted train-empty">Press Play or Step to start a run: its weights appear here.</p>;
  const { band, widths } = sizes(I, H);
  const maxNorm = norms ? Math.max(norms.r, norms.z, norms.n, 1e-12) : 1;
  return (
    <div className="train-bands" data-mode={mode}>
      <div className="train-gutter">
        <div className="train-head" />
        {GATES.map((gate) => (
          <div key={gate} className="train-gate" style={{ height: band, marginBottom: BAND_GAP }}>
            <span className={`gate-badge gate-${gate}`}>{gate}</span>
            <span className="muted">{GATE_NAMES[gate]}</span>
          </div>
        ))}
      </div>
      {TENSORS.map((t) => (
        <div key={t} className="train-tensor">
          <div className="train-head">
            <code>{t.replace('weight_', 'W_').replace('bias_', 'b_')}</code>
          </div>
          <TensorCanvas tensor={t} width={widths[t]} band={band} />
        </div>
      ))}
      <div className="train-norms" aria-label="Gradient norm per gate band">
        <div className="train-head muted">‖∇‖</div>
        {GATES.map((gate) => (
          <div
            key={gate}
            className="train-norm"
            style={{ height: band, marginBottom: BAND_GAP }}
            data-gate={gate}
            data-norm={norms?.[gate] ?? 0}
          >
            <div className={`train-norm-bar gate-${gate}`} style={{ width: `${Math.round((100 * (norms?.[gate] ?? 0)) / maxNorm)}%` }} />
            <span>{norms ? formatValue(norms[gate]) : '—'}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
