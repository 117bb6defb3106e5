// The four PyTorch tensors side by side, split into r / z / n bands that line up across all four:
// the answer to "which rows are which gate" on one screen.
import { useEffect, useRef, type RefObject } from 'react';
import { GATES, GATE_NAMES, gateRows, gateSlice, TENSORS, tensorShape } from '../../src';
import { useExplorer } from '../store/store';
import { resetZoom, zoomBy } from '../store/actions';
import { axisZoom, zoomWindow } from '../canvas/viewport';
import { GridCanvas } from './GridCanvas';
import { ColumnAxis } from './ColumnAxis';
import { heatmapLayout } from '../canvas/layout';
import { GATE_ROLE } from './gateText';
import { lessonLink } from '../lessons/links';

/** Columns are at least wide enough for their tensor's name. */
const columnWidth = (canvasWidth: number) => Math.max(canvasWidth, 60);
/** Width of one character of the 10.5 px monospace slice labels. */
const SLICE_CHAR_PX = 6.4;

/** Zoom buttons for the heatmap panel: the factor the rows are magnified by, and Fit. */
export function ZoomControls() {
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const k = useExplorer((s) => axisZoom(s.zoom.k, H));
  const canZoom = axisZoom(Infinity, H) > 1;
  if (!canZoom) return null;
  return (
    <div className="tool-group zoom-controls" role="group" aria-label="Zoom">
      <button type="button" aria-label="Zoom out" title="Zoom out (−, or Ctrl + wheel)" onClick={() => zoomBy(1 / 2)} disabled={k <= 1}>
        −
      </button>
      <output className="zoom-level" aria-label="Zoom level">
        ×{Number(k.toPrecision(3))}
      </output>
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in (+, or Ctrl + wheel)"
        onClick={() => zoomBy(2)}
        disabled={k >= axisZoom(Infinity, H)}
      >
        +
      </button>
      <button type="button" title="Show every row (0)" onClick={resetZoom} disabled={k <= 1}>
        Fit
      </button>
    </div>
  );
}

/** Ctrl/⌘ + wheel (and trackpad pinch, which arrives as one) zooms about the pointer; the page scrolls otherwise. */
function useWheelZoom(ref: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      const target = e.target instanceof HTMLCanvasElement && e.target.dataset.grid ? e.target : null;
      const box = target?.getBoundingClientRect();
      const fx = box ? (e.clientX - box.left) / box.width : 0.5;
      const fy = box ? (e.clientY - box.top) / box.height : 0.5;
      zoomBy(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), fx, fy);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [ref]);
}

export function TensorBands() {
  const I = useExplorer((s) => s.model.weights.inputSize);
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const zoom = useExplorer((s) => s.zoom);
  const tool = useExplorer((s) => s.tool);
  // The open lesson's band is outlined, so the eye goes from its text to the cells it is about.
  const focus = useExplorer((s) => lessonLink(s.lesson)?.link.lesson.focus ?? null);
  const ref = useRef<HTMLDivElement>(null);
  useWheelZoom(ref);
  const layout = heatmapLayout(I, H);
  const rows = zoomWindow(zoom, H, 1);
  const zoomed = rows.r0 > 0 || rows.r1 < H;
  const widths = { weight_ih: layout.ihWidth, weight_hh: layout.hhWidth, bias_ih: layout.biasWidth, bias_hh: layout.biasWidth };

  const columnView = (cols: number) => {
    const w = zoomWindow(zoom, 1, cols);
    return { cols, from: w.c0, to: w.c1 };
  };
  return (
    <div ref={ref} className={`bands${tool === 'pan' ? ' panning' : ''}`} role="group" aria-label="GRU weights by gate">
      <div className="bands-header">
        <div className="gate-gutter" />
        {TENSORS.map((t) => (
          <div key={t} className="tensor-title" style={{ width: columnWidth(widths[t]) }} title={t}>
            <code>{t}</code>
            <span className="shape">({tensorShape(t, I, H).join('×')})</span>
            <ColumnAxis
              {...columnView(t === 'weight_ih' ? I : H)}
              width={widths[t]}
              source={t === 'weight_ih' ? 'x' : t === 'weight_hh' ? 'h' : null}
            />
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
                rows{' '}
                <code>
                  [{start}:{end}]
                </code>
              </div>
              {zoomed && (
                <div className="gate-rows zoom-rows">
                  showing units {Math.floor(rows.r0)}–{Math.ceil(rows.r1) - 1}
                </div>
              )}
              {layout.bandHeight >= 80 && <div className="gate-role">{GATE_ROLE[gate]}</div>}
            </div>
            {TENSORS.map((t) => (
              <div
                key={t}
                className={`band-cell${focus && focus.gate === gate && (focus.tensor === 'all' || focus.tensor === t) ? ' lesson-focus' : ''}`}
                style={{ width: columnWidth(widths[t]) }}
              >
                <GridCanvas
                  grid={t}
                  rowStart={start}
                  rowCount={H}
                  width={widths[t]}
                  height={layout.bandHeight}
                  label={`${gateSlice(t, gate, H)} (${GATE_NAMES[gate]} gate)`}
                />
                <div className="slice-label" title={`${gateSlice(t, gate, H)} selects the ${GATE_NAMES[gate]} gate`}>
                  {/* Narrow columns (biases, weight_ih at large H): name and range on two lines. */}
                  <code>
                    {gateSlice(t, gate, H).length * SLICE_CHAR_PX > columnWidth(widths[t]) ? (
                      <>
                        {t}
                        <br />[{start}:{end}]
                      </>
                    ) : (
                      gateSlice(t, gate, H)
                    )}
                  </code>
                </div>
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
