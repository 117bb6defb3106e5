// The teacher's path at a 1280×800 laptop: a lesson opened from the list shows its text beside the
// weights and the live cell, with its band outlined and h′ checked; the hovered cell is said at the
// pointer, inside the window; h = 0 explains why weight_hh does nothing.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

/** The element's box lies wholly inside the viewport (not scrolled away, not under the sticky toolbar). */
async function expectOnScreen(page: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  const toolbar = await page.getByRole('toolbar', { name: 'Paint tools' }).boundingBox();
  const size = page.viewportSize()!;
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.y, `${what} starts below the sticky toolbar`).toBeGreaterThanOrEqual(toolbar!.y + toolbar!.height - 1);
  expect(box!.x, `${what} left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} right edge`).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height, `${what} bottom edge`).toBeLessThanOrEqual(size.height);
}

test('a lesson opened from the list shows its text, its band and h′ together, then steps to the next one', async ({ explorer }) => {
  const page = explorer.page;
  const link = page.getByRole('region', { name: 'Lessons' }).getByRole('link', { name: 'Forum probe: find the update gate' });
  await link.scrollIntoViewIfNeeded(); // the list is far below the heatmaps: opening must bring them back
  await link.click();
  const guide = page.getByRole('region', { name: 'Lesson guide' });
  await expect(guide.getByRole('heading', { name: 'Forum probe: find the update gate' })).toBeVisible();
  await expect(guide).toContainText('Everything is zero except bias_hh[4:8] = 20');
  await expect(guide.getByRole('status')).toHaveText(/✓ h′ is what the lesson says/);
  await expect(guide.locator('.lesson-check')).toHaveAttribute('data-agree', 'true');
  // Its band (bias_hh rows 4:8, the update gate) is outlined.
  const focus = page.locator('.band-cell.lesson-focus');
  await expect(focus).toHaveCount(1);
  await expect(focus.locator('canvas[data-grid]')).toHaveAttribute('data-grid', 'bias_hh');
  await expect(focus.locator('canvas[data-grid]')).toHaveAttribute('data-row-start', '4');
  // Text, the band it is about, the weight_hh update band and h′ are all on screen at once.
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await expectOnScreen(page, guide, 'the lesson text');
  await expectOnScreen(page, focus, 'the lesson band');
  await expectOnScreen(page, page.locator('canvas[data-grid="weight_hh"][data-row-start="4"]'), 'weight_hh[4:8]');
  await expectOnScreen(page, explorer.output('h′ (output)'), 'h′');

  // Emptying the z band breaks the promise (z = 0.5, n = 0: h′ = 0.5·h): the check says so.
  await explorer.apply('Fill band', 0, 'bias_hh', 4);
  await expect.poll(() => explorer.values('h′ (output)')).toEqual([0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1.5, 1.5, 1.5, 1.5, 2, 2, 2, 2]);
  await expect(guide.getByRole('status')).toHaveText(/✗ h′ differs/);
  await expect(guide.locator('.lesson-check')).toHaveAttribute('data-agree', 'false');

  // Next lesson: a link, like every lesson; the guide and the outlined band follow.
  await guide.getByRole('link', { name: 'Next lesson →' }).click();
  await expect(guide.getByRole('heading', { name: 'Forum probe: find the candidate' })).toBeVisible();
  await expect(guide.getByRole('status')).toHaveText(/✓/);
  await expect(focus.locator('canvas[data-grid]')).toHaveAttribute('data-grid', 'bias_ih');
  await expect(focus.locator('canvas[data-grid]')).toHaveAttribute('data-row-start', '8');
  await expect.poll(() => explorer.values('h′ (output)')).toEqual([1, 1, 1, 1]);
  await guide.getByRole('link', { name: '← Previous lesson' }).click();
  await expect(guide.getByRole('heading', { name: 'Forum probe: find the update gate' })).toBeVisible();
  await guide.getByRole('button', { name: 'Close the lesson' }).click();
  await expect(guide).toHaveCount(0);
  await expect(page.locator('.band-cell.lesson-focus')).toHaveCount(0);
});

