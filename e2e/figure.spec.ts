// The figure carries the probe's result: Save PNG and Save SVG put x, h, r, z, n and h′ beside the weights,
// and Copy puts the same PNG on the clipboard. Expected colours are ColorBrewer's RdBu ends (not read from the app).
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { figureLayout, figureVectorCell, type Rect } from '../app/figure/layout';
import { near, pixelsAt, type RGB } from './png';

test.use({ viewport: { width: 1280, height: 800 } });

const RED: RGB = [103, 0, 31]; // #67001f, the top of RdBu as the app draws it
const nearWhite = (c: RGB) => Math.min(...c) >= 225;

/** Just inside the cell's left edge, clear of the printed number in its middle. */
const edge = (r: Rect) => ({ x: r.x + 6, y: r.y + r.height / 2 });

test('Save PNG and Save SVG of the find-the-candidate probe show h′ = 1 and x = 0 beside the weights', async ({ explorer }) => {
  const page = explorer.page;
  await page.getByRole('link', { name: 'Forum probe: find the candidate' }).click();
  await expect.poll(() => explorer.values('h′ (output)')).toEqual([1, 1, 1, 1]);
  const layout = figureLayout(3, 4);

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save PNG' }).click()]);
  const bytes = readFileSync(await png.path());
  expect({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }).toEqual({ width: layout.width, height: layout.height });
  const url = `data:image/png;base64,${bytes.toString('base64')}`;
  const hNext = Array.from({ length: 4 }, (_, j) => edge(figureVectorCell(layout, 'h′', j)!));
  const x = Array.from({ length: 3 }, (_, j) => edge(figureVectorCell(layout, 'x', j)!));
  const colours = await pixelsAt(page, url, [...hNext, ...x]);
  expect(
    colours.slice(0, 4).every((c) => near(c, RED)),
    `h′ cells: ${JSON.stringify(colours.slice(0, 4))}`,
  ).toBe(true);
  expect(colours.slice(4).every(nearWhite), `x cells: ${JSON.stringify(colours.slice(4))}`).toBe(true);

  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save SVG' }).click()]);
  expect(svg.suggestedFilename()).toBe('gru-explorer-I3-H4.svg');
  const text = readFileSync(await svg.path(), 'utf8');
  expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
  expect(text).toContain(`width="${layout.width}" height="${layout.height}"`);
  expect(text).toContain('>h′</text>');
  expect(text).toContain('>live cell: h′ = (1 − z) ⊙ n + z ⊙ h</text>');
  expect((text.match(/>1\.0000<\/text>/g) ?? []).length).toBeGreaterThanOrEqual(8); // h′ and n are 1 in every unit
  expect(text).toContain('href="data:image/png;base64,');
  // The SVG renders in the browser to the same colours at the same places.
  const rendered = await pixelsAt(page, `data:image/svg+xml;base64,${Buffer.from(text).toString('base64')}`, hNext);
  expect(
    rendered.every((c) => near(c, RED, 8)),
    `SVG h′ cells: ${JSON.stringify(rendered)}`,
  ).toBe(true);
});

test('Copy figure puts the PNG figure on the clipboard', async ({ explorer, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = explorer.page;
  await page.getByRole('button', { name: 'Copy figure' }).click();
  await expect(page.getByRole('group', { name: 'Figure' }).getByRole('status')).toHaveText('Figure copied');
  const size = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const blob = await item.getType('image/png');
    const bitmap = await createImageBitmap(blob);
    return { types: item.types, width: bitmap.width, height: bitmap.height };
  });
  const layout = figureLayout(3, 4);
  expect(size).toEqual({ types: ['image/png'], width: layout.width, height: layout.height });
});
