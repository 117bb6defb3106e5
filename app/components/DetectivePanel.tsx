// The layout detective in the page: paste the h′ another framework printed for the weights, x and h on screen,
// and see which storage convention (block order × transposed × reset-after/before × gate activation) reproduces
// it. The usual answer is the classic port bug, r and z swapped (keras#8720, torch2trt#694); every layout fact
// comes from docs/gru-conventions.md through src/layouts/detective.ts.
import { useState } from 'react';
import {
  formatBlockOrder,
  gruCell,
  maxAbsDiff,
  gruCellVariant,
  normalizeLayout,
  parseNumberList,
  pickView,
  RECURRENT_ACTIVATIONS,
  ZRN_ORDER,
  type GruModel,
} from '../../src';
import { explorer, useExplorer } from '../store/store';
import { loadShared } from '../store/actions';
import {
  ASYNC_WORK,
  cellDifference,
  fitsObserved,
  formatError,
  formatRows,
  isPytorchCell,
  isPytorchLayout,
  rowsToTry,
  runInvestigation,
  TOLERANCE,
  type Investigation,
} from './investigation';
import { InlineError } from './InlineError';

/** Hypotheses listed in the table; the rest are counted. */
const SHOWN = 6;

export function DetectivePanel() {
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const batch = useExplorer((s) => s.model.batch);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<Investigation | null>(null);
  const [example, setExample] = useState<{ text: string; visible: boolean } | null>(null);
  const [converted, setConverted] = useState<{ model: GruModel; note: string } | null>(null);
  const expected = batch * H;

  const investigate = () => {
    const current = explorer.getState().model;
    const parsed = parseNumberList(text, 'Observed h′');
    if (!parsed.ok) return setError(parsed.error);
    const want = current.batch * current.weights.hiddenSize;
    if (parsed.values.length !== want) {
      return setError(
        `Observed h′: expected ${want} values (batch ${current.batch} × H ${current.weights.hiddenSize}), got ${parsed.values.length}`,
      );
    }
    setError(null);
    const finish = () => {
      try {
        setFound(runInvestigation(current, text, parsed.values, parsed.decimals));
        setConverted(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
      setBusy(false);
    };
    const { inputSize, hiddenSize } = current.weights;
    if (rowsToTry(current) * hiddenSize * (inputSize + hiddenSize) <= ASYNC_WORK) return finish();
    // Let "Investigating…" paint first: requestAnimationFrame runs before the paint, the timeout after it.
    setBusy(true);
    requestAnimationFrame(() => setTimeout(finish, 0));
  };

  const tryExample = () => {
    const m = explorer.getState().model;
    const zrnReading = gruCellVariant(m.weights, m.x, m.h, m.batch, { gateOrder: ZRN_ORDER }).h;
    const exampleText = formatRows(zrnReading, m.batch, m.weights.hiddenSize);
    // When the r and z blocks act alike (e.g. all weights equal), swapping them changes nothing to find.
    const visible = maxAbsDiff(zrnReading, gruCell(m.weights, m.x, m.h, m.batch).h) > TOLERANCE;
    setText(exampleText);
    setExample({ text: exampleText, visible });
    setError(null);
  };

  const convert = (inv: Investigation) => {
    const s = explorer.getState();
    if (s.model !== inv.model) return;
    const best = inv.report.best;
    const weights = normalizeLayout(s.model.weights, { gateOrder: best.gateOrder, transposed: best.transposed });
    const next: GruModel = { ...s.model, weights };
    const after = gruCell(weights, next.x, next.h, next.batch).h;
    const err = maxAbsDiff(after, inv.observed);
    // One state replacement = one undo step; x, h, batch and the view are kept. Moved values have no recipe op,
    // so links carry them raw (as for an import).
    loadShared({
      model: next,
      recipe: null,
      view: pickView(s),
    });
    const done = `Converted: blocks are now r | z | n${best.transposed ? ', transposed back to (3H, ·)' : ''}, as nn.GRUCell stores them (Ctrl+Z or ⌘Z undoes it). `;
    setConverted({
      model: next,
      note: fitsObserved(after, inv.observed, inv.rounding)
        ? `${done}PyTorch's cell now gives the observed h′ (max |Δh′| ${formatError(err)}).`
        : `${done}PyTorch's cell still differs from the observed h′ by up to ${formatError(err)}: the other cell is ${cellDifference(best) || 'a different function'}.`,
    });
  };

  // Booleans, not the model: a brush stroke then re-renders this panel only when an answer goes stale.
  const onModel = useExplorer((s) => (found === null ? false : found.model === s.model));
  const onConverted = useExplorer((s) => (converted === null ? false : converted.model === s.model));
  const fresh = found !== null && onModel && found.text === text;
  const justConverted = converted !== null && onConverted;
  const best = found?.report.best;
  const canConvert = fresh && !!best && best.matches && found.bestFitsAllRows && !isPytorchLayout(best);
  const rest = found ? found.report.candidates.slice(SHOWN) : [];
  const restMatching = rest.filter((c) => c.matches).length;

  return (
    <section className="panel detective" aria-label="Layout detective" aria-busy={busy}>
      <h2>
        Layout detective <span className="muted">which convention gives the h′ you saw?</span>
      </h2>
      <p className="detective-intro">
        Paste the h′ another framework printed for the weights, x and h on screen: the detective ranks 72 readings of them (6 block orders ×
        transposed or not × reset after or before × 3 gate activations).
      </p>
      <label className="detective-label" htmlFor="detective-observed">
        Observed h′
      </label>
      <textarea
        id="detective-observed"
        className="detective-input"
        rows={3}
        spellCheck={false}
        value={text}
        placeholder="tensor([[0.1234, -0.5678, …]])"
        aria-invalid={!!error}
        aria-describedby={error ? 'detective-hint detective-error' : 'detective-hint'}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      <p id="detective-hint" className="detective-hint muted">
        {expected} number{expected === 1 ? '' : 's'} (batch {batch} × H {H}), as printed: <code>tensor([[…]])</code>, numpy{' '}
        <code>[[… …]]</code>, or separated by commas, spaces or lines. Any print precision: each value counts to half its last digit.
      </p>
      <InlineError error={error} block id="detective-error" />
      {example !== null && text === example.text && (
        <p className="detective-example">
          <strong>Example:</strong> the h′ a framework that stores its blocks as z | r | h (ONNX; Keras too, after its transpose) computes
          from these very numbers and the same x and h — what a port prints when the weights on screen came from it unchanged.{' '}
          {example.visible
            ? 'Press Investigate to see the detective name the bug.'
            : 'Here the r and z blocks give the same h′, so the swap cannot be seen: paint r or z differently (or initialize the weights), then try again.'}
        </p>
      )}
      <div className="detective-actions">
        <button type="button" onClick={investigate} disabled={busy}>
          {busy ? 'Investigating…' : 'Investigate'}
        </button>
        <button type="button" onClick={tryExample} disabled={busy}>
          Try an example
        </button>
      </div>
      {found && best && (
        <div className={`detective-result${fresh || (justConverted && found.text === text) ? '' : ' stale'}`}>
          <p className="detective-verdict" role="status">
            {found.report.verdict}
          </p>
          <p className="muted detective-precision">
            <strong>Precision assumed:</strong> {found.precision}.
          </p>
          {found.rowsTried < found.model.batch && (
            <p className="muted detective-note">
              Tried on batch {found.rowsTried === 1 ? 'row 0' : `rows 0–${found.rowsTried - 1}`} of {found.model.batch} to keep it quick; on
              all rows the best fit is off by at most {formatError(found.bestErrorAllRows)}
              {found.bestFitsAllRows ? ', a match.' : ': the other rows do not agree.'}
            </p>
          )}
          <table className="detective-table">
            <caption className="sr-only">
              Hypotheses, best first; a ✓ marks those reproducing h′ within the precision assumed; frameworks that store and run each one
              are listed under it
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">fits</span>
                </th>
                <th scope="col">blocks</th>
                <th scope="col">transposed</th>
                <th scope="col">reset</th>
                <th scope="col">gates</th>
                <th scope="col" className="num">
                  max |Δh′|
                </th>
              </tr>
            </thead>
            {/* One tbody per hypothesis: its row, then the frameworks it is native to on a full-width line
                (a sixth column would not fit the right-hand column's ~440 px). */}
            {found.report.candidates.slice(0, SHOWN).map((c, i) => (
              <tbody key={i} className={c.matches ? 'match' : undefined}>
                <tr>
                  <td className="fit">
                    {c.matches ? (
                      <span role="img" aria-label="fits">
                        ✓
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <code>{formatBlockOrder(c.gateOrder)}</code>
                  </td>
                  <td>{c.transposed ? 'yes' : 'no'}</td>
                  <td>{c.resetAfter ? 'after' : 'before'}</td>
                  <td
                    title={`${RECURRENT_ACTIVATIONS[c.recurrentActivation].formula} — ${RECURRENT_ACTIVATIONS[c.recurrentActivation].usedBy}`}
                  >
                    {c.recurrentActivation}
                  </td>
                  <td className="num">{formatError(c.maxError)}</td>
                </tr>
                {c.frameworks.length > 0 && (
                  <tr className="frameworks">
                    <td />
                    <td colSpan={5}>
                      <span className="sr-only">frameworks: </span>
                      {c.frameworks.join(' · ')}
                    </td>
                  </tr>
                )}
              </tbody>
            ))}
          </table>
          {rest.length > 0 && (
            <p className="muted detective-note">
              + {rest.length} more hypotheses, off by {formatError(rest[0].maxError)} or more
              {restMatching > 0 ? ` (${restMatching} of them also fit)` : ''}.
            </p>
          )}
          {justConverted ? (
            <p className="detective-converted" role="status">
              {converted.note}
            </p>
          ) : !fresh ? (
            <p className="warn detective-note">The weights, x, h or the pasted h′ changed since this investigation: Investigate again.</p>
          ) : canConvert ? (
            <div className="detective-convert">
              <button type="button" onClick={() => convert(found)}>
                Convert to PyTorch layout
              </button>
              <span className="muted">
                moves the blocks to r | z | n{best.transposed ? ' and transposes the matrices' : ''}; one undo step
              </span>
              {!isPytorchCell(best) && (
                <p className="warn">
                  PyTorch's cell computes a different function: the other framework's cell is {cellDifference(best)}. Converting moves the
                  values into place, but PyTorch's h′ will still differ.
                </p>
              )}
              {found.report.matching.length > 1 && (
                <p className="muted">{found.report.matching.length} hypotheses fit; converting uses the first one listed.</p>
              )}
            </div>
          ) : best.matches && isPytorchLayout(best) ? (
            <p className="muted detective-note">
              Nothing to convert: the weights are already in PyTorch's layout
              {isPytorchCell(best)
                ? '.'
                : `, but the cell that printed h′ is ${cellDifference(best)}: PyTorch's cell computes a different function.`}
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
