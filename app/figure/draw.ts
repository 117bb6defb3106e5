// Draws the figure onto a Painter (canvas for PNG, SVG text): the four tensors by gate band with their
// labels and legend, and beside them the live cell — x, h, r, z, n and h′ of the selected batch row — so
// a probe's result is on the slide. Cells come from the palette table, one colour per cell, scaled by
// whole device pixels without smoothing: the figure is exact. Where things go is app/figure/layout.ts.
// The parts here (gutter, ticks, cell rules, legend bar, live cell) also draw the figure of A and B
// (app/figure/drawCompare.ts).
import { scaleLinear } from 'd3';
import { GATE_NAMES, gateRows, gateSlice, gruCell, type Gate, type TensorName } from '../../src';
import type { ExplorerState } from '../store/store';
import { weightRangeInfo } from '../store/ranges';
import { formatValue } from '../format';
import { GATE_ROLE } from '../components/gateText';
import { colorScale, LUT_SIZE, PALETTES, paletteLut, symmetricRange, textColorOn } from '../canvas/palette';
import { rasterizeDifference } from '../canvas/difference';
import { createCellImage, paintImage, type CellImage } from '../canvas/render';
import { rangeCaption } from '../canvas/rangeText';
import {
  BAND_GAP,
  CELL_TITLE,
  figureLayout,
  FONT,
  NUMBER_LIMIT,
  shapeText,
  SUBTITLE,
  figureTitle,
  zoomText,
  type FigureCellBlock,
  type FigureImage,
  type FigureLayout,
  type Rect,
} from './layout';
import type { Painter, TextStyle } from './painter';
import { NO_ZOOM } from '../canvas/viewport';
import { themeColours, type ThemeColours } from '../theme';

/**
 * The page's own colours (styles.css, through app/theme.ts), always the light theme's: the figure has a white
 * background for slides and papers, whichever theme the screen is in.
 */
function cssColours() {
  return themeColours('light');
}

export function hasNaN(arrays: Float32Array[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) return true;
  return false;
}

/** What every part of a figure draws with: the painter, the colours, the sizes at the figure's scale. */
export interface Pen {
  p: Painter;
  colour: ThemeColours;
  scale: number;
  px: (v: number) => number;
  f: FigureLayout['font'];
  text: (s: string, x: number, y: number, o: Omit<TextStyle, 'color'> & { color?: string }) => number;
}

export function pen(p: Painter, layout: Pick<FigureLayout, 'scale' | 'font'>): Pen {
  const colour = cssColours();
  const { scale } = layout;
  return {
    p,
    colour,
    scale,
    px: (v: number) => Math.round(v * scale),
    f: layout.font,
    text: (s, x, y, o) => p.text(s, x, y, { ...o, color: o.color ?? colour.ink }),
  };
}

/** The layout of the figure for this state (its size is the PNG's and the SVG's). */
export const layoutFor = (state: ExplorerState, scale = 2) =>
  figureLayout(state.model.weights.inputSize, state.model.weights.hiddenSize, state.zoom ?? NO_ZOOM, scale);

