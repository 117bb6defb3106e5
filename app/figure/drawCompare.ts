// Draws the figure of A and B (a pinned A, B the cell on screen) onto a Painter: each tensor as A, B and B − A
// side by side by gate band — A and B on one scale, B − A on its own in the compare view's colours (equal,
// below 1e-6 and not finite each marked apart, app/canvas/difference.ts) with the band's max |Δ| under it —
// captions naming A and B and the difference's cause, and B's live cell with A's h′ and Δh′ on B's x and h.
// A and B of other sizes are drawn each at its own size; B − A only on their common part, when the compare
// panel was asked for it. Where things go is app/figure/compareLayout.ts.
import {
  compareCells,
  gateRows,
  gateSlice,
  getTensor,
  gruCell,
  LISTED_CHANGES,
  TENSORS,
  type Comparison,
  type TensorName,
} from '../../src';
import type { ExplorerState } from '../store/store';
import type { PinnedCell } from '../store/compare';
import { formatValue } from '../format';
import { PALETTES, paletteLut, NAN_RGB } from '../canvas/palette';
import { differenceRange, EQUAL_RGB, MARK_BELOW_PX, TINY_RGB } from '../canvas/difference';
import { countBeyond, robustRange } from '../canvas/robustRange';
import { rangeCaption } from '../canvas/rangeText';
import type { WeightRange } from '../store/ranges';
import { createCellImage, paintImage } from '../canvas/render';
import { NO_ZOOM } from '../canvas/viewport';
import { FONT } from './layout';
import {
  COMPARE_CELL_TITLE,
  compareCaptions,
  compareFigureLayout,
  compareSubtitle,
  compareTitle,
  MAX_DELTA,
  rowsText,
  shapeLine,
  SIDE_LABEL,
  type CompareLayout,
  type CellSize,
} from './compareLayout';
import {
  drawBandRule,
  drawGateBar,
  drawGutter,
  drawImage,
  drawLegendBar,
  drawLiveCell,
  drawTicks,
  hasNaN,
  markClipped,
  paintDifference,
  pen,
  type Pen,
} from './draw';
import type { CompareImage } from './compareLayout';
import type { Painter } from './painter';

/** What the compare store holds for the figure: the pinned A and whether cells of other sizes are compared on their common part. */
export interface PinnedA {
  a: PinnedCell;
  crop: boolean;
}

export interface CompareFigure {
  layout: CompareLayout;
  pinned: PinnedA;
  /** B − A as the compare panel computes it; null when the sizes differ and the common part was not asked for. */
  comparison: Comparison | null;
  captions: string[];
}

const sizeOf = (w: { inputSize: number; hiddenSize: number }): CellSize => ({ inputSize: w.inputSize, hiddenSize: w.hiddenSize });
const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

/** The comparison, captions and layout of the figure of A and B for this state. */
export function prepareCompare(state: ExplorerState, pinned: PinnedA, scale = 2): CompareFigure {
  const b = state.model.weights;
  const a = pinned.a.model.weights;
  const comparison = compareCells(a, b, pinned.crop);
  const delta = comparison ? sizeOf(comparison.a) : null;
  const captions = compareCaptions(pinned.a.label, sizeOf(a), sizeOf(b), comparison);
  const layout = compareFigureLayout({ a: sizeOf(a), b: sizeOf(b), delta, captions, zoom: state.zoom ?? NO_ZOOM, scale });
  return { layout, pinned, comparison, captions };
}

