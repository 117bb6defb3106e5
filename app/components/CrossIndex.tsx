// The hovered parameter's address in every framework: weight_hh[H+3, 1] ↔ recurrent_kernel[1, 3] ↔ R[0, 3, 1] …
import { useMemo } from 'react';
import { FRAMEWORK_LAYOUTS, FRAMEWORKS, frameworkTensors, isTensorName, lensLocate, lensCellValue, parameterViews } from '../../src';
import { useExplorer } from '../store/store';
import { formatExact } from '../format';

export function CrossIndex() {
  const hover = useExplorer((s) => s.hover);
  const weights = useExplorer((s) => s.model.weights);
  const { inputSize: I, hiddenSize: H } = weights;
  // Each framework's tensors for these sizes, made once (not on every brush event under the pointer).
  const tensors = useMemo(() => new Map(FRAMEWORKS.map((fw) => [fw, frameworkTensors(fw, I, H)])), [I, H]);
  if (!hover || !isTensorName(hover.grid)) {
    return (
      <p className="muted cross-hint">Hover a weight or bias cell, here or in the heatmaps above, to see its address in every framework.</p>
    );
  }
  const views = parameterViews(hover.grid, hover.row, hover.col, I, H);
  return (
    <table className="cross-index" aria-label="Same parameter in every framework">
      <tbody>
        {FRAMEWORKS.map((fw) => {
          const where = views.locations[fw];
          const t = tensors.get(fw)!.find((x) => x.name === where.tensor);
          const at = t && lensLocate(t, hover.grid as typeof views.tensor, hover.row, hover.col);
          const value = t && at ? lensCellValue(t, at, weights) : NaN;
          return (
            <tr key={fw} className={`relation-${where.relation}`} data-framework={fw}>
              <th scope="row">{FRAMEWORK_LAYOUTS[fw].label}</th>
              <td>
                <code>{where.text}</code>
              </td>
              <td className="num">{formatExact(value)}</td>
              <td className="muted">{where.relation === 'same' ? '' : (where.note ?? where.relation)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
