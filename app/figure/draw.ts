// Draws the figure onto a Painter (canvas for PNG, SVG text): the four tensors by gate band with their
// labels and legend, and beside them the live cell — x, h, r, z, n and h′ of the selected batch row — so
// a probe's result is on the slide. Cells come from the palette table, one colour per cell, scaled by
// whole device pixels without smoothing: the figure is exact. Where things go is app/figure/layout.ts.
import { scaleLinear } from 'd3';
import { GATE_NAMES, gateRows, gateSlice, gruCell, type TensorName } from '../../src';
import type { ExplorerState } from '../store/store';
import { weightRangeInfo } from '../store/ranges';
import { formatValue } from '../format';
import { GATE_ROLE } from '../components/gateText';
import { colorScale, LUT_SIZE, PALETTES, paletteLut, symmetricRange, textColorOn } from '../canvas/palette';
import { createCellImage, paintImage } from '../canvas/render';
import { rangeCaption } from '../canvas/rangeText';
import { BAND_GAP, CELL_TITLE, figureLayout, FONT, NUMBER_LIMIT, shapeText, SUBTITLE, figureTitle, zoomText, type FigureBand, type FigureImage, type FigureLayout } from './layout';
import type { Painter, TextStyle } from './painter';
import { NO_ZOOM } from '../canvas/viewport';
import { themeColours } from '../theme';

/**
 * The page's own colours (styles.css, through app/theme.ts), always the light theme's: the figure has a white
 * background for slides and papers, whichever theme the screen is in.
 */
function cssColours() {
  return themeColours('light');
}

function hasNaN(arrays: Float32Array[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) return true;
  return false;
}

/** The layout of the figure for this state (its size is the PNG's and the SVG's). */
export const layoutFor = (state: ExplorerState, scale = 2) => figureLayout(state.model.weights.inputSize, state.model.weights.hiddenSize, state.zoom ?? NO_ZOOM, scale);