export function drawCompareFigure(state: ExplorerState, figure: CompareFigure, p: Painter): void {
  const { layout, pinned, comparison } = figure;
  const A = pinned.a.model.weights;
  const B = state.model.weights;
  const lut = paletteLut(state.palette);
  const k = pen(p, layout);
  const { colour, px, f, text } = k;
  // A and B on one scale, by the heatmaps' rule (the fixed range, or the largest |w| short of outliers) over
  // both; B − A on its own, centred on 0, as the compare view draws it.
  const values = TENSORS.flatMap((t) => [getTensor(A, t), getTensor(B, t)]);
  const info = valueRangeOf(values, state.fixedRange);
  const valueRange = info.range;
  const deltaRange = comparison ? differenceRange(comparison.diff.maxAbs) : 1;
  const weightsOf = { a: A, b: B, delta: comparison?.a ?? A } as const;

  p.rect(0, 0, layout.width, layout.height, '#fff');
  text(compareTitle(layout.a, layout.b), layout.pad, layout.pad, { size: f.title, weight: 700 });
  text(compareSubtitle(layout.zoomed), layout.pad, layout.subtitleY, { size: f.subtitle, color: colour.muted });
  layout.captionY.forEach((y, i) =>
    text(figure.captions[i], layout.pad, y, { size: f.subtitle, weight: i === 0 ? 700 : 400, color: i === 0 ? colour.ink : colour.muted }),
  );

  for (const [i, column] of layout.columns.entries()) {
    text(column.tensor, column.x, layout.headerY, { size: f.head, mono: true, weight: 700 });
    text(shapeLine(column.tensor, layout.a, layout.b), column.x, layout.shapeY, { size: f.shape, color: colour.muted });
    for (const slot of column.slots) {
      text(SIDE_LABEL[slot.side], slot.x, layout.sideY, {
        size: f.head,
        weight: 700,
        color: slot.side === 'delta' ? colour.accent : colour.ink,
      });
      const image = layout.bands[0].images.find((im) => im.side === slot.side && im.tensor === column.tensor)!;
      drawTicks(k, column.tensor, colsOf(slot.side, i), image, layout.ticksY);
    }
  }

  for (const [g, band] of layout.bands.entries()) {
    if (g > 0) drawBandRule(k, layout.gutter.x, layout.cell.x - px(20), band.y);
    const bImage = band.images.find((im) => im.side === 'b')!;
    const zoomNote = layout.zoomed ? `showing units ${bImage.r0}–${bImage.r1 - 1}${layout.sameShape ? '' : ' of B'}` : null;
    drawGutter(k, layout.gutter, band.gate, band.y, rowsText(layout, g), zoomNote);
    for (const [i, column] of layout.columns.entries()) {
      for (const slot of column.slots) {
        const image = band.images.find((im) => im.side === slot.side && im.tensor === column.tensor)!;
        const w = weightsOf[slot.side];
        const H = w.hiddenSize;
        const cols = colsOf(slot.side, i);
        const start = gateRows(band.gate, H).start * cols;
        const cells = createCellImage(cols, H);
        if (slot.side === 'delta') paintDifference(cells, comparison!.diff.delta[column.tensor], start, deltaRange, lut);
        else paintImage(cells, getTensor(w, column.tensor), start, valueRange, lut);
        drawImage(k, cells, image);
        if (slot.side === 'delta') ringChanged(k, image, comparison!, column.tensor, g);
        else markClipped(k, image, getTensor(w, column.tensor), start, cols, valueRange, info.clipped);
        drawGateBar(k, image, band.gate);
        drawLabels(slot, column.tensor, band.gate, band.labelY, H);
      }
    }
  }
  drawLegends();
  const hA = layout.sameShape ? gruCell(A, state.model.x, state.model.h, state.model.batch).h : undefined;
  drawLiveCell(k, state, layout.cell, lut, COMPARE_CELL_TITLE, hA);

  /** Columns of a tensor on one side (A, B, or the size B − A was computed at). */
  function colsOf(side: keyof typeof weightsOf, i: number): number {
    const w = weightsOf[side];
    const t = TENSORS[i];
    return t === 'weight_ih' ? w.inputSize : t === 'weight_hh' ? w.hiddenSize : 1;
  }

  /** Under A (and B when its rows differ): the slice; under B − A: the band's max |Δ|, strong where the band moved. */
  function drawLabels(
    slot: CompareLayout['columns'][number]['slots'][number],
    tensor: (typeof TENSORS)[number],
    gate: (typeof layout.bands)[number]['gate'],
    y: number,
    H: number,
  ) {
    const line = px(FONT.slice * 1.3);
    const style = { size: f.slice, mono: true, color: colour.muted, maxWidth: slot.sliceWidth };
    if (slot.side === 'delta') {
      const band = comparison!.diff.bands.find((x) => x.tensor === tensor && x.gate === gate)!;
      if (band.differ + band.tiny + band.nonFinite === 0) {
        text('all equal', slot.x, y, { ...style, maxWidth: slot.width });
        return;
      }
      text(MAX_DELTA, slot.x, y, { ...style, maxWidth: slot.width });
      const value = band.nonFinite > 0 ? `${formatValue(band.maxAbs)}, NaN` : formatValue(band.maxAbs);
      text(value, slot.x, y + line, { ...style, maxWidth: slot.width, color: colour.ink, weight: 700 });
      return;
    }
    if (slot.sliceLines === 0) return;
    const { start, end } = gateRows(gate, H);
    const lines = slot.sliceLines === 2 ? [tensor, `[${start}:${end}]`] : [gateSlice(tensor, gate, H)];
    lines.forEach((s, n) => text(s, slot.x, y + n * line, style));
  }

  function drawLegends() {
    const gutterWidth = layout.gutter.width - px(14);
    const captionWidth = (x: number) => layout.width - layout.pad - x;
    for (const legend of layout.legends) {
      const { bar, lineY } = legend;
      const delta = legend.kind === 'delta';
      drawLegendBar(k, bar, delta ? deltaRange : valueRange, lut);
      text(delta ? 'colour = B − A' : 'colour = value', layout.gutter.x, bar.y - px(2), {
        size: f.note,
        weight: 700,
        maxWidth: gutterWidth,
      });
      text(delta ? 'its own scale, centred on 0' : 'one scale for A and B', layout.gutter.x, bar.y + px(FONT.note * 1.35), {
        size: f.note,
        color: colour.muted,
        maxWidth: gutterWidth,
      });
      if (!delta) {
        const nan = hasNaN(TENSORS.flatMap((t) => [getTensor(A, t), getTensor(B, t)])) ? ' · dark grey = NaN' : '';
        text(PALETTES[state.palette].label, bar.x, lineY[0], { size: f.note, color: colour.muted, maxWidth: captionWidth(bar.x) });
        text(`${rangeCaption(info)} (A and B together) · ±${formatValue(valueRange)}${nan}`, bar.x, lineY[1], {
          size: f.note,
          color: colour.muted,
          maxWidth: captionWidth(bar.x),
        });
        continue;
      }
      const marks = [EQUAL_RGB, TINY_RGB, NAN_RGB];
      legend.swatches.forEach((s, n) => {
        p.rect(s.box.x, s.box.y, s.box.width, s.box.height, rgb(marks[n]));
        p.strokeRect(s.box.x, s.box.y, s.box.width, s.box.height, colour.line, Math.max(1, px(1)));
        text(s.label, s.textX, lineY[0], { size: f.note, color: colour.muted });
      });
      const scaleText =
        comparison && comparison.diff.maxAbs > 0
          ? `largest |B − A| · ±${formatValue(deltaRange)}`
          : 'A and B are equal: every cell is "equal"';
      text(scaleText, bar.x, lineY[1], { size: f.note, color: colour.muted, maxWidth: captionWidth(bar.x) });
    }
  }
}

