// Compare: A (a pinned state) against B (the cell on screen). B − A per gate band on a diverging scale of its
// own, the statistics per band, the cells that changed, h′ of both on B's x and h, and the simplest cause
// when there is one ("B is A with r and z swapped") with one click to put B back in A's layout. A is pinned from
// the cell on screen, the undo history, a checkpoint file (the Import panel's pipeline) or a pasted link.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import {
  compareCells,
  GATE_NAMES,
  getTensor,
  gruCell,
  sameShape,
  TENSORS,
  tensorCols,
  toLayoutOf,
  type GruModel,
  type Comparison,
} from '../../src';
import { useExplorer } from '../store/store';
import { clearA, pinAsA, pinPreviousAsA, setCrop, useCompare, type PinnedCell } from '../store/compare';
import { ASources } from './ASources';
import { replaceWeights, showMessage } from '../store/actions';
import { formatExact, formatValue } from '../format';
import { DifferenceBands } from './DifferenceBands';
import { useSoonOrLater } from '../hooks/useSoonOrLater';

/** Above this many cells the comparison waits for a pause in painting instead of running on every event. */
const SYNC_CELLS = 200_000;
/** Changed cells listed by address. */
const LISTED = 12;

const compare = (a: GruModel, b: GruModel, crop: boolean) => compareCells(a.weights, b.weights, crop);

function useComparison(a: GruModel | null, b: GruModel, crop: boolean): Comparison | null {
  const heavy = b.weights.weightHh.length + b.weights.weightIh.length > SYNC_CELLS;
  const job = useMemo(() => (a ? () => compare(a, b, crop) : null), [a, b, crop]);
  return useSoonOrLater(job, heavy, 150);
}

/** The first cells that differ, by tensor order: address, A, B, Δ. */
function changedCells(c: Comparison) {
  const out: { address: string; a: number; b: number; delta: number }[] = [];
  for (const t of TENSORS) {
    const d = c.diff.delta[t];
    const cols = tensorCols(c.a, t);
    for (const i of c.diff.firstChanged[t]) {
      if (out.length >= LISTED) break;
      const av = getTensor(c.a, t)[i];
      const bv = getTensor(c.b, t)[i];
      out.push({ address: cols === 1 ? `${t}[${i}]` : `${t}[${Math.floor(i / cols)}, ${i % cols}]`, a: av, b: bv, delta: d[i] });
    }
  }
  return out;
}

export function ComparePanel() {
  const pinned = useCompare((s) => s.a);
  // Only a pinned A follows the model on screen: without one, painting does not re-render this panel.
  return pinned ? <PinnedComparison pinned={pinned} /> : <PinPrompt />;
}

function PinPrompt() {
  const canPinPrevious = useStore(useExplorer.temporal, (s) => s.pastStates.length > 0);
  return (
    <section className="panel compare" aria-label="Compare A and B">
      <h2>
        Compare <span className="muted">what changed, band by band</span>
      </h2>
      <p className="muted">Pin this cell as A, then paint, import or train: B (the cell on screen) − A shows here per gate band.</p>
      <div className="compare-actions">
        <button type="button" onClick={() => pinAsA()}>
          Pin as A
        </button>
        <button
          type="button"
          disabled={!canPinPrevious}
          onClick={() => pinPreviousAsA() || showMessage('There is no earlier state to compare with.')}
        >
          A = before the last edit
        </button>
      </div>
      <ASources />
    </section>
  );
}

function PinnedComparison({ pinned }: { pinned: PinnedCell }) {
  const b = useExplorer((s) => s.model);
  const readonly = useExplorer((s) => s.readonly);
  const crop = useCompare((s) => s.crop);
  const comparison = useComparison(pinned.model, b, crop);
  const a = pinned.model;
  const shapes = sameShape(a.weights, b.weights);
  return (
    <section className="panel compare" aria-label="Compare A and B">
      <div className="panel-head">
        <h2>
          Compare <span className="muted">A {pinned.label} · B on screen</span>
        </h2>
        <div className="compare-actions">
          <button type="button" onClick={() => pinAsA()} title="Make the cell on screen the new A">
            Re-pin
          </button>
          <button type="button" onClick={clearA}>
            Clear A
          </button>
        </div>
      </div>
      <ASources />
      {!shapes && (
        <p className="compare-shape" role="status">
          A is I = {a.weights.inputSize}, H = {a.weights.hiddenSize}; B is I = {b.weights.inputSize}, H = {b.weights.hiddenSize}.{' '}
          <label>
            <input type="checkbox" checked={crop} onChange={(e) => setCrop(e.target.checked)} /> compare the common part (first{' '}
            {Math.min(a.weights.hiddenSize, b.weights.hiddenSize)} units, {Math.min(a.weights.inputSize, b.weights.inputSize)} inputs)
          </label>
        </p>
      )}
      {comparison ? <ComparisonView c={comparison} a={a} b={b} readonly={readonly} /> : shapes ? <p className="muted">Comparing…</p> : null}
    </section>
  );
}

