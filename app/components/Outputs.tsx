// The live cell's outputs for every batch row: h (input), r, z, n and h′, as coloured cells with
// readable numbers (small H) or a canvas strip (large H). Each vector has an accessible name.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useExplorer } from '../store/store';
import { selectOutputs } from '../store/outputs';
import { markOutputDrawn } from '../perf';
import { formatExact, formatValue } from '../format';
import { colorScale, paletteLut, symmetricRange, textColorOn, type PaletteName } from '../canvas/palette';
import { drawValues, fitCanvas } from '../canvas/render';
import { selectUnit } from '../store/actions';
import { gatePreActivations } from '../../src';
import { useTheme } from '../theme';

const TEXT_LIMIT = 24;

interface VectorProps {
  label: string;
  name: string;
  values: Float32Array;
  batch: number;
  H: number;
  range: number;
  palette: PaletteName;
  selectedUnit: number;
}

function VectorStrip({ label, name, values, batch, H, range, palette, selectedUnit }: VectorProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const width = 360;
  const height = Math.max(8, Math.min(18, 120 / batch)) * batch;
  const theme = useTheme(); // cell borders are drawn in the theme's colours
  useEffect(() => {
    if (!ref.current || H <= TEXT_LIMIT) return;
    fitCanvas(ref.current, width, height);
    drawValues(ref.current, values, H, batch, range, paletteLut(palette));
  }, [values, batch, H, range, palette, height, theme]);

  const scale = colorScale(palette, range);
  return (
    <div className="vector">
      <div className="vector-name">{name}</div>
      <div
        className="vector-values"
        aria-label={label}
        role="group"
        data-values={H <= 256 ? Array.from(values.subarray(0, batch * H)).join(' ') : undefined}
      >
        {H <= TEXT_LIMIT ? (
          Array.from({ length: batch }, (_, b) => (
            <div className="vector-row" key={b}>
              {Array.from(values.subarray(b * H, (b + 1) * H), (v, j) => {
                const bg = Number.isNaN(v) ? '#282828' : scale(Math.max(-range, Math.min(range, v)));
                return (
                  <button
                    type="button"
                    key={j}
                    className={`value-cell${j === selectedUnit ? ' selected' : ''}`}
                    style={{ background: bg, color: textColorOn(bg) }}
                    title={`${name}[${b}, ${j}] = ${formatExact(v)}`}
                    onClick={() => selectUnit(j, b)}
                  >
                    {formatValue(v)}
                  </button>
                );
              })}
            </div>
          ))
        ) : (
          <>
            <canvas ref={ref} className="grid-canvas" style={{ width, height }} role="img" aria-label={`${label} as colours`} />
            <div className="vector-selected">
              unit {selectedUnit}: {Array.from({ length: batch }, (_, b) => formatValue(values[b * H + selectedUnit])).join(', ')}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

export function Outputs() {
  const outputs = useExplorer(selectOutputs);
  const model = useExplorer((s) => s.model);
  const palette = useExplorer((s) => s.palette);
  const selectedUnit = useExplorer((s) => s.selectedUnit);
  const { batch } = model;
  const H = model.weights.hiddenSize;
  const [showPre, setShowPre] = useState(false);

  useLayoutEffect(markOutputDrawn, [outputs]);

  const rows: [string, string, Float32Array, number][] = [
    ['h′ (output)', 'h′', outputs.h, symmetricRange([outputs.h], 1)],
    ['h (previous state)', 'h', model.h, symmetricRange([model.h], 1)],
    ['z (update gate)', 'z', outputs.z, 1],
    ['r (reset gate)', 'r', outputs.r, 1],
    ['n (candidate)', 'n', outputs.n, 1],
  ];
  // Computed and drawn only while their section is open: at large H they are three more canvases per edit.
  const pre = showPre ? gatePreActivations(outputs, batch, H) : null;
  return (
    <section className="panel outputs" aria-label="Cell outputs">
      <h2>
        Live cell <span className="muted">h′ = (1 − z) ⊙ n + z ⊙ h{batch > 1 ? `, batch rows 0…${batch - 1}` : ''}</span>
      </h2>
      {rows.map(([label, name, values, range]) => (
        <VectorStrip
          key={name}
          label={label}
          name={name}
          values={values}
          batch={batch}
          H={H}
          range={range}
          palette={palette}
          selectedUnit={selectedUnit}
        />
      ))}
      <details className="preacts" onToggle={(e) => setShowPre(e.currentTarget.open)}>
        <summary>pre-activations (the arguments of σ and tanh)</summary>
        {pre &&
          (['r', 'z', 'n'] as const).map((g) => (
            <VectorStrip
              key={g}
              label={`${g} pre-activation`}
              name={`a${g}`}
              values={pre[g]}
              batch={batch}
              H={H}
              range={symmetricRange([pre[g]], 1)}
              palette={palette}
              selectedUnit={selectedUnit}
            />
          ))}
      </details>
    </section>
  );
}