/** A and B's one scale: the user's fixed range, else the largest |w| of both short of outliers (app/canvas/robustRange.ts). */
function valueRangeOf(values: Float32Array[], fixedRange: number | null): WeightRange {
  const auto = robustRange(values);
  if (fixedRange === null) return { range: auto.range, policy: 'robust', clipped: auto.clipped, maxAbs: auto.maxAbs };
  return { range: fixedRange, policy: 'fixed', clipped: countBeyond(values, fixedRange), maxAbs: auto.maxAbs };
}

/**
 * As the compare view: rings around the changed cells of a band of B − A when cells are too small to see and every
 * changed cell of the tensor is listed (a ring for some of many would mislead).
 */
function ringChanged(k: Pen, image: CompareImage, comparison: Comparison, tensor: TensorName, gate: number) {
  const { diff } = comparison;
  const changed = diff.bands.filter((b) => b.tensor === tensor).reduce((n, b) => n + b.tiny + b.differ + b.nonFinite, 0);
  if (changed === 0 || changed > LISTED_CHANGES || Math.min(image.cellWidth, image.cellHeight) >= MARK_BELOW_PX * k.scale) return;
  const H = comparison.a.hiddenSize;
  const cols = tensor === 'weight_ih' ? comparison.a.inputSize : tensor === 'weight_hh' ? H : 1;
  const centres: number[][] = [];
  for (const i of diff.firstChanged[tensor]) {
    const row = Math.floor(i / cols) - gate * H;
    const col = i % cols;
    if (row < image.r0 || row >= image.r1 || col < image.c0 || col >= image.c1) continue;
    centres.push([image.x + (col - image.c0 + 0.5) * image.cellWidth, image.y + (row - image.r0 + 0.5) * image.cellHeight]);
  }
  k.p.rings(centres, k.px(6), '#fff', k.px(1.5));
  k.p.rings(centres, k.px(4.5), '#111', k.px(1.5));
}