export function drawFigure(state: ExplorerState, p: Painter, layout: FigureLayout = layoutFor(state)): void {
  const { weights } = state.model;
  const I = weights.inputSize;
  const H = weights.hiddenSize;
  const info = weightRangeInfo(state);
  const range = info.range;
  const lut = paletteLut(state.palette);
  const values: Record<TensorName, Float32Array> = {
    weight_ih: weights.weightIh,
    weight_hh: weights.weightHh,
    bias_ih: weights.biasIh,
    bias_hh: weights.biasHh,
  };
  const k = pen(p, layout);
  const { colour, px, f, text } = k;

  p.rect(0, 0, layout.width, layout.height, '#fff');
  text(figureTitle(I, H), layout.pad, layout.pad, { size: f.title, weight: 700 });
  const subtitle = layout.zoomed ? `${SUBTITLE} · ${zoomText(layout)}` : SUBTITLE;
  text(subtitle, layout.pad, layout.pad + px(FONT.title * 1.3), { size: f.subtitle, color: colour.muted });

  // Column headers and ticks (as the screen's ColumnAxis: x0…/h0… for ≤ 8 columns, else d3 ticks).
  for (const [i, column] of layout.columns.entries()) {
    text(column.tensor, column.x, layout.headerY, { size: f.head, mono: true, weight: 700 });
    text(shapeText(column.tensor, I, H), column.x, layout.headerY + px(FONT.head * 1.3), { size: f.shape, color: colour.muted });
    drawTicks(k, column.tensor, column.cols, layout.bands[0].images[i], layout.ticksY);
  }

  for (const [b, band] of layout.bands.entries()) {
    const { start, end } = gateRows(band.gate, H);
    if (b > 0) drawBandRule(k, layout.gutter.x, layout.cell.x - px(20), band.y);
    drawGutter(
      k,
      layout.gutter,
      band.gate,
      band.y,
      `[${start}:${end}]`,
      layout.zoomed ? `showing units ${layout.units[0]}–${layout.units[1] - 1}` : null,
    );
    for (const [i, image] of band.images.entries()) {
      const column = layout.columns[i];
      const cells = createCellImage(column.cols, H);
      paintImage(cells, values[image.tensor], start * column.cols, range, lut);
      drawImage(k, cells, image);
      markClipped(k, image, values[image.tensor], start * column.cols, column.cols, range, info.clipped);
      drawGateBar(k, image, band.gate);
      const slice = gateSlice(image.tensor, band.gate, H);
      const lines = column.sliceLines === 2 ? [image.tensor, `[${start}:${end}]`] : [slice];
      lines.forEach((line, n) =>
        text(line, column.x, band.labelY + n * px(FONT.slice * 1.3), {
          size: f.slice,
          mono: true,
          color: colour.muted,
          maxWidth: column.width,
        }),
      );
    }
  }
  drawLegend();
  drawLiveCell(k, state, layout.cell, lut, CELL_TITLE);

  function drawLegend() {
    const { x, y } = layout.legend;
    const tickY = drawLegendBar(k, layout.legend, range, lut);
    const gutterWidth = layout.gutter.width - px(14);
    text('colour = value', layout.gutter.x, y - px(2), { size: f.note, weight: 700, maxWidth: gutterWidth });
    text('one scale for all four', layout.gutter.x, y + px(FONT.note * 1.35), { size: f.note, color: colour.muted, maxWidth: gutterWidth });
    let caption = `${rangeCaption(info)} · ±${formatValue(range)}`;
    if (hasNaN(Object.values(values))) caption += ' · dark grey = NaN';
    const captionWidth = layout.width - layout.pad - x;
    text(PALETTES[state.palette].label, x, tickY + px(FONT.note * 1.45), { size: f.note, color: colour.muted, maxWidth: captionWidth });
    text(caption, x, tickY + px(2 * FONT.note * 1.45), { size: f.note, color: colour.muted, maxWidth: captionWidth });
  }
}

/** The screen's ◥ on cells beyond ±range (`clipped` of them in all), where cells are big enough to carry it. */
export function markClipped(k: Pen, image: FigureImage, tensor: Float32Array, first: number, cols: number, range: number, clipped: number) {
  const { px } = k;
  if (clipped === 0 || Math.min(image.cellWidth, image.cellHeight) < 7 * k.scale) return;
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
  k.p.triangles(marks, 'rgba(255,255,255,0.92)');
}

/** The dashed rule above a band (not the first), half a band gap above its top. */
export function drawBandRule(k: Pen, x0: number, x1: number, bandY: number) {
  const ruleY = bandY - k.px(BAND_GAP / 2);
  k.p.lines([[x0, ruleY, x1, ruleY]], k.colour.line, Math.max(1, k.px(1)), [k.px(4), k.px(4)]);
}

/** The column ticks over an image (as the screen's ColumnAxis: x0…/h0… for ≤ 8 columns, else d3 ticks); none for a bias. */
export function drawTicks(k: Pen, tensor: TensorName, cols: number, image: FigureImage, y: number) {
  const source = tensor === 'weight_ih' ? 'x' : tensor === 'weight_hh' ? 'h' : null;
  if (!source) return;
  const scaleX = scaleLinear()
    .domain([image.c0, image.c1])
    .range([image.x, image.x + image.width]);
  const ticks =
    cols <= 8
      ? Array.from({ length: cols }, (_, c) => c)
      : scaleX
          .ticks(Math.max(2, Math.min(6, Math.floor(image.width / k.px(44)))))
          .filter((t) => Number.isInteger(t) && t >= image.c0 && t < image.c1);
  for (const t of ticks) {
    k.text(cols <= 8 ? `${source}${t}` : String(t), scaleX(t + 0.5), y, {
      size: k.f.tick,
      mono: true,
      color: k.colour.muted,
      align: 'center',
      maxWidth: Math.max(image.cellWidth, k.px(24)),
    });
  }
}

