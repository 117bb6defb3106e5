// Save PNG: the download is a real PNG of the size the figure layout gives, and every cell of the
// figure has the palette colour of the value at that tensor position. The expected colours are
// ColorBrewer's RdBu ends (not read from the app), and the browser decodes the file through an <img>.
import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { expect, test, type ExplorerPage, type GridName } from './fixtures';
import { figureCell, figureLayout, type FigureLayout, type Rect } from '../app/figure/layout';
import { near, pixelsAt, type RGB } from './png';

type Tensor = Exclude<GridName, 'x' | 'h'>;

// RdBu as the app draws it (reversed: negative blue, positive red), at ±range and at 0.
const RED: RGB = [103, 0, 31]; // #67001f
const BLUE: RGB = [5, 48, 97]; // #053061
// The light theme's gate colours (styles.css --r, --z, --n).
const GATE_BAR: Record<string, RGB> = { r: [0x8e, 0x44, 0xad], z: [0x17, 0x73, 0x5d], n: [0xa9, 0x52, 0x1f] };

async function savePng(explorer: ExplorerPage): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([
    explorer.page.waitForEvent('download'),
    explorer.page.getByRole('button', { name: 'Save PNG' }).click(),
  ]);
  const bytes = readFileSync(await download.path());
  await download.saveAs(test.info().outputPath(download.suggestedFilename()));
  return { download, bytes };
}

function expectPng(bytes: Buffer, layout: FigureLayout) {
  expect([...bytes.subarray(0, 8)], 'PNG signature').toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }, 'figure size').toEqual({
    width: layout.width,
    height: layout.height,
  });
  expect(bytes.length).toBeGreaterThan(2_000);
  expect(bytes.length).toBeLessThan(8_000_000);
}

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const nearWhite = (c: RGB) => Math.min(...c) >= 225 && Math.max(...c) - Math.min(...c) <= 12;

/** Every listed cell must be red (+), blue (−) or near-white (0) in the figure. */
async function expectCells(
  explorer: ExplorerPage,
  bytes: Buffer,
  layout: FigureLayout,
  cells: { tensor: Tensor; row: number; col: number; sign: -1 | 0 | 1 }[],
) {
  const rects = cells.map((c) => {
    const rect = figureCell(layout, c.tensor, c.row, c.col);
    if (!rect) throw new Error(`${c.tensor}[${c.row}, ${c.col}] is not in the figure`);
    return rect;
  });
  const colours = await pixelsAt(explorer.page, bytes, rects.map(centre));
  const wrong = cells
    .map((c, i) => ({ ...c, colour: colours[i] }))
    .filter(({ sign, colour }) => !(sign > 0 ? near(colour, RED) : sign < 0 ? near(colour, BLUE) : nearWhite(colour)))
    .map(
      ({ tensor, row, col, sign, colour }) =>
        `${tensor}[${row}, ${col}] expected ${sign > 0 ? 'red' : sign < 0 ? 'blue' : 'white'}, got rgb(${colour.join(', ')})`,
    );
  expect(wrong).toEqual([]);
}

