// One framework tensor of the layout lens: its values drawn from PyTorch's by moving gate blocks, gate outlines,
// block names, and two-way hover (a lens cell highlights its PyTorch cell and the reverse). Like GridCanvas it
// redraws from a store subscription; a brush stroke updates only the painted pixels.
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { easeCubicInOut, timer } from 'd3';
import {
  isTensorName,
  lensCellValue,
  lensLocate,
  lensSource,
  lensStart,
  lensValues,
  tensorCols,
  TENSORS,
  type LensTensor,
} from '../../src';
import type { ExplorerState } from '../store/store';
import { selectWeightRange } from '../store/ranges';
import { setHover } from '../store/actions';
import { paletteLut } from '../canvas/palette';
import { createCellImage, drawHighlight, paintImage, paintPixels, type CellImage } from '../canvas/render';
import { blockSize, drawLens, lensCellSize } from '../canvas/lensDraw';
import { redrawPlan } from '../canvas/redraw';
import { CanvasStack } from './CanvasStack';
import { useCanvasStack } from '../hooks/useStoreCanvas';

const MOVE_MS = 1400;
/** Tensors above this many cells repaint in a task of their own. */
const DEFERRED_CELLS = 250_000;

interface Props {
  tensor: LensTensor;
  H: number;
  I: number;
  maxWidth: number;
  maxHeight: number;
  /** Bumped to play the move from PyTorch's block order into this framework's. */
  playKey: number;
}

