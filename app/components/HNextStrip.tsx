// h′ (and h) in the heatmap panel itself, for one-column windows where the live cell sits below the
// heatmaps: what a paint stroke does stays on screen next to the weights. Hidden on two columns.
import { useEffect, useRef } from 'react';
import { useExplorer } from '../store/store';
import { selectOutputs } from '../store/outputs';
import { formatValue } from '../format';
import { colorScale, paletteLut, symmetricRange, textColorOn } from '../canvas/palette';
import { drawValues, fitCanvas } from '../canvas/render';
import { useTheme } from '../theme';

const TEXT_LIMIT = 12;

function Row({ name, values, b, H }: { name: string; values: Float32Array; b: number; H: number }) {
  const palette = useExplorer((s) => s.palette);
  useTheme(); // re-render, so the strip redraws its cell borders in the theme's colours
  const ref = useRef<HTMLCanvasElement>(null);
  const row = values.subarray(b * H, (b + 1) * H);
  const range = symmetricRange([row], 1);
  useEffect(() => {
    if (!ref.current || H <= TEXT_LIMIT) return;
    fitCanvas(ref.current, 300, 12);
    drawValues(ref.current, row, H, 1, range, paletteLut(palette));
  });
  const scale = colorScale(palette, range);
  return (
    <div className="hnext-row">
      <span className="hnext-name">{name}</span>
      {H <= TEXT_LIMIT ? (
        Array.from(row, (v, j) => {
          const bg = Number.isNaN(v) ? '#282828' : scale(Math.max(-range, Math.min(range, v)));
          return (
            <span key={j} className="hnext-value" style={{ background: bg, color: textColorOn(bg) }}>
              {formatValue(v)}
            </span>
          );
        })
      ) : (
        <canvas ref={ref} className="grid-canvas" style={{ width: 300, height: 12 }} aria-hidden="true" />
      )}
    </div>
  );
}

export function HNextStrip() {
  const outputs = useExplorer(selectOutputs);
  const h = useExplorer((s) => s.model.h);
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const b = useExplorer((s) => s.selectedBatch);
  const batch = useExplorer((s) => s.model.batch);
  return (
    <div
      className="hnext-strip"
      role="group"
      aria-label="h′ beside the weights"
      data-values={H <= 256 ? Array.from(outputs.h.subarray(b * H, (b + 1) * H)).join(' ') : undefined}
    >
      <Row name="h′" values={outputs.h} b={b} H={H} />
      <Row name="h" values={h} b={b} H={H} />
      {batch > 1 && <span className="muted">batch row {b}</span>}
    </div>
  );
}