test('Save PNG downloads the four tensors by gate, every cell in its palette colour (I = 3, H = 4)', async ({ explorer }) => {
  const I = 3;
  const H = 4;
  await explorer.zeroAll();
  // One ±5 per tensor and gate spread over rows and columns, so a swapped band, row or column shows.
  const painted: { tensor: Tensor; row: number; col: number; value: number }[] = [
    { tensor: 'weight_ih', row: 0, col: 0, value: 5 }, // r, unit 0, x0
    { tensor: 'weight_ih', row: 9, col: 2, value: -5 }, // n, unit 1, x2
    { tensor: 'weight_hh', row: 5, col: 3, value: 5 }, // z, unit 1, h3
    { tensor: 'weight_hh', row: 10, col: 0, value: -5 }, // n, unit 2, h0
    { tensor: 'bias_ih', row: 6, col: 0, value: 5 }, // z, unit 2
    { tensor: 'bias_hh', row: 3, col: 0, value: -5 }, // r, unit 3
  ];
  for (const p of painted) await explorer.setExact(p.tensor, p.row, p.col, p.value);
  await explorer.expectCellValue('bias_hh', 3, 0, -5);

  const { download, bytes } = await savePng(explorer);
  expect(download.suggestedFilename()).toBe('gru-explorer-I3-H4.png');
  const layout = figureLayout(I, H);
  expectPng(bytes, layout);

  // All 108 cells: the six painted ones red or blue, every other one near-white.
  const cells = (['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'] as const).flatMap((tensor) => {
    const cols = tensor === 'weight_ih' ? I : tensor === 'weight_hh' ? H : 1;
    return Array.from({ length: 3 * H * cols }, (_, k) => {
      const row = Math.floor(k / cols);
      const col = k % cols;
      const p = painted.find((q) => q.tensor === tensor && q.row === row && q.col === col);
      return { tensor, row, col, sign: (p ? Math.sign(p.value) : 0) as -1 | 0 | 1 };
    });
  });
  await expectCells(explorer, bytes, layout, cells);

  // The bands stack r, z, n from the top, the tensors run left to right in PyTorch's order, and each band
  // image has its gate's colour bar on its left.
  expect(layout.bands.map((b) => b.gate)).toEqual(['r', 'z', 'n']);
  expect(layout.bands.map((b) => b.y)).toEqual(layout.bands.map((b) => b.y).sort((a, b) => a - b));
  expect(layout.columns.map((c) => c.tensor)).toEqual(['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']);
  expect(layout.columns.map((c) => c.x)).toEqual(layout.columns.map((c) => c.x).sort((a, b) => a - b));
  const bars = layout.bands.flatMap((band) =>
    band.images.map((image) => ({ gate: band.gate, x: image.x - 4 * layout.scale + 1, y: image.y + image.height / 2 })),
  );
  const barColours = await pixelsAt(explorer.page, bytes, bars);
  expect(bars.filter((b, i) => !near(barColours[i], GATE_BAR[b.gate], 2)).map((b) => b.gate)).toEqual([]);
  // Cells are whole device-pixel blocks, one colour edge to edge (no smoothing): the 2× figure of a 32 px cell is 64 px.
  const cell = figureCell(layout, 'weight_hh', 5, 3)!;
  expect(cell).toMatchObject({ width: 64, height: 64 });
  const inset = 3;
  const corners = await pixelsAt(explorer.page, bytes, [
    { x: cell.x + inset, y: cell.y + inset },
    { x: cell.x + cell.width - 1 - inset, y: cell.y + inset },
    { x: cell.x + inset, y: cell.y + cell.height - 1 - inset },
    { x: cell.x + cell.width - 1 - inset, y: cell.y + cell.height - 1 - inset },
  ]);
  for (const c of corners) expect(c).toEqual(RED);
});

test('Save PNG at H = 256 keeps the zoom: only the rows and columns on screen, painted cells in place', async ({ explorer }) => {
  const page = explorer.page;
  await explorer.resize(3, 256, 1);
  await explorer.zeroAll();
  const zoom = page.getByRole('group', { name: 'Zoom' });
  await zoom.getByRole('button', { name: 'Zoom in' }).click();
  await zoom.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoom.getByLabel('Zoom level')).toHaveText('×4');
  // ×4 about the centre: units 96–159 of each band, weight_hh columns 96–159 (the zoom spec checks the screen).
  await explorer.setExact('weight_hh', 256 + 100, 120, 3); // z, unit 100, h120
  await explorer.setExact('weight_ih', 512 + 150, 1, -3); // n, unit 150, x1
  await explorer.setExact('bias_hh', 97, 0, 3); // r, unit 97

  const { download, bytes } = await savePng(explorer);
  expect(download.suggestedFilename()).toBe('gru-explorer-I3-H256.png');
  const layout = figureLayout(3, 256, { k: 4, cx: 0.5, cy: 0.5 });
  expect(layout.units).toEqual([96, 160]);
  expectPng(bytes, layout);
  expect(figureCell(layout, 'weight_hh', 256 + 10, 120), 'unit 10 is zoomed out of view').toBeNull();
  expect(figureCell(layout, 'weight_hh', 256 + 100, 10), 'column 10 is zoomed out of view').toBeNull();

  const around = (tensor: Tensor, row: number, col: number, sign: -1 | 1, cols: number) => [
    { tensor, row, col, sign },
    ...[
      [row - 1, col],
      [row + 1, col],
      [row, col - 1],
      [row, col + 1],
      [(row + 256) % 768, col], // same unit in the next gate band
    ]
      .filter(([, c]) => c >= 0 && c < cols)
      .map(([r, c]) => ({ tensor, row: r, col: c, sign: 0 as const })),
  ];
  await expectCells(explorer, bytes, layout, [
    ...around('weight_hh', 356, 120, 1, 256),
    ...around('weight_ih', 662, 1, -1, 3),
    ...around('bias_hh', 97, 0, 1, 1),
    // The view's corners.
    { tensor: 'weight_hh', row: 96, col: 96, sign: 0 },
    { tensor: 'weight_hh', row: 512 + 159, col: 159, sign: 0 },
  ]);
});
