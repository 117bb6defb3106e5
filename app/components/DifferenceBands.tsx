// The difference view: the four tensors by gate band like the heatmaps above, drawn as B − A on a diverging
// scale of its own (±max |Δ|), or as A or B on one shared scale. Bands follow the heatmaps' shared zoom.
import { useEffect, useRef, useState } from 'react';
import { GATES, getTensor, TENSORS, tensorCols, type GruWeights, type TensorName, type WeightDifference } from '../../src';
import { useExplorer } from '../store/store';
import { paletteLut, rasterize, symmetricRange } from '../canvas/palette';
import { EQUAL_RGB, rasterizeDifference, TINY_RGB } from '../canvas/difference';
import { blitImage, createCellImage, fitCanvas } from '../canvas/render';
import { bandWindow } from '../canvas/viewport';
import { formatValue } from '../format';

type Show = 'delta' | 'a' | 'b';
const SHOW_LABELS: Record<Show, string> = { delta: 'B − A', a: 'A', b: 'B' };
/** CSS px per row of a band, at most; large H samples rows like the heatmaps do. */
const MAX_ROW = 14;
const BAND_HEIGHT = 120;

function DifferenceBand(props: { tensor: TensorName; band: number; values: Float32Array; cols: number; H: number; range: number; show: Show; width: number; height: number }) {
  const { tensor, band, values, cols, H, range, show, width, height } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  const palette = useExplorer((s) => s.palette);
  const zoom = useExplorer((s) => s.zoom);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    fitCanvas(canvas, width, height);
    const image = createCellImage(cols, H);
    const lut = paletteLut(palette);
    const paint = show === 'delta' ? rasterizeDifference : rasterize;
    paint(values, band * H * cols, H * cols, range, lut, image.data.data);
    image.source.getContext('2d')!.putImageData(image.data, 0, 0);
    blitImage(canvas, image, bandWindow(zoom, tensor, H, cols));
  }, [tensor, band, values, cols, H, range, show, width, height, palette, zoom]);
  return <canvas ref={ref} className="grid-canvas" style={{ width, height }} data-compare={`${tensor}:${GATES[band]}`} aria-hidden="true" />;
}

export function DifferenceBands({ diff, a, b }: { diff: WeightDifference; a: GruWeights; b: GruWeights }) {
  const [show, setShow] = useState<Show>('delta');
  const H = a.hiddenSize;
  const rowHeight = Math.min(MAX_ROW, BAND_HEIGHT / H);
  const height = Math.max(rowHeight * H, 12);
  const deltaRange = diff.maxAbs > 0 ? diff.maxAbs : 1e-6;
  const sharedRange = symmetricRange(TENSORS.flatMap((t) => [getTensor(a, t), getTensor(b, t)]));
  const range = show === 'delta' ? deltaRange : sharedRange;
  const source = (t: TensorName) => (show === 'delta' ? diff.delta[t] : getTensor(show === 'a' ? a : b, t));
  return (
    <div className="compare-bands">
      <div className="compare-show" role="radiogroup" aria-label="Show">
        {(Object.keys(SHOW_LABELS) as Show[]).map((k) => (
          <button key={k} type="button" role="radio" aria-checked={show === k} className={show === k ? 'active' : undefined} onClick={() => setShow(k)}>
            {SHOW_LABELS[k]}
          </button>
        ))}
        <span className="muted compare-scale" data-range={range}>
          {show === 'delta' ? (
            <>
              scale ±{formatValue(range)} (max |Δ|) · <i className="swatch" style={{ background: `rgb(${EQUAL_RGB.join(',')})` }} /> equal ·{' '}
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
                <DifferenceBand key={g} tensor={t} band={k} values={source(t)} cols={cols} H={H} range={range} show={show} width={width} height={height} />
              ))}
            </figure>
          );
        })}
      </div>
    </div>
  );
}
