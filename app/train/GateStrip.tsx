// "What the gates do now": each unit's z and r averaged over the last batch (0 white … 1 dark), and
// h_t of the batch's first sequence over time (units down, steps across, the explorer's palette).
import { useEffect, useRef } from 'react';
import { interpolateGreys } from 'd3';
import { useExplorer } from '../store/store';
import { paletteLut, symmetricRange } from '../canvas/palette';
import { createCellImage, fitCanvas, paintImage } from '../canvas/render';
import { useTrain } from './session';

const CELL = 10;

function gatePixels(values: Float32Array, target: HTMLCanvasElement, cellW: number, cellH: number) {
  const ctx = target.getContext('2d');
  if (!ctx) return;
  const dpr = target.width / (values.length * cellW);
  for (let j = 0; j < values.length; j++) {
    ctx.fillStyle = interpolateGreys(Math.min(1, Math.max(0, values[j])));
    ctx.fillRect(Math.round(j * cellW * dpr), 0, Math.ceil(cellW * dpr), Math.round(cellH * dpr));
  }
}

export function GateStrip() {
  const H = useTrain((s) => s.snapshot?.weights.hiddenSize ?? 0);
  const T = useTrain((s) => s.snapshot?.steps ?? 0);
  const zRef = useRef<HTMLCanvasElement>(null);
  const rRef = useRef<HTMLCanvasElement>(null);
  const hRef = useRef<HTMLCanvasElement>(null);
  const cell = H ? Math.max(2, Math.min(CELL, Math.floor(320 / H))) : CELL;
  const tCell = T ? Math.max(2, Math.min(CELL, Math.floor(320 / T))) : CELL;

  useEffect(() => {
    if (!H || !T) return;
    const image = createCellImage(T, H); // one per size: a new canvas (and its context) per frame is costly
    const transposed = new Float32Array(T * H);
    const draw = () => {
      const snap = useTrain.getState().snapshot;
      const z = zRef.current;
      const r = rRef.current;
      const h = hRef.current;
      if (!snap || !z || !r || !h || snap.weights.hiddenSize !== H || snap.steps !== T) return;
      gatePixels(snap.zMean, z, cell, CELL);
      gatePixels(snap.rMean, r, cell, CELL);
      // hExample is T × H; drawn transposed (units down, time across) one pixel per value.
      for (let t = 0; t < T; t++) for (let j = 0; j < H; j++) transposed[j * T + t] = snap.hExample[t * H + j];
      paintImage(image, transposed, 0, symmetricRange([transposed]), paletteLut(useExplorer.getState().palette));
      const ctx = h.getContext('2d');
      if (!ctx) return;
      ctx.imageSmoothingEnabled = false;
      ctx.clearRect(0, 0, h.width, h.height);
      ctx.drawImage(image.source, 0, 0, h.width, h.height);
      z.dataset.drawnStep = String(snap.step);
    };
    if (zRef.current) fitCanvas(zRef.current, H * cell, CELL);
    if (rRef.current) fitCanvas(rRef.current, H * cell, CELL);
    if (hRef.current) fitCanvas(hRef.current, T * tCell, H * Math.min(cell, 4));
    draw();
    return useTrain.subscribe(draw);
  }, [H, T, cell, tCell]);

  if (!H || !T) return null;
  return (
    <div className="train-gates" aria-label="What the gates do now">
      {(
        [
          ['z', zRef, 'update gate z'],
          ['r', rRef, 'reset gate r'],
        ] as const
      ).map(([gate, ref, name]) => (
        <div key={gate} className="train-gate-row">
          <span className={`gate-badge gate-${gate}`}>{gate}</span>
          <canvas
            ref={ref}
            className="train-gate-canvas"
            data-gate={gate}
            style={{ width: H * cell, height: CELL }}
            role="img"
            aria-label={`${name} per unit, averaged over the batch`}
          />
        </div>
      ))}
      <p className="muted train-note">unit 0 … {H - 1}: white 0, black 1 (averaged over the last batch)</p>
      <div className="train-gate-row">
        <span className="muted">hₜ</span>
        <canvas
          ref={hRef}
          className="train-h-canvas"
          style={{ width: T * tCell, height: H * Math.min(cell, 4) }}
          role="img"
          aria-label="h_t of the first sequence: units down, steps across"
        />
      </div>
      <p className="muted train-note">hₜ of the batch's first sequence: units down, steps 1 … {T} across</p>
    </div>
  );
}
