// The difference view: the four tensors by gate band like the heatmaps above, drawn as B − A on a diverging
// scale of its own (±max |Δ|), or as A or B on one shared scale. Bands follow the heatmaps' shared zoom.
import { useEffect, useRef, useState } from 'react';
import { GATES, getTensor, LISTED_CHANGES, TENSORS, tensorCols, type GruWeights, type TensorName, type WeightDifference } from '../../src';
import { useExplorer } from '../store/store';
import { paletteLut, rasterize, symmetricRange } from '../canvas/palette';
import { differenceRange, EQUAL_RGB, MARK_BELOW_PX, rasterizeDifference, TINY_RGB } from '../canvas/difference';
import { blitImage, createCellImage, fitCanvas } from '../canvas/render';
import { bandWindow } from '../canvas/viewport';
import { formatValue } from '../format';
import { RadioGroup } from './RadioGroup';
import { useTheme } from '../theme';

type Show = 'delta' | 'a' | 'b';
const SHOW_OPTIONS: { value: Show; label: string }[] = [
  { value: 'delta', label: 'B − A' },
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B' },
];
/** CSS px per row of a band, at most; large H samples rows like the heatmaps do. */
const MAX_ROW = 14;
const BAND_HEIGHT = 120;

/** Rings around the cells at flat `indices` of the tensor that fall in this band's visible window. */
function markCells(
  canvas: HTMLCanvasElement,
  indices: readonly number[],
  band: number,
  H: number,
  cols: number,
  w: { r0: number; r1: number; c0: number; c1: number },
) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  ctx.lineWidth = 1.5 * dpr;
  for (const i of indices) {
    const row = Math.floor(i / cols) - band * H;
    const col = i % cols;
    if (row < Math.floor(w.r0) || row >= w.r1 || col < Math.floor(w.c0) || col >= w.c1) continue;
    const x = ((col + 0.5 - w.c0) / (w.c1 - w.c0)) * canvas.width;
    const y = ((row + 0.5 - w.r0) / (w.r1 - w.r0)) * canvas.height;
    for (const [colour, radius] of [
      ['#fff', 6],
      ['#111', 4.5],
    ] as const) {
      ctx.strokeStyle = colour;
      ctx.beginPath();
      ctx.arc(x, y, radius * dpr, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }
}

function DifferenceBand(props: {
  tensor: TensorName;
  band: number;
  values: Float32Array;
  marks: readonly number[] | null;
  cols: number;
  H: number;
  range: number;
  show: Show;
  width: number;
  height: number;
}) {
  const { tensor, band, values, marks, cols, H, range, show, width, height } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  const palette = useExplorer((s) => s.palette);
  const zoom = useExplorer((s) => s.zoom);
  const theme = useTheme(); // cell borders are drawn in the theme's colours
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    fitCanvas(canvas, width, height);
    const image = createCellImage(cols, H);
    const lut = paletteLut(palette);
    const paint = show === 'delta' ? rasterizeDifference : rasterize;
    paint(values, band * H * cols, H * cols, range, lut, image.data.data);
    image.source.getContext('2d')!.putImageData(image.data, 0, 0);
    const view = bandWindow(zoom, tensor, H, cols);
    blitImage(canvas, image, view);
    const cellPx = Math.min(width / (view.c1 - view.c0), height / (view.r1 - view.r0));
    if (marks && cellPx < MARK_BELOW_PX) markCells(canvas, marks, band, H, cols, view);
  }, [tensor, band, values, marks, cols, H, range, show, width, height, palette, zoom, theme]);
  return (
    <canvas ref={ref} className="grid-canvas" style={{ width, height }} data-compare={`${tensor}:${GATES[band]}`} aria-hidden="true" />
  );
}

export function DifferenceBands({ diff, a, b }: { diff: WeightDifference; a: GruWeights; b: GruWeights }) {
  const [show, setShow] = useState<Show>('delta');
  const H = a.hiddenSize;
  const rowHeight = Math.min(MAX_ROW, BAND_HEIGHT / H);
  const height = Math.max(rowHeight * H, 12);
  const deltaRange = differenceRange(diff.maxAbs);
  const sharedRange = symmetricRange(TENSORS.flatMap((t) => [getTensor(a, t), getTensor(b, t)]));
  const range = show === 'delta' ? deltaRange : sharedRange;
  // Rings only when every changed cell of the tensor is listed: a ring for some of many would mislead.
  const changedIn = (t: TensorName) => diff.bands.filter((x) => x.tensor === t).reduce((n, x) => n + x.tiny + x.differ + x.nonFinite, 0);
  const source = (t: TensorName) => (show === 'delta' ? diff.delta[t] : getTensor(show === 'a' ? a : b, t));
  return (
    <div className="compare-bands">
      <div className="compare-show">
        <RadioGroup label="Show" options={SHOW_OPTIONS} value={show} onChange={setShow} />
        <span className="muted compare-scale" data-range={range}>
          {show === 'delta' ? (
            <>
              scale ±{formatValue(range)} (max |Δ|) · rings: changed cells too small to see ·{' '}
              <i className="swatch" style={{ background: `rgb(${EQUAL_RGB.join(',')})` }} /> equal ·{' '}
              <i className="swatch" style={{ background: `rgb(${TINY_RGB.join(',')})` }} /> differs below 1e-6 · dark: not finite
            </>
          ) : (
            <>A and B on one scale ±{formatValue(range)}</>
          )}
        </span>
      </div>
      <div className="compare-tensors">
        {TENSORS.map((t) => {
          const cols = tensorCols(a, t);
          const width = cols === 1 ? 16 : Math.min(220, Math.max(24, cols * rowHeight));
          return (
            <figure key={t} className="compare-tensor">
              <figcaption>
                <code>{t}</code>
              </figcaption>
              {GATES.map((g, k) => (
                <DifferenceBand
                  key={g}
                  tensor={t}
                  band={k}
                  values={source(t)}
                  marks={show === 'delta' && changedIn(t) <= LISTED_CHANGES ? diff.firstChanged[t] : null}
                  cols={cols}
                  H={H}
                  range={range}
                  show={show}
                  width={width}
                  height={height}
                />
              ))}
            </figure>
          );
        })}
      </div>
    </div>
  );
}