test('a lesson link opened in a fresh page opens its guide; the same state from autosave does not', async ({ explorer, context }) => {
  const href = await explorer.page.getByRole('link', { name: 'Pass-through (h′ = tanh(x))' }).getAttribute('href');
  const tab = await context.newPage();
  await tab.setViewportSize({ width: 1280, height: 800 });
  await tab.goto(`/${href}`);
  const guide = tab.getByRole('region', { name: 'Lesson guide' });
  await expect(guide.getByRole('heading', { name: 'Pass-through (h′ = tanh(x))' })).toBeVisible();
  await expect(guide.getByRole('status')).toHaveText(/✓/);
  await expectOnScreen(tab, guide, 'the lesson text');
  await tab.goto('/');
  await expect(tab.getByRole('group', { name: 'h′ (output)', exact: true })).toBeVisible();
  await expect(tab.getByRole('region', { name: 'Lesson guide' })).toHaveCount(0);
});

test('the hovered cell is described in a popover at the pointer, inside the window', async ({ explorer }) => {
  const page = explorer.page;
  const popover = page.getByRole('tooltip');
  // A cell near the right edge of the heatmaps and one of the last band, near the bottom of the window.
  for (const [grid, row, col] of [
    ['bias_hh', 6, 0],
    ['weight_hh', 11, 3],
    ['weight_ih', 0, 0],
  ] as const) {
    await explorer.hover(grid, row, col);
    await expect(popover).toContainText(explorer.indexText(grid, row, col));
    await expectOnScreen(page, popover, `the popover over ${grid}[${row}]`);
  }
  await expect(popover).toContainText('W_ir[0, 0]'); // weight_ih row 0 is the reset gate's
  await expect(popover).toContainText('reset gate');
  await page.mouse.move(2, 2);
  await expect(popover).toHaveCount(0);
});

test('with h = 0 a weight_hh cell says it cannot change h′, and the page offers to set h', async ({ explorer }) => {
  const page = explorer.page;
  await explorer.hover('weight_hh', 5, 2);
  await expect(page.getByRole('tooltip')).toContainText('h[2] = 0');
  const before = await explorer.values('h′ (output)');
  await explorer.apply('Brush', 3, 'weight_hh', 5, 2);
  await explorer.expectCellValue('weight_hh', 5, 2, 3);
  expect(await explorer.values('h′ (output)')).toEqual(before);
  const note = page.getByRole('note', { name: 'Why weight_hh changes nothing' });
  await expect(note).toContainText('h = 0');
  await note.getByRole('button', { name: 'Set h = 0.5' }).click();
  await expect(note).toHaveCount(0);
  await explorer.expectExactValues('h (previous state)', [0.5, 0.5, 0.5, 0.5]);
  await expect.poll(() => explorer.values('h′ (output)')).not.toEqual(before);
});

test('one ±20 probe leaves the other cells their colours: the automatic range skips outliers, marks them and says so', async ({
  explorer,
}) => {
  const page = explorer.page;
  const legend = page.getByRole('figure', { name: /Colour legend/ });
  await expect(legend).toHaveAttribute('data-clipped', '0');
  await expect(legend).toContainText('auto range: largest |w|');
  const before = (await legend.getAttribute('aria-label'))!;
  await explorer.apply('Fill band', 20, 'bias_hh', 4);
  await expect(legend).toHaveAttribute('data-clipped', '4');
  await expect(legend).toContainText('4 outliers (up to 20.0000, marked ◥)');
  // The range is still the default cell's largest |w| (about 0.49), not 20.
  await expect(legend).toHaveAttribute('aria-label', before);
  // The clipped cell carries a white mark in its top-right corner; its centre keeps the end colour.
  const mark = await page.locator('canvas[data-grid="bias_hh"][data-row-start="4"]').evaluate((overlay: HTMLCanvasElement) => {
    const image = overlay.parentElement!.querySelector('canvas')!;
    const ctx = image.getContext('2d')!;
    const cell = image.height / 4;
    const corner = ctx.getImageData(image.width - 4, 3, 1, 1).data;
    const centre = ctx.getImageData(image.width >> 1, cell / 2 + 3, 1, 1).data;
    return { corner: Array.from(corner.subarray(0, 3)), centre: Array.from(centre.subarray(0, 3)) };
  });
  expect(Math.min(...mark.corner)).toBeGreaterThan(230);
  expect(mark.centre[0]).toBeGreaterThan(mark.centre[2] + 50); // deep red: the top of the scale
});
