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

/** The popover's size and the viewport's, read when they change (after layout), never while placing. */
const sizes = { box: { width: 0, height: 0 }, viewport: { width: 0, height: 0 } };

export function HoverPopover() {
  const hover = useExplorer((s) => s.hover);
  // What the text shows, as values: a brush event elsewhere does not re-render the popover.
  const value = useExplorer((s) =>
    s.hover ? getGrid(s.model, s.hover.grid)[s.hover.row * gridShape(s.model, s.hover.grid).cols + s.hover.col] : NaN,
  );
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const batch = useExplorer((s) => s.model.batch);
  const idle = useExplorer((s) => s.hover?.grid === 'weight_hh' && hColumnZero(s.model.h, s.model.weights.hiddenSize, s.hover.col));
  const ref = useRef<HTMLDivElement>(null);

  const place = () => {
    const el = ref.current;
    if (!el) return;
    const { left, top } = placePopover(pointer, sizes.box, sizes.viewport);
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
  // Measured by a ResizeObserver, whose callback runs after the browser's own layout: reading sizes in the
  // pointer handler would force a layout of the whole page there, per event.
  const shown = hover !== null;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      sizes.box = { width: el.offsetWidth, height: el.offsetHeight };
      sizes.viewport = { width: document.documentElement.clientWidth, height: window.innerHeight };
      place();
    });
    observer.observe(el);
    observer.observe(document.documentElement);
    return () => observer.disconnect();
  }, [shown]);
  useLayoutEffect(place);

  if (!hover) return null;
  return (
    <div ref={ref} className="hover-popover" role="tooltip" data-grid={hover.grid}>
      <PopoverText cell={hover} value={value} H={H} batch={batch} idle={idle} />
    </div>
  );
}

function PopoverText({ cell, value, H, batch, idle }: { cell: CellRef; value: number; H: number; batch: number; idle: boolean }) {
  const d = describeCell(cell.grid, cell.row, cell.col, H);
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
          h[{cell.col}] = 0{batch > 1 ? ' in every batch row' : ''}, so this weight multiplies zero: painting it cannot change h′ until h is
          set.
        </div>
      )}
    </>
  );
}