/** One label per block position along the labelled axis (Keras's bias has two rows of the same blocks). */
function labelledBlocks(t: LensTensor, onColumns: boolean) {
  const seen = new Set<number>();
  return t.blocks.filter((b) => {
    const at = onColumns ? b.col0 : b.row0;
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
}

export function LensHeatmap({ tensor, H, I, maxWidth, maxHeight, playKey }: Props) {
  const cellImage = useRef<CellImage | null>(null);
  const progressRef = useRef(1);
  const [progress, setProgress] = useState(1);
  const { cw, ch } = lensCellSize(tensor, maxWidth, maxHeight);
  const width = tensor.cols * cw;
  const height = tensor.rows * ch;
  const moves = tensor.blocks.length === 3 || tensor.blocks.length === 6;

  // Values: a full repaint on any change, the painted pixels only during a brush stroke.
  const { imageRef, overlayRef } = useCanvasStack(
    (canvas, overlay) => {
      const image = createCellImage(tensor.cols, tensor.rows);
      cellImage.current = image;
      const plan = redrawPlan(TENSORS);
      /** The lens cells' values as drawn; empty while a deferred repaint is pending. */
      let values: Float32Array = new Float32Array(0);
      let outlined: string | null = null;
      let deferred: ReturnType<typeof setTimeout> | undefined;

      const draw = (s: ExplorerState, fresh: boolean) => {
        const w = s.model.weights;
        if (w.inputSize !== I || w.hiddenSize !== H) return; // a resize is on its way: React remounts us
        const range = selectWeightRange(s);
        const lut = paletteLut(s.palette);
        if (fresh) {
          plan.reset();
          outlined = null;
        }
        let redraw = plan.next(s, [range, s.palette]);
        if (typeof redraw === 'object' && values.length !== tensor.rows * tensor.cols) redraw = 'repaint'; // not drawn yet
        if (typeof redraw === 'object' && isTensorName(redraw.grid)) {
          // A brush event rewrote a few cells of one tensor: patch the lens cells they are.
          const cols = tensorCols(w, redraw.grid);
          const offsets: number[] = [];
          for (const i of redraw.indices) {
            const at = lensLocate(tensor, redraw.grid, Math.floor(i / cols), i % cols);
            if (!at) continue;
            values[at.row * tensor.cols + at.col] = lensCellValue(tensor, at, w);
            offsets.push(at.row * tensor.cols + at.col);
          }
          if (offsets.length) {
            paintPixels(image, offsets, values, 0, range, lut);
            drawLens(canvas, image, tensor, H, progressRef.current);
          }
        } else if (redraw === 'repaint') {
          const full = () => {
            values = lensValues(tensor, w);
            paintImage(image, values, 0, range, lut);
            drawLens(canvas, image, tensor, H, progressRef.current);
          };
          // A big tensor repaints in its own task, after the heatmaps above have been drawn (H = 1024: ~70 ms each).
          clearTimeout(deferred);
          if (tensor.rows * tensor.cols > DEFERRED_CELLS) {
            values = new Float32Array(0);
            deferred = setTimeout(full, 0);
          } else full();
        }

        const hover = s.hover;
        const cell =
          hover && isTensorName(hover.grid) && progressRef.current === 1 ? lensLocate(tensor, hover.grid, hover.row, hover.col) : null;
        const key = cell ? `${cell.row}:${cell.col}` : null;
        if (key !== outlined) {
          outlined = key;
          drawHighlight(overlay, tensor.cols, tensor.rows, cell);
        }
      };
      return { draw, stop: () => clearTimeout(deferred) };
    },
    [tensor, I, H],
    width,
    height,
  );

  // The move: blocks slide from PyTorch's r | z | n slots into the framework's.
  useEffect(() => {
    if (playKey === 0 || !moves || window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const overlay = overlayRef.current;
    if (overlay) drawHighlight(overlay, tensor.cols, tensor.rows, null);
    const t = timer((elapsed) => {
      const p = Math.min(1, elapsed / MOVE_MS);
      progressRef.current = easeCubicInOut(p);
      const canvas = imageRef.current;
      if (canvas && cellImage.current) drawLens(canvas, cellImage.current, tensor, H, progressRef.current);
      setProgress(progressRef.current);
      if (p >= 1) t.stop();
    });
    return () => {
      t.stop();
      progressRef.current = 1;
    };
  }, [playKey, moves, tensor, H, imageRef, overlayRef]);

  const toCell = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const col = Math.floor(((e.clientX - box.left) / box.width) * tensor.cols);
    const row = Math.floor(((e.clientY - box.top) / box.height) * tensor.rows);
    return row >= 0 && row < tensor.rows && col >= 0 && col < tensor.cols ? { row, col } : null;
  };

  const onColumns = tensor.blocks[0]?.transposed ?? false;
  return (
    <figure className="lens-tensor" data-tensor={tensor.name}>
      <figcaption>
        <code>{tensor.name}</code> <span className="shape">({tensor.shape.join('×')})</span>
        {tensor.blocks.length === 1 && <span className={`gate-badge gate-${tensor.blocks[0].gate}`}>{tensor.blocks[0].gate}</span>}
        <span className="lens-caption">{tensor.caption}</span>
      </figcaption>
      <div className={`lens-body${onColumns ? '' : ' lens-body-rows'}`}>
        {moves && (
          <div className={onColumns ? 'lens-labels-top' : 'lens-labels-left'} style={onColumns ? { width } : { height }} aria-hidden="true">
            {labelledBlocks(tensor, onColumns).map((block) => {
              const start = lensStart(tensor, block, H);
              const { rows, cols } = blockSize(block);
              const row = start.row + (block.row0 - start.row) * progress;
              const col = start.col + (block.col0 - start.col) * progress;
              const style = onColumns ? { left: (col + cols / 2) * cw } : { top: (row + rows / 2) * ch };
              return (
                <span key={`${block.label}:${block.row0}:${block.col0}`} className={`lens-label gate-text-${block.gate}`} style={style}>
                  {block.label}
                </span>
              );
            })}
          </div>
        )}
        <CanvasStack
          width={width}
          height={height}
          imageRef={imageRef}
          overlayRef={overlayRef}
          overlayClass="lens-overlay"
          role="img"
          aria-label={`${tensor.name} (${tensor.shape.join('×')}): ${tensor.caption}`}
          data-lens-tensor={tensor.name}
          data-rows={tensor.rows}
          data-cols={tensor.cols}
          onPointerMove={(e) => {
            const cell = toCell(e);
            const src = cell && lensSource(tensor, cell.row, cell.col);
            setHover(src ? { grid: src.tensor, row: src.row, col: src.col } : null);
          }}
          onPointerLeave={() => setHover(null)}
        />
      </div>
    </figure>
  );
}
