// The four PyTorch tensors side by side, split into r / z / n bands that line up across all four:
// the answer to "which rows are which gate" on one screen.
import { GATES, GATE_NAMES, gateRows, TENSORS, tensorShape, type Gate } from '../../src';
import { useExplorer } from '../store/store';
import { GridCanvas } from './GridCanvas';
import { ColumnAxis } from './ColumnAxis';
import { heatmapLayout } from './layout';

const GATE_ROLE: Record<Gate, string> = {
  r: 'how much of h the candidate sees',
  z: "how much of h is kept in h'",
  n: 'the candidate new state',
};

/** Columns are at least wide enough for their tensor's name. */
const columnWidth = (canvasWidth: number) => Math.max(canvasWidth, 60);

export function TensorBands() {
  const I = useExplorer((s) => s.model.weights.inputSize);
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const layout = heatmapLayout(I, H);
  const widths = { weight_ih: layout.ihWidth, weight_hh: layout.hhWidth, bias_ih: layout.biasWidth, bias_hh: layout.biasWidth };

  return (
    <div className="bands" role="group" aria-label="GRU weights by gate">
      <div className="bands-header">
        <div className="gate-gutter" />
        {TENSORS.map((t) => (
          <div key={t} className="tensor-title" style={{ width: columnWidth(widths[t]) }} title={t}>
            <code>{t}</code>
            <span className="shape">({tensorShape(t, I, H).join('×')})</span>
            <ColumnAxis cols={t === 'weight_ih' ? I : H} width={widths[t]} source={t === 'weight_ih' ? 'x' : t === 'weight_hh' ? 'h' : null} />
          </div>
        ))}
      </div>
      {GATES.map((gate) => {
        const { start, end } = gateRows(gate, H);
        return (
          <div key={gate} className={`band band-${gate}`} data-gate={gate}>
            <div className="gate-gutter" style={{ height: layout.bandHeight }}>
              <div className="gate-name">
                <span className={`gate-badge gate-${gate}`}>{gate}</span> {GATE_NAMES[gate]}
              </div>
              <div className="gate-rows">
                rows <code>[{start}:{end}]</code>
              </div>
              {layout.bandHeight >= 80 && <div className="gate-role">{GATE_ROLE[gate]}</div>}
            </div>
            {TENSORS.map((t) => (
              <div key={t} className="band-cell" style={{ width: columnWidth(widths[t]) }}>
                <GridCanvas
                  grid={t}
                  rowStart={start}
                  rowCount={H}
                  width={widths[t]}
                  height={layout.bandHeight}
                  label={`${t}[${start}:${end}] (${GATE_NAMES[gate]} gate)`}
                />
                <div className="slice-label" title={`${t}[${start}:${end}] selects the ${GATE_NAMES[gate]} gate`}>
                  {/* Bias columns are narrow: name and range on two lines. */}
                  <code>{t.startsWith('bias') ? <>{t}<br />[{start}:{end}]</> : `${t}[${start}:${end}]`}</code>
                </div>
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
