// The figure of A and B (a pinned A beside B, the cell on screen): each tensor as three images side by side —
// A, B and B − A — by gate band, A and B on one scale and B − A on its own, a legend for each, and B's live cell
// with A's h′ and Δh′. A pure function of the two cells' sizes, the zoom and the scale (no DOM), like
// figureLayout (layout.ts), whose windows and cell sizes it reuses: every image is drawn at the size the
// screen would draw its cell. A and B of other sizes are each drawn at their own size; B − A is drawn at the
// size it was computed on (B's, or the common part of the two), or not at all.
import { GATES, TENSORS, type Comparison, type Gate, type TensorName } from '../../src';
import { formatValue } from '../format';
import { isZoomed, NO_ZOOM, type Zoom } from '../canvas/viewport';
import {
  BAND_GAP,
  cellBlock,
  CELL_GAP,
  CELL_VECTORS,
  FONT,
  GUTTER,
  LEGEND_BAR,
  LEGEND_WIDTH,
  monoWidth,
  PAD,
  imageCell,
  sansWidth,
  shapeText,
  SUBTITLE,
  tensorWindows,
  type FigureCellBlock,
  type FigureImage,
  type FigureLayout,
  type FigureVector,
  type Rect,
  type TensorWindow,
} from './layout';

export type Side = 'a' | 'b' | 'delta';
export const SIDE_LABEL: Record<Side, string> = { a: 'A', b: 'B', delta: 'B − A' };

export interface CellSize {
  inputSize: number;
  hiddenSize: number;
}

export interface CompareInput {
  a: CellSize;
  b: CellSize;
  /** The size B − A is drawn at: B's when the shapes agree, their common part when that was asked for; null: not drawn. */
  delta: CellSize | null;
  /** Lines under the subtitle: where A and B come from, and what differs. */
  captions: string[];
  zoom?: Zoom;
  scale?: number;
}

/** One of a tensor's three images (A, B or B − A): its place in the column and the labels under it. */
export interface CompareSlot {
  side: Side;
  size: CellSize;
  x: number;
  width: number;
  /** Lines of the slice label under the image ("weight_hh[0:4]", or two lines when narrow); 0 under B when A's says it. */
  sliceLines: 0 | 1 | 2;
  /** Room the slice label may take: the slot, or A's and B's slots together when B has none. */
  sliceWidth: number;
}

export interface CompareColumn {
  tensor: TensorName;
  x: number;
  width: number;
  slots: CompareSlot[];
}

export interface CompareImage extends FigureImage {
  side: Side;
}

export interface CompareBand {
  gate: Gate;
  y: number;
  height: number;
  images: CompareImage[];
  /** Top of the labels under the images (slice labels, max |Δ|). */
  labelY: number;
}

/** A mark of the Δ legend: its colour box and where its label starts. */
export interface Swatch {
  label: string;
  box: Rect;
  textX: number;
}

export interface CompareLegend {
  kind: 'values' | 'delta';
  bar: Rect;
  /** Top of the numbers under the bar; then the legend's lines of text. */
  tickY: number;
  lineY: [number, number];
  /** The Δ legend's marks for cells that are equal, differ below 1e-6 or are not finite (on lineY[0]). */
  swatches: Swatch[];
}

export interface CompareLayout {
  scale: number;
  width: number;
  height: number;
  a: CellSize;
  b: CellSize;
  delta: CellSize | null;
  sameShape: boolean;
  zoomed: boolean;
  pad: number;
  subtitleY: number;
  captionY: number[];
  gutter: Rect;
  /** Per column: the tensor's name, its shape, the A / B / B − A labels, the column ticks. */
  headerY: number;
  shapeY: number;
  sideY: number;
  ticksY: number;
  columns: CompareColumn[];
  bands: CompareBand[];
  legends: CompareLegend[];
  cell: FigureCellBlock;
  font: FigureLayout['font'];
}

// CSS px; multiplied by the scale.
/** Between A, B and B − A of one tensor, and between tensors (wider, so the three read as one group). */
const SIDE_GAP = 16;
const GROUP_GAP = 44;
const SWATCH = 12;
/** The live cell's names column, wide enough for "h′ A" and "Δh′". */
const CELL_NAME = 46;
/** Between the two legends. */
const LEGEND_GAP = 22;

