// The cells a brush stroke crosses between two pointer samples, so a fast drag paints a continuous line.

export interface GridCell {
  row: number;
  col: number;
}

/** Cells on the straight line from `a` to `b` (Bresenham's line algorithm), excluding `a`, ending with `b`. */
export function lineCells(a: GridCell, b: GridCell): GridCell[] {
  const cells: GridCell[] = [];
  const dr = Math.abs(b.row - a.row);
  const dc = Math.abs(b.col - a.col);
  const sr = b.row > a.row ? 1 : -1;
  const sc = b.col > a.col ? 1 : -1;
  let err = dc - dr;
  let { row, col } = a;
  while (row !== b.row || col !== b.col) {
    const e2 = 2 * err;
    if (e2 > -dr) {
      err -= dr;
      col += sc;
    }
    if (e2 < dc) {
      err += dc;
      row += sr;
    }
    cells.push({ row, col });
  }
  return cells;
}
