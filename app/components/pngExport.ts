// "Save PNG": the four tensors with their r | z | n bands as one figure for slides, no React. Cells are
// rasterised from the weights with the palette table (one colour per cell) and scaled by whole device
// pixels with smoothing off, so the figure is exact. The layout is a pure function of the sizes, the
// zoom and the scale (text widths are estimated, not measured), so tests can say where a cell lands.
import { scaleLinear } from 'd3';
import { GATES, GATE_NAMES, gateRows, TENSORS, tensorShape, type Gate, type TensorName } from '../../src';
import type { ExplorerState } from '../store/store';
import { selectWeightRange } from '../store/ranges';
import { formatValue } from '../format';
import { heatmapLayout } from '../canvas/layout';
import { GATE_ROLE } from './gateText';
import { LUT_SIZE, PALETTES, paletteLut } from '../canvas/palette';
import { createCellImage, paintImage } from '../canvas/render';
import { bandWindow, isZoomed, NO_ZOOM, type Zoom } from '../canvas/viewport';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One tensor's part of one gate band: whole cells rows [r0, r1) (of the band) × columns [c0, c1). */
export interface FigureImage extends Rect {
  tensor: TensorName;
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  /** Device pixels per cell: whole numbers, so every cell is a uniform block. */
  cellWidth: number;
  cellHeight: number;
}

export interface FigureColumn {
  tensor: TensorName;
  cols: number;
  /** Left edge of the column's images and text; `width` is the slot (image or header, whichever is wider). */
  x: number;
  width: number;
  /** Slice labels ("bias_hh[0:4]") on two lines when one would be wider than the slot. */
  sliceLines: 1 | 2;
}

export interface FigureBand {
  gate: Gate;
  /** Top of the band block; images start here. */
  y: number;
  height: number;
  images: FigureImage[];
  /** Top of the slice labels under the images. */
  labelY: number;
}

export interface FigureLayout {
  scale: number;
  width: number;
  height: number;
  inputSize: number;
  hiddenSize: number;
  zoomed: boolean;
  /** Shown hidden units [u0, u1) of each band (all of them unless zoomed). */
  units: [number, number];
  pad: number;
  gutter: Rect;
  headerY: number;
  ticksY: number;
  columns: FigureColumn[];
  bands: FigureBand[];
  legend: Rect;
  /** Sizes in device px of the figure's text, by role. */
  font: Record<'title' | 'subtitle' | 'head' | 'shape' | 'tick' | 'slice' | 'gate' | 'note', number>;
}

// CSS px; multiplied by the scale.
const PAD = 28;
const GUTTER = 188;
const COL_GAP = 24;
const BAND_GAP = 24;
const FONT = { title: 24, subtitle: 14, head: 15, shape: 12.5, tick: 11.5, slice: 12, gate: 16, note: 12.5 };
const LEGEND_WIDTH = 280;
const LEGEND_BAR = 14;
/** Generous em widths, so estimated text is never narrower than drawn text (fillText also gets a maxWidth). */
const MONO_EM = 0.62;
const SANS_EM = 0.6;
const BOLD_MONO_EM = 0.64;

const monoWidth = (text: string, size: number, bold = false) => text.length * size * (bold ? BOLD_MONO_EM : MONO_EM);
const sansWidth = (text: string, size: number) => text.length * size * SANS_EM;

export const figureTitle = (I: number, H: number) => `GRU Explorer — I = ${I}, H = ${H}`;
const SUBTITLE = 'nn.GRUCell parameters as PyTorch stores them: row blocks r | z | n';
export const pngFileName = (I: number, H: number) => `gru-explorer-I${I}-H${H}.png`;


const tensorCols = (t: TensorName, I: number, H: number) => (t === 'weight_ih' ? I : t === 'weight_hh' ? H : 1);
const shapeText = (t: TensorName, I: number, H: number) => `(${tensorShape(t, I, H).join('×')})`;
const zoomText = (l: Pick<FigureLayout, 'units' | 'hiddenSize'>) => `zoomed: units ${l.units[0]}–${l.units[1] - 1} of ${l.hiddenSize}`;
// A window edge a hair past a whole cell (float maths) must not add a sliver cell.
const EPS = 1e-9;