export const MAX_DELTA = 'max |Δ|';
/** The longest text formatValue gives for a max |Δ| (≥ 0): "1.234e-10", "9999.9999". */
const LONGEST_VALUE = '9.999e-10';
export const SWATCH_LABELS = ['equal', 'differs below 1e-6', 'not finite'] as const;
export const COMPARE_CELL_TITLE = 'live cell of B: h′ = (1 − z) ⊙ n + z ⊙ h';
export const COMPARE_VECTORS: readonly FigureVector['name'][] = [...CELL_VECTORS, 'h′ A', 'Δh′'];

const sizeText = (s: CellSize) => `I = ${s.inputSize}, H = ${s.hiddenSize}`;
export const sameSize = (a: CellSize, b: CellSize) => a.inputSize === b.inputSize && a.hiddenSize === b.hiddenSize;
export const compareTitle = (a: CellSize, b: CellSize) =>
  sameSize(a, b) ? `GRU Explorer — A and B, ${sizeText(b)}` : `GRU Explorer — A (${sizeText(a)}) and B (${sizeText(b)})`;
export const compareSubtitle = (zoomed: boolean) => (zoomed ? `${SUBTITLE} · zoomed: the same part of A, B and B − A` : SUBTITLE);
/** gru-explorer-compare-I{I}-H{H}.png or .svg, with B's sizes. */
export const compareFileName = (I: number, H: number, ext: 'png' | 'svg') => `gru-explorer-compare-I${I}-H${H}.${ext}`;
/** The gutter's rows line: one range when A and B agree, else each one's. */
export const rowsText = (l: Pick<CompareLayout, 'a' | 'b' | 'sameShape'>, gate: number) => {
  const range = (H: number) => `[${gate * H}:${(gate + 1) * H}]`;
  return l.sameShape ? range(l.b.hiddenSize) : `A ${range(l.a.hiddenSize)} · B ${range(l.b.hiddenSize)}`;
};

/** The lines under the subtitle: where A and B come from, then what differs (or why B − A is not drawn). */
export function compareCaptions(label: string, a: CellSize, b: CellSize, comparison: Comparison | null): string[] {
  const names = `A: ${label} · B: the cell on screen`;
  const sizes = `A is I = ${a.inputSize}, H = ${a.hiddenSize}; B is I = ${b.inputSize}, H = ${b.hiddenSize}`;
  if (!comparison) return [names, `${sizes}: B − A is not drawn (the compare panel can compare their common part)`];
  const { diff, cause, cropped } = comparison;
  const cells = diff.bands.reduce((n, band) => n + band.equal + band.tiny + band.differ + band.nonFinite, 0);
  // The cause of unrelated cells already counts them.
  const counted = diff.changed === 0 || cause.kind === 'unrelated' ? '' : ` · ${diff.changed} of ${cells} cells differ`;
  const stats = diff.changed === 0 ? '' : `${counted} · max |Δ| ${formatValue(diff.maxAbs)}`;
  if (!cropped) return [names, `${cause.text}${stats}`];
  const common = `B − A on the common part only: the first ${comparison.a.hiddenSize} units and ${comparison.a.inputSize} inputs`;
  return [names, `${sizes}. ${common}`, `On that part: ${cause.text}${stats}`];
}

