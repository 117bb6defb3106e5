// The hovered cell said next to the pointer: tensor and index, value, gate, unit, source and its term
// in the equations — and, while h = 0, that a weight_hh cell cannot change h′. It follows the pointer
// through a ref (no React render per move) and stays inside the viewport (placePopover).
import { useEffect, useLayoutEffect, useRef } from 'react';
import { describeCell, getGrid, gridShape, GATE_NAMES } from '../../src';
import { useExplorer, type CellRef } from '../store/store';
import { formatExact } from '../format';
import { placePopover } from '../canvas/popoverPlace';

const pointer = { x: 0, y: 0 };

/** Every batch row of h is 0 at column `col` (so weight_hh[:, col] multiplies zero). */
function hColumnZero(h: Float32Array, H: number, col: number): boolean {
  for (let i = col; i < h.length; i += H) if (h[i] !== 0) return false;
  return true;
}

export function HoverPopover() {
  const hover = useExplorer((s) => s.hover);
  const model = useExplorer((s) => s.model);
  const ref = useRef<HTMLDivElement>(null);

  const place = () => {
    const el = ref.current;
    if (!el) return;
    const { left, top } = placePopover(pointer, { width: el.offsetWidth, height: el.offsetHeight }, { width: document.documentElement.clientWidth, height: window.innerHeight });
    el.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  };
  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      pointer.x = e.clientX;
      pointer.y = e.clientY;
      place();
    };
    window.addEventListener('pointermove', onMove, { passive: true });
    return () => window.removeEventListener('pointermove', onMove);
  }, []);
  useLayoutEffect(place);

  if (!hover) return null;
  return (
    <div ref={ref} className="hover-popover" role="tooltip" data-grid={hover.grid}>
      <PopoverText cell={hover} model={model} />
    </div>
  );
}

function PopoverText({ cell, model }: { cell: CellRef; model: ReturnType<typeof useExplorer.getState>['model'] }) {
  const H = model.weights.hiddenSize;
  const d = describeCell(cell.grid, cell.row, cell.col, H);
  const value = getGrid(model, cell.grid)[cell.row * gridShape(model, cell.grid).cols + cell.col];
  const idle = cell.grid === 'weight_hh' && hColumnZero(model.h, H, cell.col);
  return (
    <>
      <div className="popover-index">
        <code>{d.index}</code> = <strong className="mono">{formatExact(value)}</strong>
      </div>
      <div className="popover-facts">
        {d.gate && (
          <span>
            <span className={`gate-badge gate-${d.gate}`}>{d.gate}</span> {GATE_NAMES[d.gate]} gate
          </span>
        )}
        {d.unit !== undefined && <span>unit {d.unit}</span>}
        <span>from {d.source}</span>
      </div>
      <div className="popover-term">{d.term}</div>
      {idle && (
        <div className="popover-note">
          h[{cell.col}] = 0{model.batch > 1 ? ' in every batch row' : ''}, so this weight multiplies zero: painting it cannot change h′ until h is set.
        </div>
      )}
    </>
  );
}
