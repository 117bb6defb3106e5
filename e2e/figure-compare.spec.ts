// The figure of A and B: with an A pinned in the compare panel, Save PNG and Save SVG draw every tensor as A, B and
// B − A. One painted cell is the only coloured cell of B − A (every other one the compare view's "equal" grey) and
// the only cell where A and B differ; A and B of other sizes are drawn without B − A unless the panel compares
// their common part. Expected colours are ColorBrewer's RdBu end and the "equal" grey (not read from the app).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, type ExplorerPage } from './fixtures';
import { compareCell, compareFigureLayout, type CellSize, type Side } from '../app/figure/compareLayout';
import { figureLayout, type Rect } from '../app/figure/layout';
import { formatValue } from '../app/format';
import { near, pixelsAt, pngSize, type RGB } from './png';

test.use({ viewport: { width: 1280, height: 800 } });

const RED: RGB = [103, 0, 31]; // #67001f: the + end of RdBu, where the one Δ (= max |Δ|) lands
const EQUAL: RGB = [236, 236, 236]; // the compare view's "equal" grey
const TENSORS = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'] as const;

async function download(page: Page, button: 'Save PNG' | 'Save SVG') {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await d.path();
  await d.saveAs(test.info().outputPath(d.suggestedFilename()));
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const count = (text: string, s: string) => text.split(s).length - 1;

async function pinAndPaint(explorer: ExplorerPage) {
  const panel = explorer.page.getByRole('region', { name: 'Compare A and B' });
  await panel.getByRole('button', { name: 'Pin as A' }).click();
  await expect(panel.locator('.compare-cause')).toHaveAttribute('data-cause', 'identical');
  await explorer.apply('Brush', 0.75, 'weight_hh', 5, 2); // z band, unit 1, column h2
  await expect(panel.locator('.compare-cause')).toHaveText('B differs from A only in weight_hh z (update)');
  return Number(await panel.locator('td[data-delta]').first().getAttribute('data-delta'));
}

test('with A pinned and one cell painted, the PNG shows that cell alone in B − A and as the only difference of A and B; the SVG names A, B and the cause', async ({
  explorer,
}) => {
  const page = explorer.page;
  const delta = await pinAndPaint(explorer);
  expect(delta).toBeGreaterThan(0); // 0.75 over a default weight in ±0.5

  const png = await download(page, 'Save PNG');
  expect(png.name).toBe('gru-explorer-compare-I3-H4.png');
  const size: CellSize = { inputSize: 3, hiddenSize: 4 };
  // Two caption lines, as drawn; at I = 3, H = 4 the columns, not the captions, set the width.
  const layout = compareFigureLayout({ a: size, b: size, delta: size, captions: ['A', 'B'] });
  expect(pngSize(png.bytes)).toEqual({ width: layout.width, height: layout.height });

  // Every cell of every tensor on each side: 3 × 108 points, read in one decode.
  const cells = TENSORS.flatMap((tensor) => {
    const cols = tensor === 'weight_ih' ? 3 : tensor === 'weight_hh' ? 4 : 1;
    return Array.from({ length: 12 * cols }, (_, k) => ({ tensor, row: Math.floor(k / cols), col: k % cols }));
  });
  const at = (side: Side) =>
    cells.map((c) => {
      const rect = compareCell(layout, side, c.tensor, c.row, c.col);
      if (!rect) throw new Error(`${side} ${c.tensor}[${c.row}, ${c.col}] is not in the figure`);
      return centre(rect);
    });
  const colours = await pixelsAt(page, png.bytes, [...at('a'), ...at('b'), ...at('delta')]);
  const [a, b, d] = [0, 1, 2].map((k) => colours.slice(k * cells.length, (k + 1) * cells.length));
  const name = (i: number) => `${cells[i].tensor}[${cells[i].row}, ${cells[i].col}]`;
  const painted = cells.findIndex((c) => c.tensor === 'weight_hh' && c.row === 5 && c.col === 2);

  const coloured = d.map((c, i) => (c.every((v, k) => v === EQUAL[k]) ? null : name(i))).filter(Boolean);
  expect(coloured, 'cells of B − A not drawn "equal"').toEqual([name(painted)]);
  expect(near(d[painted], RED), `the painted cell's Δ: rgb(${d[painted].join(', ')})`).toBe(true);
  const apart = a.map((c, i) => (c.every((v, k) => v === b[i][k]) ? null : name(i))).filter(Boolean);
  expect(apart, 'cells where A and B are drawn apart').toEqual([name(painted)]);

  const svg = await download(page, 'Save SVG');
  expect(svg.name).toBe('gru-explorer-compare-I3-H4.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toContain(`width="${layout.width}" height="${layout.height}"`);
  expect(text).toContain('>GRU Explorer — A and B, I = 3, H = 4</text>');
  expect(text).toMatch(/>A: pinned at \d\d:\d\d · B: the cell on screen<\/text>/);
  expect(text).toContain(`>B differs from A only in weight_hh z (update) · 1 of 108 cells differ · max |Δ| ${formatValue(delta)}</text>`);
  expect([count(text, '>A</text>'), count(text, '>B</text>'), count(text, '>B − A</text>')]).toEqual([4, 4, 4]);
  // Under B − A, per band: max |Δ| where the band moved (weight_hh z alone), "all equal" in the other eleven.
  expect([count(text, '>max |Δ|</text>'), count(text, '>all equal</text>')]).toEqual([1, 11]);
  for (const label of [
    'colour = value',
    'one scale for A and B',
    'colour = B − A',
    'its own scale, centred on 0',
    'equal',
    'differs below 1e-6',
    'not finite',
    'h′ A',
    'Δh′',
  ]) {
    expect(text, label).toContain(`>${label}</text>`);
  }
  // The SVG draws the same cells: the painted Δ red, its neighbour "equal".
  const svgUrl = `data:image/svg+xml;base64,${svg.bytes.toString('base64')}`;
  const [red, grey] = await pixelsAt(page, svgUrl, [
    centre(compareCell(layout, 'delta', 'weight_hh', 5, 2)!),
    centre(compareCell(layout, 'delta', 'weight_hh', 5, 3)!),
  ]);
  expect(near(red, RED, 8) && near(grey, EQUAL, 8), `SVG Δ cells: ${JSON.stringify([red, grey])}`).toBe(true);

  // With A cleared the figure is B's alone again, as before.
  await page.getByRole('region', { name: 'Compare A and B' }).getByRole('button', { name: 'Clear A' }).click();
  await expect(page.getByRole('region', { name: 'Compare A and B' }).getByRole('button', { name: 'Pin as A' })).toBeVisible();
  const single = await download(page, 'Save PNG');
  expect(single.name).toBe('gru-explorer-I3-H4.png');
  const plain = figureLayout(3, 4);
  expect(pngSize(single.bytes)).toEqual({ width: plain.width, height: plain.height });
  expect(explorer.errors).toEqual([]);
});

test('A and B of other sizes: each drawn at its own size and B − A left out, until the panel compares their common part', async ({
  explorer,
}) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Compare A and B' });
  await panel.getByRole('button', { name: 'Pin as A' }).click();
  await expect(panel.locator('.compare-cause')).toHaveAttribute('data-cause', 'identical');
  await explorer.resize(3, 8, 1);
  await expect(panel.locator('.compare-shape')).toContainText('A is I = 3, H = 4; B is I = 3, H = 8.');

  const apart = (await download(page, 'Save SVG')).bytes.toString('utf8');
  expect(apart).toContain('>GRU Explorer — A (I = 3, H = 4) and B (I = 3, H = 8)</text>');
  expect(apart).toContain(
    '>A is I = 3, H = 4; B is I = 3, H = 8: B − A is not drawn (the compare panel can compare their common part)</text>',
  );
  expect([count(apart, '>A</text>'), count(apart, '>B</text>'), count(apart, '>B − A</text>')]).toEqual([4, 4, 0]);
  expect(apart).toContain('>A (12×4) · B (24×8)</text>'); // weight_hh's shapes
  expect(apart).not.toContain('>colour = B − A</text>');

  await panel.getByRole('checkbox', { name: /compare the common part/ }).check();
  await expect(panel.locator('.compare-cause')).toBeVisible();
  const common = (await download(page, 'Save SVG')).bytes.toString('utf8');
  expect(common).toContain('>A is I = 3, H = 4; B is I = 3, H = 8. B − A on the common part only: the first 4 units and 3 inputs</text>');
  expect(count(common, '>B − A</text>')).toBe(4);
  expect(common).toContain('>colour = B − A</text>');
  const size = (inputSize: number, hiddenSize: number) => ({ inputSize, hiddenSize });
  const layout = compareFigureLayout({ a: size(3, 4), b: size(3, 8), delta: size(3, 4), captions: ['A', 'B', 'C'] });
  expect(common).toContain(`height="${layout.height}"`);
  expect(explorer.errors).toEqual([]);
});
