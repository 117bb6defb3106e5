// The same weights under the other candidate formula. PyTorch (and Keras reset_after=True, ONNX
// linear_before_reset=1, Flax) apply r after W_hn h + b_hn; Keras reset_after=False, ONNX linear_before_reset=0
// and TF.js apply it before: W_hn (r ⊙ h). With h = 0 they agree; otherwise h′ differs (gru-conventions.md).
import { useMemo } from 'react';
import { gruCellVariant, type CellSemantics } from '../../src';
import { useExplorer } from '../store/store';
import { selectOutputs } from '../store/outputs';
import { formatValue } from '../format';
import { RadioGroup } from './RadioGroup';

const FORMULA: Record<CellSemantics, string> = {
  'reset-after': 'n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))',
  'reset-before': 'n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)',
};
const USED_BY: Record<CellSemantics, string> = {
  'reset-after': 'PyTorch, Keras reset_after=True (TF2 / Keras 3 default), ONNX linear_before_reset=1, Flax',
  'reset-before': 'Keras reset_after=False, ONNX linear_before_reset=0 (its default), TF.js',
};
const SHOWN = 12;
const SEMANTICS = (['reset-after', 'reset-before'] as const).map((s) => ({ value: s, label: s }));

export function VariantCompare({ semantics, onChange }: { semantics: CellSemantics; onChange: (s: CellSemantics) => void }) {
  const model = useExplorer((s) => s.model);
  const outputs = useExplorer(selectOutputs);
  const batchRow = useExplorer((s) => s.selectedBatch);
  const H = model.weights.hiddenSize;
  const variant = useMemo(
    () => (semantics === 'reset-after' ? outputs.h : gruCellVariant(model.weights, model.x, model.h, model.batch, { resetAfter: false }).h),
    [semantics, model, outputs], // outputs is new after every edit, in-place strokes included
  );
  const b = Math.min(batchRow, model.batch - 1);
  const pytorch = outputs.h.subarray(b * H, (b + 1) * H);
  const other = variant.subarray(b * H, (b + 1) * H);
  let maxDelta = 0;
  let worst = 0;
  for (let i = 0; i < variant.length; i++) {
    const d = Math.abs(variant[i] - outputs.h[i]);
    if (d > maxDelta || Number.isNaN(d)) {
      maxDelta = Number.isNaN(d) ? NaN : d;
      worst = i;
    }
  }
  const units = Array.from({ length: Math.min(H, SHOWN) }, (_, j) => j);
  return (
    <div className="variant" role="group" aria-label="Cell semantics">
      <div className="variant-head">
        <h3>Cell semantics</h3>
        <RadioGroup label="Candidate formula" options={SEMANTICS} value={semantics} onChange={onChange} />
      </div>
      <p className="variant-formula">
        <code>{FORMULA[semantics]}</code> <span className="muted">— {USED_BY[semantics]}</span>
      </p>
      <table className="variant-table">
        <thead>
          <tr>
            <th scope="col">unit</th>
            {units.map((j) => (
              <th scope="col" key={j} className="num">
                {j}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">h′ PyTorch</th>
            {units.map((j) => (
              <td key={j} className="num">
                {formatValue(pytorch[j])}
              </td>
            ))}
          </tr>
          <tr aria-label={`h′ ${semantics}`} data-values={H <= 256 ? Array.from(variant).join(' ') : undefined}>
            <th scope="row">h′ {semantics}</th>
            {units.map((j) => (
              <td key={j} className="num">
                {formatValue(other[j])}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Δ</th>
            {units.map((j) => {
              const d = other[j] - pytorch[j];
              return (
                <td key={j} className={`num${d !== 0 ? ' delta' : ''}`}>
                  {d === 0 ? '0' : formatValue(d)}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
      <p className="variant-summary" aria-live="polite">
        {semantics === 'reset-after'
          ? "This is PyTorch's own cell: h′ is identical."
          : maxDelta === 0
            ? 'Identical here: the two agree where r ⊙ (W_hn h + b_hn) = W_hn (r ⊙ h) + b_hn, e.g. h = 0 and b_hn = 0. Paint h or b_hn to see them part.'
            : `Largest |Δh′| = ${formatValue(maxDelta)} at batch ${Math.floor(worst / H)}, unit ${worst % H}${H > SHOWN ? ` (units 0–${SHOWN - 1} of ${H} shown, batch row ${b})` : model.batch > 1 ? ` (batch row ${b} shown)` : ''}.`}
      </p>
    </div>
  );
}
