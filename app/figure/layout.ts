// The figure's layout, as a pure function of the sizes, the zoom and the scale (no DOM): where the four
// tensors' r | z | n band images, their labels, the legend and the live cell (x, h, r, z, n, h′) go, in
// device pixels. Text widths are estimated generously, not measured, so tests can say where a cell lands
// and the drawing (PNG canvas or SVG, app/figure/draw.ts) fills in the same places.
import { GATES, TENSORS, tensorShape, type Gate, type TensorName } from '../../src';
import { heatmapLayout } from '../canvas/layout';
import { bandWindow, isZoomed, NO_ZOOM, type Zoom } from '../canvas/viewport';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One tensor's part of one gate band: whole cells rows [r0, r1) (of the band) × columns [c0, c1). */
export interface FigureImage extends Rect, Omit<TensorWindow, 'cols'> {}

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

/** One vector of the live cell: a row of cells (with their numbers when few enough) after its name. */
export interface FigureVector {
  /** The live cell's vectors; a figure of A and B adds A's h′ and Δh′ = h′(B) − h′(A) on B's x and h. */
  name: 'x' | 'h' | 'r' | 'z' | 'n' | 'h′' | 'h′ A' | 'Δh′';
  count: number;
  /** The cells' rectangle; each cell is cellWidth device px wide. */
  x: number;
  y: number;
  cellWidth: number;
  height: number;
  /** The numbers are printed in the cells. */
  numbers: boolean;
}

export interface FigureCellBlock {
  /** Left edge of the block (the names), its title's baseline row and the vectors. */
  x: number;
  titleY: number;
  vectors: FigureVector[];
  width: number;
  height: number;
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
  /** The live cell beside the weights: x, h, r, z, n and h′ of the selected batch row. */
  cell: FigureCellBlock;
  /** Sizes in device px of the figure's text, by role. */
  font: Record<'title' | 'subtitle' | 'head' | 'shape' | 'tick' | 'slice' | 'gate' | 'note', number>;
}

// CSS px; multiplied by the scale.
export const PAD = 28;
export const GUTTER = 188;
export const COL_GAP = 24;
export const BAND_GAP = 24;
export const FONT = { title: 24, subtitle: 14, head: 15, shape: 12.5, tick: 11.5, slice: 12, gate: 16, note: 12.5 };
export const LEGEND_WIDTH = 280;
/** The live cell block: gap from the weights, name column, row height and gap, cells with numbers. */
export const CELL_GAP = 40;
const CELL_NAME = 34;
const CELL_ROW = 26;
const CELL_ROW_GAP = 8;
const NUMBER_CELL = 62;
/** Vectors up to this long print their numbers; longer ones are colour strips at most STRIP px wide. */
export const NUMBER_LIMIT = 8;
const STRIP = 300;
export const CELL_VECTORS = ['x', 'h', 'r', 'z', 'n', 'h′'] as const;
export const LEGEND_BAR = 14;
/** Generous em widths, so estimated text is never narrower than drawn text (fillText also gets a maxWidth). */
const MONO_EM = 0.62;
const SANS_EM = 0.6;
const BOLD_MONO_EM = 0.64;

export const monoWidth = (text: string, size: number, bold = false) => text.length * size * (bold ? BOLD_MONO_EM : MONO_EM);
export const sansWidth = (text: string, size: number) => text.length * size * SANS_EM;

export const figureTitle = (I: number, H: number) => `GRU Explorer — I = ${I}, H = ${H}`;
export const SUBTITLE = 'nn.GRUCell parameters as PyTorch stores them: row blocks r | z | n';
/** gru-explorer-I{I}-H{H}.png or .svg */
export const figureFileName = (I: number, H: number, ext: 'png' | 'svg') => `gru-explorer-I${I}-H${H}.${ext}`;

/** Columns of a tensor (1 for a bias), from the core's shapes. */
export const tensorCols = (t: TensorName, I: number, H: number) => tensorShape(t, I, H)[1] ?? 1;
export const shapeText = (t: TensorName, I: number, H: number) => `(${tensorShape(t, I, H).join('×')})`;
export const zoomText = (l: Pick<FigureLayout, 'units' | 'hiddenSize'>) =>
  `zoomed: units ${l.units[0]}–${l.units[1] - 1} of ${l.hiddenSize}`;
// A window edge a hair past a whole cell (float maths) must not add a sliver cell.
const EPS = 1e-9;

/** One tensor's window of every band in the figure: whole cells, and whole device pixels per cell. */
export interface TensorWindow {
  tensor: TensorName;
  cols: number;
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  /** Device pixels per cell: whole numbers, so every cell is a uniform block. */
  cellWidth: number;
  cellHeight: number;
}