export function drawFigure(state: ExplorerState, p: Painter, layout: FigureLayout = layoutFor(state)): void {
  const { weights } = state.model;
  const I = weights.inputSize;
  const H = weights.hiddenSize;
  const { scale } = layout;
  const info = weightRangeInfo(state);
  const range = info.range;
  const lut = paletteLut(state.palette);
  const values: Record<TensorName, Float32Array> = { weight_ih: weights.weightIh, weight_hh: weights.weightHh, bias_ih: weights.biasIh, bias_hh: weights.biasHh };
  const colour = cssColours();
  const px = (v: number) => Math.round(v * scale);
  const f = layout.font;
  const text = (s: string, x: number, y: number, o: Omit<TextStyle, 'color'> & { color?: string }) => p.text(s, x, y, { ...o, color: o.color ?? colour.ink });

  p.rect(0, 0, layout.width, layout.height, '#fff');
  text(figureTitle(I, H), layout.pad, layout.pad, { size: f.title, weight: 700 });
  const subtitle = layout.zoomed ? `${SUBTITLE} · ${zoomText(layout)}` : SUBTITLE;
  text(subtitle, layout.pad, layout.pad + px(FONT.title * 1.3), { size: f.subtitle, color: colour.muted });

  // Column headers and ticks (as the screen's ColumnAxis: x0…/h0… for ≤ 8 columns, else d3 ticks).
  for (const [i, column] of layout.columns.entries()) {
    const image = layout.bands[0].images[i];
    text(column.tensor, column.x, layout.headerY, { size: f.head, mono: true, weight: 700 });
    text(shapeText(column.tensor, I, H), column.x, layout.headerY + px(FONT.head * 1.3), { size: f.shape, color: colour.muted });
    const source = column.tensor === 'weight_ih' ? 'x' : column.tensor === 'weight_hh' ? 'h' : null;
    if (!source) continue;
    const scaleX = scaleLinear().domain([image.c0, image.c1]).range([image.x, image.x + image.width]);
    const ticks =
      column.cols <= 8
        ? Array.from({ length: column.cols }, (_, c) => c)
        : scaleX.ticks(Math.max(2, Math.min(6, Math.floor(image.width / px(44))))).filter((t) => Number.isInteger(t) && t >= image.c0 && t < image.c1);
    for (const t of ticks) {
      text(column.cols <= 8 ? `${source}${t}` : String(t), scaleX(t + 0.5), layout.ticksY, { size: f.tick, mono: true, color: colour.muted, align: 'center', maxWidth: Math.max(image.cellWidth, px(24)) });
    }
  }

  for (const [b, band] of layout.bands.entries()) {
    const { start, end } = gateRows(band.gate, H);
    if (b > 0) {
      const ruleY = band.y - px(BAND_GAP / 2);
      p.lines([[layout.gutter.x, ruleY, layout.cell.x - px(20), ruleY]], colour.line, Math.max(1, px(1)), [px(4), px(4)]);
    }
    drawGutter(band, start, end);
    for (const [i, image] of band.images.entries()) {
      const column = layout.columns[i];
      const cells = createCellImage(column.cols, H);
      paintImage(cells, values[image.tensor], start * column.cols, range, lut);
      p.image(cells.source, image.c0, image.r0, image.c1 - image.c0, image.r1 - image.r0, image.x, image.y, image.width, image.height);
      drawCellBorders(image);
      markClipped(image, values[image.tensor], start * column.cols, column.cols);
      // The gate's colour bar left of each image (the screen's box-shadow).
      p.rect(image.x - px(5), image.y, px(3), image.height, colour.gate[band.gate]);
      const slice = gateSlice(image.tensor, band.gate, H);
      const lines = column.sliceLines === 2 ? [image.tensor, `[${start}:${end}]`] : [slice];
      lines.forEach((line, k) => text(line, column.x, band.labelY + k * px(FONT.slice * 1.3), { size: f.slice, mono: true, color: colour.muted, maxWidth: column.width }));
    }
  }
  drawLegend();
  drawCell();

  function drawGutter(band: FigureBand, start: number, end: number) {
    const x = layout.gutter.x;
    let y = band.y;
    const maxWidth = layout.gutter.width - px(14);
    const badgeWidth = Math.max(px(24), p.measure(band.gate, { size: f.gate * 0.9, mono: true, weight: 700, color: '' }) + px(10));
    p.rect(x, y, badgeWidth, px(22), colour.gate[band.gate], px(4));
    text(band.gate, x + badgeWidth / 2, y + px(3), { size: f.gate * 0.9, mono: true, weight: 700, color: '#fff', align: 'center' });
    text(`${GATE_NAMES[band.gate]} gate`, x + badgeWidth + px(8), y + px(2), { size: f.gate, weight: 700, maxWidth: maxWidth - badgeWidth - px(8) });
    y += px(24 + 4);
    const label = text('rows ', x, y, { size: f.note, color: colour.muted });
    text(`[${start}:${end}]`, x + label, y, { size: f.note, mono: true });
    y += px(FONT.note * 1.5);
    if (layout.zoomed) {
      text(`showing units ${layout.units[0]}–${layout.units[1] - 1}`, x, y, { size: f.note, color: colour.muted, maxWidth });
      y += px(FONT.note * 1.5);
    }
    for (const line of wrap(GATE_ROLE[band.gate], maxWidth, { size: f.note, color: '' }).slice(0, 3)) {
      text(line, x, y, { size: f.note, color: colour.muted, maxWidth });
      y += px(FONT.note * 1.35);
    }
  }

  /** Greedy word wrap, measured in the figure's font. */
  function wrap(s: string, maxWidth: number, style: TextStyle): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of s.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && p.measure(next, style) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
    return lines;
  }

  /** White rules between cells of at least 7 CSS px (the screen's threshold at devicePixelRatio 1). */
  function drawCellBorders(image: FigureImage) {
    const smaller = Math.min(image.cellWidth, image.cellHeight);
    if (smaller < 7 * scale) return;
    // Thin on small cells, so the rules never outweigh the colours.
    const lw = Math.max(1, Math.min(Math.round(scale), Math.floor(smaller / 12)));
    const o = (lw % 2) / 2;
    const segments: number[][] = [];
    for (let c = 1; c < image.c1 - image.c0; c++) segments.push([image.x + c * image.cellWidth + o, image.y, image.x + c * image.cellWidth + o, image.y + image.height]);
    for (let r = 1; r < image.r1 - image.r0; r++) segments.push([image.x, image.y + r * image.cellHeight + o, image.x + image.width, image.y + r * image.cellHeight + o]);
    p.lines(segments, 'rgba(255,255,255,0.85)', lw);
  }

  /** The screen's ◥ on cells beyond ±range, where cells are big enough to carry it. */
  function markClipped(image: FigureImage, tensor: Float32Array, first: number, cols: number) {
    if (info.clipped === 0 || Math.min(image.cellWidth, image.cellHeight) < 7 * scale) return;
    const size = Math.min(image.cellWidth, image.cellHeight) * 0.38;
    const marks: number[][] = [];
    for (let r = image.r0; r < image.r1; r++) {
      for (let c = image.c0; c < image.c1; c++) {
        if (!(Math.abs(tensor[first + r * cols + c]) > range)) continue;
        const right = image.x + (c + 1 - image.c0) * image.cellWidth - px(1);
        const top = image.y + (r - image.r0) * image.cellHeight + px(1);
        marks.push([right - size, top, right, top, right, top + size]);
      }
    }
    p.triangles(marks, 'rgba(255,255,255,0.92)');
  }

  function drawLegend() {
    const { x, y, width, height } = layout.legend;
    // The bar is the palette table itself, through the same rasteriser as the cells.
    const ramp = createCellImage(LUT_SIZE, 1);
    paintImage(ramp, Float32Array.from({ length: LUT_SIZE }, (_, i) => -range + (2 * range * i) / (LUT_SIZE - 1)), 0, range, lut);
    p.image(ramp.source, 0, 0, LUT_SIZE, 1, x, y, width, height, true);
    p.strokeRect(x, y, width, height, colour.line, Math.max(1, px(1)));
    const tickY = y + height + px(4);
    text(formatValue(-range), x, tickY, { size: f.note, mono: true });
    text(formatValue(0), x + width / 2, tickY, { size: f.note, mono: true, align: 'center' });
    text(formatValue(range), x + width, tickY, { size: f.note, mono: true, align: 'right' });
    const gutterWidth = layout.gutter.width - px(14);
    text('colour = value', layout.gutter.x, y - px(2), { size: f.note, weight: 700, maxWidth: gutterWidth });
    text('one scale for all four', layout.gutter.x, y + px(FONT.note * 1.35), { size: f.note, color: colour.muted, maxWidth: gutterWidth });
    let caption = `${rangeCaption(info)} · ±${formatValue(range)}`;
    if (hasNaN(Object.values(values))) caption += ' · dark grey = NaN';
    const captionWidth = layout.width - layout.pad - x;
    text(PALETTES[state.palette].label, x, tickY + px(FONT.note * 1.45), { size: f.note, color: colour.muted, maxWidth: captionWidth });
    text(caption, x, tickY + px(2 * FONT.note * 1.45), { size: f.note, color: colour.muted, maxWidth: captionWidth });
  }

  /** x, h, r, z, n, h′ of the selected batch row, coloured as the live cell on screen, with numbers when short. */
  function drawCell() {
    const { model } = state;
    const b = Math.min(state.selectedBatch, model.batch - 1);
    const out = gruCell(model.weights, model.x, model.h, model.batch);
    const rows: Record<string, Float32Array> = {
      x: model.x.subarray(b * I, (b + 1) * I),
      h: model.h.subarray(b * H, (b + 1) * H),
      r: out.r.subarray(b * H, (b + 1) * H),
      z: out.z.subarray(b * H, (b + 1) * H),
      n: out.n.subarray(b * H, (b + 1) * H),
      'h′': out.h.subarray(b * H, (b + 1) * H),
    };
    const block = layout.cell;
    text(CELL_TITLE, block.x, block.titleY, { size: f.head, weight: 700 });
    text(model.batch > 1 ? `batch row ${b} of ${model.batch}` : `unit j = 0 … ${H - 1}`, block.x, block.titleY + px(FONT.head * 1.3), { size: f.shape, color: colour.muted });
    for (const v of block.vectors) {
      const data = rows[v.name];
      // As on screen: gates on ±1, x, h and h′ each on their own largest |value| (at least 1).
      const vRange = v.name === 'r' || v.name === 'z' || v.name === 'n' ? 1 : symmetricRange([data], 1);
      const gate = v.name === 'r' || v.name === 'z' || v.name === 'n' ? v.name : null;
      text(v.name, block.x, v.y + (v.height - f.head) / 2, { size: f.head, mono: true, weight: 700, color: gate ? colour.gate[gate] : colour.ink });
      const image = createCellImage(v.count, 1);
      paintImage(image, data, 0, vRange, lut);
      p.image(image.source, 0, 0, v.count, 1, v.x, v.y, v.cellWidth * v.count, v.height);
      if (v.numbers) {
        const scaleOf = colorScale(state.palette, vRange);
        for (let j = 0; j < v.count; j++) {
          const bg = Number.isNaN(data[j]) ? '#282828' : scaleOf(Math.max(-vRange, Math.min(vRange, data[j])));
          text(formatValue(data[j]), v.x + (j + 0.5) * v.cellWidth, v.y + (v.height - f.tick) / 2, { size: f.tick, mono: true, color: textColorOn(bg), align: 'center', maxWidth: v.cellWidth - px(4) });
        }
        if (v.count > 1) {
          const segments = Array.from({ length: v.count - 1 }, (_, j) => [v.x + (j + 1) * v.cellWidth, v.y, v.x + (j + 1) * v.cellWidth, v.y + v.height]);
          p.lines(segments, 'rgba(255,255,255,0.85)', Math.max(1, px(1)));
        }
      }
    }
    if (H > NUMBER_LIMIT) {
      const last = block.vectors[block.vectors.length - 1];
      text(`unit ${state.selectedUnit}: h′ = ${formatValue(rows['h′'][state.selectedUnit])}`, last.x, last.y + last.height + px(6), { size: f.note, mono: true, color: colour.muted });
    }
  }
}
