// Zoom and pan at large H: the shared view keeps bands aligned, and pointing, painting and the column
// axis all refer to the cells actually under the pointer.
import { expect, test } from './fixtures';

const view = async (explorer: { page: import('@playwright/test').Page }, grid: string, rowStart: number) =>
  ((await explorer.page.locator(`canvas[data-grid="${grid}"][data-row-start="${rowStart}"]`).getAttribute('data-view')) ?? '')
    .split(' ')
    .map(Number);

test('zooming in at H = 256 shows fewer rows, and a painted cell lands where the pointer is', async ({ explorer }) => {
  const page = explorer.page;
  await explorer.resize(3, 256, 1);
  const zoom = page.getByRole('group', { name: 'Zoom' });
  await zoom.getByRole('button', { name: 'Zoom in' }).click();
  await zoom.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoom.getByLabel('Zoom level')).toHaveText('×4');
  // Every band of every tensor shows the same 64 of its 256 rows (centred); weight_ih keeps its 3 columns.
  expect(await view(explorer, 'weight_hh', 256)).toEqual([96, 160, 96, 160]);
  expect(await view(explorer, 'weight_ih', 512)).toEqual([96, 160, 0, 3]);
  expect(await view(explorer, 'bias_hh', 0)).toEqual([96, 160, 0, 1]);
  await expect(page.getByText('showing units 96–159').first()).toBeVisible();

  // The cell under the pointer is the one painted: weight_hh[256 + 100, 120] (z band, unit 100).
  await explorer.apply('Brush', 7, 'weight_hh', 356, 120);
  await explorer.expectCellValue('weight_hh', 356, 120, 7);
  await expect(page.getByRole('status', { name: 'Hovered cell' })).toContainText('unit 100');

  // Fit shows every row again; the painted value is still there, and nothing else in its row changed.
  await zoom.getByRole('button', { name: 'Fit' }).click();
  expect(await view(explorer, 'weight_hh', 256)).toEqual([0, 256, 0, 256]);
  await explorer.expectCellValue('weight_hh', 356, 120, 7);
});

test('the Pan tool drags the view and Ctrl + wheel zooms about the pointer', async ({ explorer }) => {
  const page = explorer.page;
  await explorer.resize(3, 256, 1);
  await page.getByRole('group', { name: 'Zoom' }).getByRole('button', { name: 'Zoom in' }).click(); // ×2: rows 64–192
  expect(await view(explorer, 'weight_hh', 0)).toEqual([64, 192, 64, 192]);

  await explorer.setTool('Pan');
  const band = page.locator('canvas[data-grid="weight_hh"][data-row-start="0"]');
  const box = (await band.boundingBox())!;
  // Drag up by a quarter of the view: the grid follows the pointer, so rows 32 further down come into view.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 4, { steps: 4 });
  await page.mouse.up();
  const panned = await view(explorer, 'weight_hh', 0);
  expect(panned[0]).toBeCloseTo(96, 6);
  expect(panned[1]).toBeCloseTo(224, 6);

  // Ctrl + wheel over a cell: the row under the pointer stays under it.
  const fy = 0.25;
  const rowUnder = panned[0] + fy * (panned[1] - panned[0]);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * fy);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await view(explorer, 'weight_hh', 0))[1] - (await view(explorer, 'weight_hh', 0))[0]).toBeLessThan(128);
  const zoomed = await view(explorer, 'weight_hh', 0);
  expect(zoomed[0] + fy * (zoomed[1] - zoomed[0])).toBeCloseTo(rowUnder, 3);
});

test('the keyboard cursor stays on screen: stepping past the zoomed view moves the view', async ({ explorer }) => {
  const page = explorer.page;
  await explorer.resize(3, 256, 1);
  const zoom = page.getByRole('group', { name: 'Zoom' });
  await zoom.getByRole('button', { name: 'Zoom in' }).click();
  await zoom.getByRole('button', { name: 'Zoom in' }).click(); // rows 96–159 of each band
  await explorer.setTool('Select');
  await explorer.paint('weight_hh', 256 + 159, 100); // the last row on screen in the z band
  await page.keyboard.press('ArrowDown');
  await expect(explorer.details).toContainText('weight_hh[416, 100]');
  const [r0, r1] = await view(explorer, 'weight_hh', 256);
  expect(r0).toBeLessThanOrEqual(160);
  expect(r1).toBeGreaterThan(160);
  expect(r1 - r0).toBe(64); // still ×4
});