/** A band's cells (one pixel per cell in `cells`), with white rules between big cells. */
export function drawImage(k: Pen, cells: CellImage, image: FigureImage) {
  k.p.image(cells.source, image.c0, image.r0, image.c1 - image.c0, image.r1 - image.r0, image.x, image.y, image.width, image.height);
  drawCellBorders(k, image);
}

/** The gate's colour bar left of an image (the screen's box-shadow). */
export function drawGateBar(k: Pen, image: FigureImage, gate: Gate) {
  k.p.rect(image.x - k.px(5), image.y, k.px(3), image.height, k.colour.gate[gate]);
}

/** Gutter text of a band: the gate's badge and name, its rows, the zoom note, the gate's role. */
export function drawGutter(k: Pen, gutter: Rect, gate: Gate, top: number, rows: string, zoomNote: string | null) {
  const { p, px, f, colour, text } = k;
  const x = gutter.x;
  let y = top;
  const maxWidth = gutter.width - px(14);
  const badgeWidth = Math.max(px(24), p.measure(gate, { size: f.gate * 0.9, mono: true, weight: 700, color: '' }) + px(10));
  p.rect(x, y, badgeWidth, px(22), colour.gate[gate], px(4));
  text(gate, x + badgeWidth / 2, y + px(3), { size: f.gate * 0.9, mono: true, weight: 700, color: '#fff', align: 'center' });
  text(`${GATE_NAMES[gate]} gate`, x + badgeWidth + px(8), y + px(2), {
    size: f.gate,
    weight: 700,
    maxWidth: maxWidth - badgeWidth - px(8),
  });
  y += px(24 + 4);
  const label = text('rows ', x, y, { size: f.note, color: colour.muted });
  text(rows, x + label, y, { size: f.note, mono: true, maxWidth: maxWidth - label });
  y += px(FONT.note * 1.5);
  if (zoomNote) {
    text(zoomNote, x, y, { size: f.note, color: colour.muted, maxWidth });
    y += px(FONT.note * 1.5);
  }
  for (const line of wrap(p, GATE_ROLE[gate], maxWidth, { size: f.note, color: '' }).slice(0, 3)) {
    text(line, x, y, { size: f.note, color: colour.muted, maxWidth });
    y += px(FONT.note * 1.35);
  }
}

