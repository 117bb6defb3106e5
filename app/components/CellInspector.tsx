// What the pointer is over (or the selected cell): tensor, index, gate, unit, source, value, and its
// term in the equations; plus exact numeric entry for the selected cell.
import { useState, type FormEvent } from 'react';
import { describeCell, getGrid, gridShape, parseValue, GATE_NAMES } from '../../src';
import { useExplorer, type CellRef } from '../store/store';
import { showMessage } from '../store/actions';
import { setCell } from '../store/stroke';
import { formatExact } from '../format';
import { InlineError } from './InlineError';

function valueOf(model: ReturnType<typeof useExplorer.getState>['model'], cell: CellRef) {
  return getGrid(model, cell.grid)[cell.row * gridShape(model, cell.grid).cols + cell.col];
}

export function CellInspector() {
  const hover = useExplorer((s) => s.hover);
  const selected = useExplorer((s) => s.selectedCell);
  const model = useExplorer((s) => s.model);
  const cell = hover ?? selected;
  const H = model.weights.hiddenSize;

  return (
    <section className="panel inspector" aria-label="Cell details">
      {cell ? (
        <CellText cell={cell} H={H} value={valueOf(model, cell)} hovering={!!hover} />
      ) : (
        <p className="muted">Hover a cell to see what it is; click to select it.</p>
      )}
      {selected && (
        <ExactEntry
          key={`${selected.grid}:${selected.row}:${selected.col}:${valueOf(model, selected)}`}
          cell={selected}
          H={H}
          current={valueOf(model, selected)}
        />
      )}
    </section>
  );
}

function CellText({ cell, H, value, hovering }: { cell: CellRef; H: number; value: number; hovering: boolean }) {
  const d = describeCell(cell.grid, cell.row, cell.col, H);
  return (
    <div className="cell-text" role="status" aria-live="polite" aria-label="Hovered cell">
      <div className="cell-index">
        <code>{d.index}</code> = <strong>{formatExact(value)}</strong>
        {!hovering && <span className="muted"> (selected)</span>}
      </div>
      <div className="cell-facts">
        {d.gate && (
          <span>
            gate <span className={`gate-badge gate-${d.gate}`}>{d.gate}</span> {GATE_NAMES[d.gate]}
          </span>
        )}
        {d.unit !== undefined && <span>unit {d.unit}</span>}
        <span>source {d.source}</span>
      </div>
      <div className="cell-term">{d.term}</div>
    </div>
  );
}

function ExactEntry({ cell, H, current }: { cell: CellRef; H: number; current: number }) {
  const [text, setText] = useState(formatExact(current));
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseValue(text, 'cell value');
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    showMessage(null);
    setCell(cell, parsed.value);
    if (parsed.notice) showMessage(parsed.notice); // after the edit, which clears the message bar
  };
  const d = describeCell(cell.grid, cell.row, cell.col, H);
  return (
    <form className="exact-entry" onSubmit={submit}>
      <label>
        Set <code>{d.index}</code> to{' '}
        <input
          aria-label="Exact value"
          value={text}
          onChange={(e) => setText(e.target.value)}
          inputMode="decimal"
          size={10}
          aria-invalid={!!error}
        />
      </label>
      <button type="submit">Set</button>
      <InlineError error={error} />
    </form>
  );
}