/** Where everything of the A / B figure goes, in device pixels at `scale` × the on-screen CSS sizes. */
export function compareFigureLayout(input: CompareInput): CompareLayout {
  const { a, b, delta, captions } = input;
  const zoom = input.zoom ?? NO_ZOOM;
  const scale = input.scale ?? 2;
  const px = (v: number) => Math.round(v * scale);
  const font = Object.fromEntries(Object.entries(FONT).map(([k, v]) => [k, v * scale])) as FigureLayout['font'];
  const same = sameSize(a, b);
  const sides: [Side, CellSize][] = [
    ['a', a],
    ['b', b],
  ];
  if (delta) sides.push(['delta', delta]);
  const windows = new Map<Side, TensorWindow[]>(
    sides.map(([side, size]) => [side, tensorWindows(size.inputSize, size.hiddenSize, zoom, scale)]),
  );
  const zoomed = sides.some(([side, size]) => windows.get(side)!.some((w) => isZoomed(w, size.hiddenSize, w.cols)));
  const imageWidth = (w: TensorWindow) => w.cellWidth * (w.c1 - w.c0);

  // Slot widths: the image, its A / B / B − A label, and under B − A the band's max |Δ| on two lines.
  const deltaLabel = px(Math.max(monoWidth(MAX_DELTA, FONT.slice), monoWidth(LONGEST_VALUE, FONT.slice)));
  const pad = px(PAD);
  const gutter = { x: pad, y: 0, width: px(GUTTER), height: 0 };
  let x = gutter.x + gutter.width;
  const columns: CompareColumn[] = TENSORS.map((tensor, i) => {
    const slots: CompareSlot[] = sides.map(([side, size]) => {
      const width = Math.max(
        imageWidth(windows.get(side)![i]),
        px(sansWidth(SIDE_LABEL[side], FONT.head)),
        side === 'delta' ? deltaLabel : 0,
      );
      return { side, size, x: 0, width, sliceLines: 0, sliceWidth: width };
    });
    // Slice labels under A, and under B when its rows differ from A's; as in figureLayout, a label much wider
    // than its room takes two lines ("bias_ih", "[0:4]"), a little wider widens the slot.
    for (const slot of slots) {
      if (slot.side === 'delta' || (slot.side === 'b' && same)) continue;
      const H = slot.size.hiddenSize;
      const slice = px(monoWidth(`${tensor}[${2 * H}:${3 * H}]`, FONT.slice));
      const room = slot.side === 'a' && same ? slot.width + px(SIDE_GAP) + slots[1].width : slot.width;
      slot.sliceLines = slice > 1.4 * room ? 2 : 1;
      const need = slot.sliceLines === 1 ? slice : px(monoWidth(`[${2 * H}:${3 * H}]`, FONT.slice));
      if (need > room) slot.width += need - room;
      slot.sliceWidth = Math.max(room, need);
    }
    // The column's header (name, shape or shapes) spans its slots; a wider one widens the last slot.
    const header = Math.max(px(monoWidth(tensor, FONT.head, true)), px(sansWidth(shapeLine(tensor, a, b), FONT.shape)));
    const spanned = slots.reduce((sum, s) => sum + s.width, 0) + (slots.length - 1) * px(SIDE_GAP);
    if (header > spanned) slots[slots.length - 1].width += header - spanned;
    const column: CompareColumn = { tensor, x, width: 0, slots };
    for (const slot of slots) {
      slot.x = x;
      x += slot.width + px(SIDE_GAP);
    }
    column.width = x - px(SIDE_GAP) - column.x;
    x += px(GROUP_GAP) - px(SIDE_GAP);
    return column;
  });
  const contentRight = x - px(GROUP_GAP);

  // Title, subtitle and caption lines; per column: name, shape, A / B / B − A, column ticks.
  const subtitleY = pad + px(FONT.title * 1.3);
  const captionY = captions.map((_, k) => subtitleY + px(FONT.subtitle * 1.4 * (k + 1)));
  const headerY = pad + px(FONT.title * 1.3 + FONT.subtitle * 1.4 * (1 + captions.length) + 18);
  const shapeY = headerY + px(FONT.head * 1.3);
  const sideY = shapeY + px(FONT.shape * 1.35 + 4);
  const ticksY = sideY + px(FONT.head * 1.3);
  let y = ticksY + px(FONT.tick * 1.3 + 6);

  // As figureLayout: gutter text (badge + name, rows, zoom note, up to 3 lines of role) sets a least band height.
  const gutterText = px(24 + FONT.note * 1.5 + (zoomed ? FONT.note * 1.5 : 0) + 3 * FONT.note * 1.35);
  const labelLines = Math.max(2, ...columns.flatMap((c) => c.slots.map((s) => s.sliceLines)));
  const labelsHeight = px(4 + labelLines * FONT.slice * 1.3);
  const bands: CompareBand[] = GATES.map((gate) => {
    const images = columns.flatMap((column, i) =>
      column.slots.map((slot): CompareImage => {
        const w = windows.get(slot.side)![i];
        const { tensor, r0, r1, c0, c1, cellWidth, cellHeight } = w;
        return {
          tensor,
          r0,
          r1,
          c0,
          c1,
          cellWidth,
          cellHeight,
          side: slot.side,
          x: slot.x,
          y,
          width: imageWidth(w),
          height: cellHeight * (r1 - r0),
        };
      }),
    );
    const imageHeight = Math.max(...images.map((image) => image.height));
    const height = Math.max(imageHeight + labelsHeight, gutterText);
    const band: CompareBand = { gate, y, height, images, labelY: y + imageHeight + px(4) };
    y += height + px(BAND_GAP);
    return band;
  });
  gutter.y = bands[0].y;
  gutter.height = y - px(BAND_GAP) - gutter.y;

  // Legends stacked under the bands: A and B's values, then B − A with its marks for equal / tiny / not finite.
  const legendHeight = px(LEGEND_BAR + 6 + 3 * FONT.note * 1.45);
  const legends: CompareLegend[] = [];
  let legendY = y - px(BAND_GAP) + px(26);
  for (const kind of delta ? (['values', 'delta'] as const) : (['values'] as const)) {
    const bar = { x: columns[0].x, y: legendY, width: px(LEGEND_WIDTH), height: px(LEGEND_BAR) };
    const tickY = bar.y + bar.height + px(4);
    const lineY: [number, number] = [tickY + px(FONT.note * 1.45), tickY + px(2 * FONT.note * 1.45)];
    const swatches: Swatch[] = [];
    if (kind === 'delta') {
      let sx = bar.x;
      for (const label of SWATCH_LABELS) {
        const box = { x: sx, y: lineY[0] + px(1), width: px(SWATCH), height: px(SWATCH) };
        const textX = sx + px(SWATCH + 5);
        swatches.push({ label, box, textX });
        sx = textX + px(sansWidth(label, FONT.note) + 8);
      }
    }
    legends.push({ kind, bar, tickY, lineY, swatches });
    legendY += legendHeight + px(LEGEND_GAP);
  }
  const lastLegend = legends[legends.length - 1];

  const names = same ? COMPARE_VECTORS : CELL_VECTORS;
  const cell = cellBlock(
    contentRight + px(CELL_GAP),
    headerY,
    bands[0].y,
    b.inputSize,
    b.hiddenSize,
    px,
    names,
    COMPARE_CELL_TITLE,
    CELL_NAME,
  );
  const height = Math.max(lastLegend.bar.y + legendHeight, cell.titleY + cell.height) + pad;
  const textWidth = Math.max(
    px(sansWidth(compareTitle(a, b), FONT.title)),
    px(sansWidth(compareSubtitle(zoomed), FONT.subtitle)),
    ...captions.map((c) => px(sansWidth(c, FONT.subtitle))),
  );
  const legendCaption = px(
    sansWidth('auto range: largest |w| but 10 outliers (up to 0.0000, marked ◥) (A and B together) · ±0.0000', FONT.note),
  );
  const swatchRight = Math.max(0, ...legends.flatMap((l) => l.swatches.map((s) => s.textX + px(sansWidth(s.label, FONT.note)))));
  const width =
    Math.max(cell.x + cell.width, pad + textWidth, lastLegend.bar.x + Math.max(px(LEGEND_WIDTH), legendCaption), swatchRight) + pad;
  return {
    scale,
    width,
    height,
    a,
    b,
    delta,
    sameShape: same,
    zoomed,
    pad,
    subtitleY,
    captionY,
    gutter,
    headerY,
    shapeY,
    sideY,
    ticksY,
    columns,
    bands,
    legends,
    cell,
    font,
  };
}

/** The shape line of a column: one shape when A and B agree, else both. */
export function shapeLine(tensor: TensorName, a: CellSize, b: CellSize): string {
  const shape = (s: CellSize) => shapeText(tensor, s.inputSize, s.hiddenSize);
  return sameSize(a, b) ? shape(b) : `A ${shape(a)} · B ${shape(b)}`;
}

/** The rectangle of cell (row, col) of one side's tensor (row over all 3H rows of that side), or null when not drawn. */
export function compareCell(layout: CompareLayout, side: Side, tensor: TensorName, row: number, col = 0): Rect | null {
  const size = side === 'a' ? layout.a : side === 'b' ? layout.b : layout.delta;
  if (!size) return null;
  const H = size.hiddenSize;
  const image = layout.bands[Math.floor(row / H)]?.images.find((i) => i.side === side && i.tensor === tensor);
  return imageCell(image, row % H, col);
}