/** Greedy word wrap, measured in the figure's font. */
function wrap(p: Painter, s: string, maxWidth: number, style: TextStyle): string[] {
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
function drawCellBorders(k: Pen, image: FigureImage) {
  const smaller = Math.min(image.cellWidth, image.cellHeight);
  if (smaller < 7 * k.scale) return;
  // Thin on small cells, so the rules never outweigh the colours.
  const lw = Math.max(1, Math.min(Math.round(k.scale), Math.floor(smaller / 12)));
  const o = (lw % 2) / 2;
  const segments: number[][] = [];
  for (let c = 1; c < image.c1 - image.c0; c++)
    segments.push([image.x + c * image.cellWidth + o, image.y, image.x + c * image.cellWidth + o, image.y + image.height]);
  for (let r = 1; r < image.r1 - image.r0; r++)
    segments.push([image.x, image.y + r * image.cellHeight + o, image.x + image.width, image.y + r * image.cellHeight + o]);
  k.p.lines(segments, 'rgba(255,255,255,0.85)', lw);
}

/** A legend's colour bar over ±range (the palette table itself, through the cells' rasteriser) and its −, 0, + numbers; returns their top. */
export function drawLegendBar(k: Pen, bar: Rect, range: number, lut: Uint8ClampedArray, paint = paintImage): number {
  const { x, y, width, height } = bar;
  const ramp = createCellImage(LUT_SIZE, 1);
  paint(
    ramp,
    Float32Array.from({ length: LUT_SIZE }, (_, i) => -range + (2 * range * i) / (LUT_SIZE - 1)),
    0,
    range,
    lut,
  );
  k.p.image(ramp.source, 0, 0, LUT_SIZE, 1, x, y, width, height, true);
  k.p.strokeRect(x, y, width, height, k.colour.line, Math.max(1, k.px(1)));
  const tickY = y + height + k.px(4);
  const style = { size: k.f.note, mono: true };
  k.text(formatValue(-range), x, tickY, style);
  k.text(formatValue(0), x + width / 2, tickY, { ...style, align: 'center' });
  k.text(formatValue(range), x + width, tickY, { ...style, align: 'right' });
  return tickY;
}

/** Cells of B − A in a cell image, in the Δ view's colours (equal, below 1e-6, not finite each their own). */
export function paintDifference(image: CellImage, delta: ArrayLike<number>, start: number, range: number, lut: Uint8ClampedArray) {
  rasterizeDifference(delta, start, image.data.width * image.data.height, range, lut, image.data.data);
  image.source.getContext('2d')!.putImageData(image.data, 0, 0);
}

/** The CSS colour of one value of B − A, for text on it. */
function differenceColour(v: number, range: number, lut: Uint8ClampedArray): string {
  const rgb = new Uint8ClampedArray(4);
  rasterizeDifference([v], 0, 1, range, lut, rgb);
  return `rgb(${rgb[0]},${rgb[1]},${rgb[2]})`;
}

/**
 * x, h, r, z, n, h′ of the selected batch row, coloured as the live cell on screen, with numbers when short.
 * With `hA` (A's h′ on the same x and h) the block also has the vectors 'h′ A' and 'Δh′', h′ and h′ A on one
 * scale and Δh′ = h′ − h′ A in the colours of the Δ view.
 */
export function drawLiveCell(
  k: Pen,
  state: ExplorerState,
  block: FigureCellBlock,
  lut: Uint8ClampedArray,
  title: string,
  hA?: Float32Array,
) {
  const { p, px, f, colour, text } = k;
  const { model } = state;
  const I = model.weights.inputSize;
  const H = model.weights.hiddenSize;
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
  if (hA) {
    rows['h′ A'] = hA.subarray(b * H, (b + 1) * H);
    rows['Δh′'] = rows['h′'].map((v, j) => v - rows['h′ A'][j]);
  }
  text(title, block.x, block.titleY, { size: f.head, weight: 700 });
  text(model.batch > 1 ? `batch row ${b} of ${model.batch}` : `unit j = 0 … ${H - 1}`, block.x, block.titleY + px(FONT.head * 1.3), {
    size: f.shape,
    color: colour.muted,
  });
  for (const v of block.vectors) {
    const data = rows[v.name];
    const gate = v.name === 'r' || v.name === 'z' || v.name === 'n' ? v.name : null;
    const delta = v.name === 'Δh′';
    // As on screen: gates on ±1, x, h and h′ each on their own largest |value| (at least 1); h′ of A and B on one.
    // Δh′ on its own largest |value|, as the Δ view.
    const vRange = gate
      ? 1
      : delta
        ? symmetricRange([data])
        : v.name === 'h′' && hA
          ? symmetricRange([data, rows['h′ A']], 1)
          : v.name === 'h′ A'
            ? symmetricRange([data, rows['h′']], 1)
            : symmetricRange([data], 1);
    const name = hA && v.name === 'h′' ? 'h′ B' : v.name;
    text(name, block.x, v.y + (v.height - f.head) / 2, {
      size: f.head,
      mono: true,
      weight: 700,
      color: gate ? colour.gate[gate] : colour.ink,
    });
    const image = createCellImage(v.count, 1);
    if (delta) paintDifference(image, data, 0, vRange, lut);
    else paintImage(image, data, 0, vRange, lut);
    p.image(image.source, 0, 0, v.count, 1, v.x, v.y, v.cellWidth * v.count, v.height);
    if (v.numbers) {
      const scaleOf = colorScale(state.palette, vRange);
      for (let j = 0; j < v.count; j++) {
        const bg = delta
          ? differenceColour(data[j], vRange, lut)
          : Number.isNaN(data[j])
            ? '#282828'
            : scaleOf(Math.max(-vRange, Math.min(vRange, data[j])));
        text(formatValue(data[j]), v.x + (j + 0.5) * v.cellWidth, v.y + (v.height - f.tick) / 2, {
          size: f.tick,
          mono: true,
          color: textColorOn(bg),
          align: 'center',
          maxWidth: v.cellWidth - px(4),
        });
      }
      if (v.count > 1) {
        const segments = Array.from({ length: v.count - 1 }, (_, j) => [
          v.x + (j + 1) * v.cellWidth,
          v.y,
          v.x + (j + 1) * v.cellWidth,
          v.y + v.height,
        ]);
        p.lines(segments, 'rgba(255,255,255,0.85)', Math.max(1, px(1)));
      }
    }
  }
  if (H > NUMBER_LIMIT) {
    const last = block.vectors[block.vectors.length - 1];
    const u = state.selectedUnit;
    const readout = hA
      ? `unit ${u}: h′ = ${formatValue(rows['h′'][u])}, A ${formatValue(rows['h′ A'][u])}, Δ ${formatValue(rows['Δh′'][u])}`
      : `unit ${u}: h′ = ${formatValue(rows['h′'][u])}`;
    text(readout, last.x, last.y + last.height + px(6), { size: f.note, mono: true, color: colour.muted });
  }
}
