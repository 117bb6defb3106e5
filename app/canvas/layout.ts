// Pixel sizes of the heatmaps: every tensor shares one row height so gate bands line up.
export interface HeatmapLayout {
  /** CSS px per row (may be < 1 for large H: rows are then sampled by the canvas). */
  rowHeight: number;
  bandHeight: number;
  ihWidth: number;
  hhWidth: number;
  biasWidth: number;
  /** CSS px per cell of the x and h strips. */
  inputCell: number;
}

const MAX_CELL = 32;

export function heatmapLayout(inputSize: number, hiddenSize: number): HeatmapLayout {
  const rowHeight = Math.min(MAX_CELL, 660 / (3 * hiddenSize));
  const square = (cols: number, maxWidth: number) => Math.max(Math.min(cols * rowHeight, maxWidth), Math.min(cols * MAX_CELL, 120));
  return {
    rowHeight,
    bandHeight: rowHeight * hiddenSize,
    ihWidth: Math.max(square(inputSize, 300), 28),
    hhWidth: Math.max(square(hiddenSize, 420), 28),
    biasWidth: 28,
    inputCell: Math.min(MAX_CELL, 340 / Math.max(inputSize, hiddenSize)),
  };
}