function ComparisonView({ c, a, b, readonly }: { c: Comparison; a: GruModel; b: GruModel; readonly: boolean }) {
  const { diff, cause } = c;
  const cells = changedCells(c);
  return (
    <>
      <p className="compare-cause" role="status" data-cause={cause.kind}>
        <strong>{cause.text}</strong>
        {cause.kind === 'layout' && !c.cropped && !readonly && (
          <button type="button" onClick={() => replaceWeights(toLayoutOf(b.weights, cause.change))}>
            Put B in A's layout
          </button>
        )}
      </p>
      <DifferenceBands diff={diff} a={c.a} b={c.b} />
      <table className="compare-stats">
        <caption className="muted">Per gate band: B − A</caption>
        <thead>
          <tr>
            <th scope="col">band</th>
            <th scope="col">max |Δ|</th>
            <th scope="col">RMS Δ</th>
            <th scope="col">equal</th>
            <th scope="col">&lt; 1e-6</th>
            <th scope="col">differ</th>
            <th scope="col">not finite</th>
          </tr>
        </thead>
        <tbody>
          {diff.bands.map((band) => {
            const moved = band.differ + band.nonFinite > 0;
            return (
              <tr key={`${band.tensor}-${band.gate}`} className={moved ? 'moved' : undefined} data-band={`${band.tensor}:${band.gate}`}>
                <th scope="row">
                  {band.tensor} <span className={`gate-text-${band.gate}`}>{band.gate}</span>{' '}
                  <span className="muted">{GATE_NAMES[band.gate]}</span>
                </th>
                <td>{formatValue(band.maxAbs)}</td>
                <td>{formatValue(band.rms)}</td>
                <td>{band.equal}</td>
                <td>{band.tiny}</td>
                <td>{band.differ}</td>
                <td>{band.nonFinite}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {cells.length > 0 && (
        <table className="compare-cells" aria-label="Cells that differ">
          <thead>
            <tr>
              <th scope="col">cell</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">Δ = B − A</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((cell) => (
              <tr key={cell.address}>
                <th scope="row">
                  <code>{cell.address}</code>
                </th>
                <td>{formatExact(cell.a)}</td>
                <td>{formatExact(cell.b)}</td>
                <td data-delta={cell.delta}>{formatExact(cell.delta)}</td>
              </tr>
            ))}
          </tbody>
          {diff.changed > cells.length && (
            <tfoot>
              <tr>
                <td colSpan={4} className="muted">
                  … and {diff.changed - cells.length} more
                </td>
              </tr>
            </tfoot>
          )}
        </table>
      )}
      {!c.cropped && <OutputDifference a={a} b={b} />}
    </>
  );
}

/** h′ of A and B on B's x and h, and Δh′ per unit (the first 16 units; the largest |Δh′| over all). */
function OutputDifference({ a, b }: { a: GruModel; b: GruModel }) {
  const ha = useMemo(() => gruCell(a.weights, b.x, b.h, b.batch).h, [a, b]);
  const hb = useMemo(() => gruCell(b.weights, b.x, b.h, b.batch).h, [b]);
  let worst = 0;
  for (let i = 0; i < hb.length; i++) worst = Math.max(worst, Number.isNaN(ha[i] - hb[i]) ? Infinity : Math.abs(hb[i] - ha[i]));
  const H = b.weights.hiddenSize;
  const shown = Math.min(H, 16);
  return (
    <div className="compare-outputs">
      <p>
        h′ on B's x and h (batch row 0): largest |Δh′| over all units and rows{' '}
        <strong data-max-delta-h={worst}>{formatValue(worst)}</strong>
      </p>
      <table className="compare-h" aria-label="h′ of A and B">
        <thead>
          <tr>
            <th scope="col">unit</th>
            {Array.from({ length: shown }, (_, j) => (
              <th key={j} scope="col">
                {j}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['h′ A', ha],
              ['h′ B', hb],
            ] as const
          ).map(([label, h]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {Array.from({ length: shown }, (_, j) => (
                <td key={j}>{formatValue(h[j])}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Δh′</th>
            {Array.from({ length: shown }, (_, j) => (
              <td key={j}>{formatValue(hb[j] - ha[j])}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
