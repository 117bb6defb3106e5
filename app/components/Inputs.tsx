// The step's inputs x (batch × I) and h (batch × H), painted with the same tools as the weights.
import { useExplorer } from '../store/store';
import { GridCanvas } from './GridCanvas';
import { heatmapLayout } from '../canvas/layout';

export function Inputs() {
  const I = useExplorer((s) => s.model.weights.inputSize);
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const batch = useExplorer((s) => s.model.batch);
  const { inputCell } = heatmapLayout(I, H);
  const rowHeight = Math.max(10, Math.min(28, 140 / batch));
  return (
    <section className="panel inputs" aria-label="Inputs">
      <h2>
        Inputs <span className="muted">paint them like the weights</span>
      </h2>
      {(['x', 'h'] as const).map((grid) => {
        const cols = grid === 'x' ? I : H;
        return (
          <div className="input-row" key={grid}>
            <div className="input-name">
              <code>{grid}</code>{' '}
              <span className="shape">
                ({batch}×{cols})
              </span>
            </div>
            <GridCanvas
              grid={grid}
              rowStart={0}
              rowCount={batch}
              width={Math.max(cols * inputCell, 28)}
              height={batch * rowHeight}
              label={grid === 'x' ? 'x (input)' : 'h (previous state)'}
            />
          </div>
        );
      })}
    </section>
  );
}