/** Where everything goes, in device pixels of a figure drawn at `scale` × the on-screen CSS sizes. */
export function figureLayout(inputSize: number, hiddenSize: number, zoom: Zoom = NO_ZOOM, scale = 2): FigureLayout {
  const I = inputSize;
  const H = hiddenSize;
  const px = (v: number) => Math.round(v * scale);
  const screen = heatmapLayout(I, H);
  const screenWidth: Record<TensorName, number> = { weight_ih: screen.ihWidth, weight_hh: screen.hhWidth, bias_ih: screen.biasWidth, bias_hh: screen.biasWidth };
  const font = Object.fromEntries(Object.entries(FONT).map(([k, v]) => [k, v * scale])) as FigureLayout['font'];

  // The same windows the screen shows (bandWindow), widened to whole cells.
  const windows = TENSORS.map((t) => {
    const cols = tensorCols(t, I, H);
    const w = bandWindow(zoom, t, H, cols);
    return {
      tensor: t,
      cols,
      r0: Math.floor(w.r0 + EPS),
      r1: Math.ceil(w.r1 - EPS),
      c0: Math.floor(w.c0 + EPS),
      c1: Math.ceil(w.c1 - EPS),
      cellWidth: Math.max(1, Math.round((scale * screenWidth[t]) / (w.c1 - w.c0))),
      cellHeight: Math.max(1, Math.round((scale * screen.bandHeight) / (w.r1 - w.r0))),
    };
  });
  const zoomed = windows.some((w) => isZoomed(w, H, w.cols));
  const units: [number, number] = [windows[0].r0, windows[0].r1];
  const imageHeight = windows[0].cellHeight * (units[1] - units[0]);

  const pad = px(PAD);
  const gutter = { x: pad, y: 0, width: px(GUTTER), height: 0 };
  let x = gutter.x + gutter.width;
  const columns: FigureColumn[] = windows.map((w) => {
    const imageWidth = w.cellWidth * (w.c1 - w.c0);
    const slot = Math.max(imageWidth, px(monoWidth(w.tensor, FONT.head, true)), px(sansWidth(shapeText(w.tensor, I, H), FONT.shape)));
    // Slice labels widen a column a little rather than wrap; narrow bias columns take two lines.
    const slice = px(monoWidth(`${w.tensor}[${2 * H}:${3 * H}]`, FONT.slice));
    const sliceLines = slice > 1.4 * slot ? 2 : 1;
    const width = Math.max(slot, sliceLines === 1 ? slice : px(monoWidth(`[${2 * H}:${3 * H}]`, FONT.slice)));
    const column: FigureColumn = { tensor: w.tensor, cols: w.cols, x, width, sliceLines };
    x += width + px(COL_GAP);
    return column;
  });
  const contentRight = x - px(COL_GAP);

  // Title, subtitle, then per column: name, shape, column ticks.
  const headerY = pad + px(FONT.title * 1.3 + FONT.subtitle * 1.4 + 18);
  const ticksY = headerY + px(FONT.head * 1.3 + FONT.shape * 1.35);
  let y = ticksY + px(FONT.tick * 1.3 + 6);

  // Gutter text: badge + name, rows, zoom note, up to 3 lines of role.
  const gutterText = px(24 + FONT.note * 1.5 + (zoomed ? FONT.note * 1.5 : 0) + 3 * FONT.note * 1.35);
  const sliceHeight = (lines: number) => px(4 + lines * FONT.slice * 1.3);
  const labelsHeight = Math.max(...columns.map((c) => sliceHeight(c.sliceLines)));
  const bands: FigureBand[] = GATES.map((gate) => {
    const height = Math.max(imageHeight + labelsHeight, gutterText);
    const images = windows.map((w, i): FigureImage => ({
      tensor: w.tensor,
      r0: w.r0,
      r1: w.r1,
      c0: w.c0,
      c1: w.c1,
      cellWidth: w.cellWidth,
      cellHeight: w.cellHeight,
      x: columns[i].x,
      y,
      width: w.cellWidth * (w.c1 - w.c0),
      height: imageHeight,
    }));
    const band: FigureBand = { gate, y, height, images, labelY: y + imageHeight + px(4) };
    y += height + px(BAND_GAP);
    return band;
  });
  gutter.y = bands[0].y;
  gutter.height = y - px(BAND_GAP) - gutter.y;

  const legend = { x: columns[0].x, y: y - px(BAND_GAP) + px(26), width: px(LEGEND_WIDTH), height: px(LEGEND_BAR) };
  const height = legend.y + legend.height + px(6 + 3 * FONT.note * 1.45) + pad;
  const titleWidth = Math.max(
    px(sansWidth(figureTitle(I, H), FONT.title)),
    px(sansWidth(SUBTITLE, FONT.subtitle)) + (zoomed ? px(sansWidth(` · ${zoomText({ units, hiddenSize: H })}`, FONT.subtitle)) : 0),
  );
  const captionWidth = px(sansWidth('fixed range ±0.0000: larger |w| clamp to the ends', FONT.note));
  const width = Math.max(contentRight, pad + titleWidth, legend.x + Math.max(legend.width, captionWidth)) + pad;
  return { scale, width, height, inputSize: I, hiddenSize: H, zoomed, units, pad, gutter, headerY, ticksY, columns, bands, legend, font };
}