/** The same windows the screen shows (bandWindow), widened to whole cells, at the screen's cell sizes × scale. */
export function tensorWindows(I: number, H: number, zoom: Zoom, scale: number): TensorWindow[] {
  const screen = heatmapLayout(I, H);
  const screenWidth: Record<TensorName, number> = {
    weight_ih: screen.ihWidth,
    weight_hh: screen.hhWidth,
    bias_ih: screen.biasWidth,
    bias_hh: screen.biasWidth,
  };
  return TENSORS.map((t) => {
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
}

/** Where everything goes, in device pixels of a figure drawn at `scale` × the on-screen CSS sizes. */
export function figureLayout(inputSize: number, hiddenSize: number, zoom: Zoom = NO_ZOOM, scale = 2): FigureLayout {
  const I = inputSize;
  const H = hiddenSize;
  const px = (v: number) => Math.round(v * scale);
  const font = Object.fromEntries(Object.entries(FONT).map(([k, v]) => [k, v * scale])) as FigureLayout['font'];

  const windows = tensorWindows(I, H, zoom, scale);
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
  const cell = cellBlock(contentRight + px(CELL_GAP), headerY, bands[0].y, I, H, px);
  const height = Math.max(legend.y + legend.height + px(6 + 3 * FONT.note * 1.45), cell.titleY + cell.height) + pad;
  const titleWidth = Math.max(
    px(sansWidth(figureTitle(I, H), FONT.title)),
    px(sansWidth(SUBTITLE, FONT.subtitle)) + (zoomed ? px(sansWidth(` · ${zoomText({ units, hiddenSize: H })}`, FONT.subtitle)) : 0),
  );
  const captionWidth = px(sansWidth('fixed range ±0.0000: larger |w| clamp to the ends', FONT.note));
  const width = Math.max(cell.x + cell.width, pad + titleWidth, legend.x + Math.max(legend.width, captionWidth)) + pad;
  return {
    scale,
    width,
    height,
    inputSize: I,
    hiddenSize: H,
    zoomed,
    units,
    pad,
    gutter,
    headerY,
    ticksY,
    columns,
    bands,
    legend,
    cell,
    font,
  };
}

/** The live cell block at (x, titleY), its vectors from `top`: x has I values, the others H. */
export function cellBlock(
  x: number,
  titleY: number,
  top: number,
  I: number,
  H: number,
  px: (v: number) => number,
  names: readonly FigureVector['name'][] = CELL_VECTORS,
  title = CELL_TITLE,
  nameWidth = CELL_NAME,
): FigureCellBlock {
  let y = top;
  const vectors = names.map((name): FigureVector => {
    const count = name === 'x' ? I : H;
    const numbers = count <= NUMBER_LIMIT;
    const cellWidth = numbers ? px(NUMBER_CELL) : Math.max(1, Math.floor(px(STRIP) / count));
    const vector = { name, count, x: x + px(nameWidth), y, cellWidth, height: px(CELL_ROW), numbers };
    y += px(CELL_ROW + CELL_ROW_GAP);
    return vector;
  });
  const titleWidth = px(sansWidth(title, FONT.head));
  const width = Math.max(titleWidth, ...vectors.map((v) => v.x - x + v.cellWidth * v.count));
  // Long vectors are strips without numbers: one line under them reads out the selected unit's h′.
  const readout = H > NUMBER_LIMIT ? px(6 + FONT.note * 1.5) : 0;
  return { x, titleY, vectors, width, height: y - px(CELL_ROW_GAP) - titleY + readout };
}

export const CELL_TITLE = 'live cell: h′ = (1 − z) ⊙ n + z ⊙ h';

/** The rectangle of value `index` of a live-cell vector in the figure. */
export function figureVectorCell(layout: FigureLayout, name: FigureVector['name'], index: number): Rect | null {
  const v = layout.cell.vectors.find((u) => u.name === name);
  if (!v || index < 0 || index >= v.count) return null;
  return { x: v.x + index * v.cellWidth, y: v.y, width: v.cellWidth, height: v.height };
}

/** The rectangle of cell (unit, col) of a band's image, or null when that cell is zoomed out of view. */
export function imageCell(image: FigureImage | undefined, unit: number, col: number): Rect | null {
  if (!image) return null;
  if (unit < image.r0 || unit >= image.r1 || col < image.c0 || col >= image.c1) return null;
  return {
    x: image.x + (col - image.c0) * image.cellWidth,
    y: image.y + (unit - image.r0) * image.cellHeight,
    width: image.cellWidth,
    height: image.cellHeight,
  };
}

/** The rectangle of cell (row, col) of a tensor in the figure (row over all 3H rows), or null when zoomed out of view. */
export function figureCell(layout: FigureLayout, tensor: TensorName, row: number, col = 0): Rect | null {
  const H = layout.hiddenSize;
  const image = layout.bands[Math.floor(row / H)]?.images.find((i) => i.tensor === tensor);
  return imageCell(image, row % H, col);
}