/** The rectangle of cell (row, col) of a tensor in the figure (row over all 3H rows), or null when zoomed out of view. */
export function figureCell(layout: FigureLayout, tensor: TensorName, row: number, col = 0): Rect | null {
  const H = layout.hiddenSize;
  const band = layout.bands[Math.floor(row / H)];
  const image = band?.images.find((i) => i.tensor === tensor);
  if (!image) return null;
  const unit = row % H;
  if (unit < image.r0 || unit >= image.r1 || col < image.c0 || col >= image.c1) return null;
  return { x: image.x + (col - image.c0) * image.cellWidth, y: image.y + (unit - image.r0) * image.cellHeight, width: image.cellWidth, height: image.cellHeight };
}

const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MONO = 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace';

/** The page's own colours (styles.css), so the figure matches the screen. */
function cssColours() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    ink: read('--ink', '#1c2330'),
    muted: read('--muted', '#667085'),
    line: read('--line', '#dde1e7'),
    gate: { r: read('--r', '#8e44ad'), z: read('--z', '#1f8a70'), n: read('--n', '#c8642a') } as Record<Gate, string>,
  };
}

function hasNaN(arrays: Float32Array[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) return true;
  return false;
}

/** Draws the figure for the current weights, palette, colour range and zoom. */
export function drawFigure(state: ExplorerState, scale = 2): HTMLCanvasElement {
  const { weights } = state.model;
  const I = weights.inputSize;
  const H = weights.hiddenSize;
  const layout = figureLayout(I, H, state.zoom ?? NO_ZOOM, scale);
  const range = selectWeightRange(state);
  const lut = paletteLut(state.palette);
  const values: Record<TensorName, Float32Array> = { weight_ih: weights.weightIh, weight_hh: weights.weightHh, bias_ih: weights.biasIh, bias_hh: weights.biasHh };
  const colour = cssColours();
  const px = (v: number) => Math.round(v * scale);
  const f = layout.font;

  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error(`the browser gave no 2D canvas for a ${layout.width}×${layout.height} figure`);
  const ctx: CanvasRenderingContext2D = context;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';

  const text = (s: string, x: number, y: number, o: { size: number; mono?: boolean; weight?: number; color?: string; align?: CanvasTextAlign; maxWidth?: number }) => {
    ctx.font = `${o.weight ?? 400} ${o.size}px ${o.mono ? MONO : SANS}`;
    ctx.fillStyle = o.color ?? colour.ink;
    ctx.textAlign = o.align ?? 'left';
    if (o.maxWidth !== undefined) ctx.fillText(s, x, y, o.maxWidth);
    else ctx.fillText(s, x, y);
    return ctx.measureText(s).width;
  };

  // Title and subtitle.
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
    // Dashed rule between bands, as on screen.
    if (b > 0) {
      ctx.save();
      ctx.strokeStyle = colour.line;
      ctx.lineWidth = Math.max(1, px(1));
      ctx.setLineDash([px(4), px(4)]);
      ctx.beginPath();
      const ruleY = band.y - px(BAND_GAP / 2);
      ctx.moveTo(layout.gutter.x, ruleY);
      ctx.lineTo(layout.width - layout.pad, ruleY);
      ctx.stroke();
      ctx.restore();
    }
    drawGutter(band, start, end);

    for (const [i, image] of band.images.entries()) {
      const column = layout.columns[i];
      const cells = createCellImage(column.cols, H);
      paintImage(cells, values[image.tensor], start * column.cols, range, lut);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(cells.source, image.c0, image.r0, image.c1 - image.c0, image.r1 - image.r0, image.x, image.y, image.width, image.height);
      drawCellBorders(image);
      // The gate's colour bar left of each image (the screen's box-shadow).
      ctx.fillStyle = colour.gate[band.gate];
      ctx.fillRect(image.x - px(5), image.y, px(3), image.height);

      const slice = `${image.tensor}[${start}:${end}]`;
      const lines = column.sliceLines === 2 ? [image.tensor, `[${start}:${end}]`] : [slice];
      lines.forEach((line, k) => text(line, column.x, band.labelY + k * px(FONT.slice * 1.3), { size: f.slice, mono: true, color: colour.muted, maxWidth: column.width }));
    }
  }

  drawLegend();
  return canvas;

  function drawGutter(band: FigureBand, start: number, end: number) {
    const x = layout.gutter.x;
    let y = band.y;
    const maxWidth = layout.gutter.width - px(14);
    // Badge with the gate letter, then its name.
    ctx.font = `700 ${f.gate * 0.9}px ${MONO}`;
    const badgeWidth = Math.max(px(24), ctx.measureText(band.gate).width + px(10));
    ctx.fillStyle = colour.gate[band.gate];
    ctx.beginPath();
    ctx.roundRect(x, y, badgeWidth, px(22), px(4));
    ctx.fill();
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
    ctx.font = `400 ${f.note}px ${SANS}`;
    for (const line of wrap(GATE_ROLE[band.gate], maxWidth).slice(0, 3)) {
      text(line, x, y, { size: f.note, color: colour.muted, maxWidth });
      y += px(FONT.note * 1.35);
    }
  }

  /** Greedy word wrap with the current font. */
  function wrap(s: string, maxWidth: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of s.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > maxWidth) {
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
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.lineWidth = lw;
    ctx.beginPath();
    for (let c = 1; c < image.c1 - image.c0; c++) {
      ctx.moveTo(image.x + c * image.cellWidth + o, image.y);
      ctx.lineTo(image.x + c * image.cellWidth + o, image.y + image.height);
    }
    for (let r = 1; r < image.r1 - image.r0; r++) {
      ctx.moveTo(image.x, image.y + r * image.cellHeight + o);
      ctx.lineTo(image.x + image.width, image.y + r * image.cellHeight + o);
    }
    ctx.stroke();
  }

  function drawLegend() {
    const { x, y, width, height } = layout.legend;
    // The bar is the palette table itself, through the same rasteriser as the cells.
    const ramp = createCellImage(LUT_SIZE, 1);
    paintImage(ramp, Float32Array.from({ length: LUT_SIZE }, (_, i) => -range + (2 * range * i) / (LUT_SIZE - 1)), 0, range, lut);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(ramp.source, x, y, width, height);
    ctx.strokeStyle = colour.line;
    ctx.lineWidth = Math.max(1, px(1));
    ctx.strokeRect(x, y, width, height);
    const tickY = y + height + px(4);
    text(formatValue(-range), x, tickY, { size: f.note, mono: true });
    text(formatValue(0), x + width / 2, tickY, { size: f.note, mono: true, align: 'center' });
    text(formatValue(range), x + width, tickY, { size: f.note, mono: true, align: 'right' });
    const gutterWidth = layout.gutter.width - px(14);
    text('colour = value', layout.gutter.x, y - px(2), { size: f.note, weight: 700, maxWidth: gutterWidth });
    text('one scale for all four', layout.gutter.x, y + px(FONT.note * 1.35), { size: f.note, color: colour.muted, maxWidth: gutterWidth });
    let range2 = state.fixedRange === null ? `auto range: ±${formatValue(range)} = largest |w|` : `fixed range ±${formatValue(range)}: larger |w| clamp to the ends`;
    if (hasNaN(Object.values(values))) range2 += ' · dark grey = NaN';
    const captionWidth = layout.width - layout.pad - x;
    text(PALETTES[state.palette].label, x, tickY + px(FONT.note * 1.45), { size: f.note, color: colour.muted, maxWidth: captionWidth });
    text(range2, x, tickY + px(2 * FONT.note * 1.45), { size: f.note, color: colour.muted, maxWidth: captionWidth });
  }
}

/** Draws the figure and downloads it as gru-explorer-I{I}-H{H}.png. */
export async function savePng(state: ExplorerState, scale = 2): Promise<void> {
  const canvas = drawFigure(state, scale);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(`the browser could not encode the ${canvas.width}×${canvas.height} figure as PNG`);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = pngFileName(state.model.weights.inputSize, state.model.weights.hiddenSize);
  a.click();
  // The click has started the download; the URL is kept a moment for browsers that read it late.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
