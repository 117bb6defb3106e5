// Links, autosave, lessons and embed mode, in a real browser.
import type { Page } from '@playwright/test';
import { decodeState, getGrid, type GridName, type SharedState } from '../src';
import { expect, test } from './fixtures';

const linkBox = (page: Page) => page.getByRole('textbox', { name: 'Link', exact: true });

/** The state a link carries, read with the link codec (null when it has none or it does not decode). */
function linkState(url: string): SharedState | null {
  const encoded = new URLSearchParams(url.split('#')[1] ?? '').get('s');
  const result = encoded ? decodeState(encoded) : null;
  return result?.ok ? result.state : null;
}

/**
 * Waits until the share panel's link matches the address bar (both follow edits after a pause) and carries the
 * last edit the test made: `grid[index] === value` in the linked state.
 */
async function currentLink(page: Page, grid: GridName, index: number, value: number): Promise<string> {
  await expect
    .poll(async () => {
      const url = page.url();
      const state = linkState(url);
      return (await linkBox(page).inputValue()) === url && state !== null && getGrid(state.model, grid)[index] === value;
    })
    .toBe(true);
  return page.url();
}

test('paint → link → a fresh browser shows identical tensors and h′', async ({ explorer, browser }) => {
  await explorer.setExact('weight_hh', 5, 2, '0.123456789');
  await explorer.apply('Fill band', 20, 'bias_hh', 4);
  await explorer.apply('Brush', -1.5, 'weight_ih', 9, 1);
  const hNext = await explorer.values('h′ (output)');
  const link = await currentLink(explorer.page, 'weight_ih', 9 * 3 + 1, -1.5);

  const fresh = await browser.newContext();
  const page = await fresh.newPage();
  await page.goto(link);
  const values = async () =>
    (await page.getByRole('group', { name: 'h′ (output)', exact: true }).getAttribute('data-values'))!.split(' ').map(Number);
  await expect.poll(values).toEqual(hNext); // float32 bit-for-bit: same decimal text
  await fresh.close();
});

test('a broken link shows a clear message and keeps the last good state', async ({ explorer }) => {
  await explorer.apply('Brush', 3, 'weight_hh', 1, 1);
  const before = await explorer.values('h′ (output)');
  await explorer.page.evaluate(() => (window.location.hash = '#s=AAAA-not-a-state'));
  await expect(explorer.page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText('The previous state was kept');
  expect(await explorer.values('h′ (output)')).toEqual(before);
  await explorer.expectCellValue('weight_hh', 1, 1, 3);
});

test('a reload restores the autosaved state', async ({ explorer }) => {
  await explorer.apply('Brush', 7, 'bias_ih', 2);
  const hNext = await explorer.values('h′ (output)');
  await currentLink(explorer.page, 'bias_ih', 2, 7);
  await explorer.page.goto('/');
  await explorer.waitForCanvases();
  expect(await explorer.values('h′ (output)')).toEqual(hNext);
  await explorer.expectCellValue('bias_ih', 2, 0, 7);
});

test('opening a link in a new tab keeps earlier work restorable', async ({ explorer, context }) => {
  await explorer.apply('Brush', 9, 'bias_hh', 0);
  const mine = await explorer.values('h′ (output)');
  await currentLink(explorer.page, 'bias_hh', 0, 9);
  const href = await explorer.page.getByRole('link', { name: 'Forum probe: find the update gate' }).getAttribute('href');
  const tab = await context.newPage();
  await tab.goto(`/${href}`);
  await tab.getByRole('button', { name: 'Restore earlier work' }).click();
  await expect
    .poll(async () =>
      (await tab.getByRole('group', { name: 'h′ (output)', exact: true }).getAttribute('data-values'))!.split(' ').map(Number),
    )
    .toEqual(mine);
});

test('each forum lesson loads and shows the h′ PyTorch prints', async ({ explorer }) => {
  const expected: Record<string, number[]> = {
    'Forum probe: find the update gate': [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4],
    'Forum probe: find the candidate': [1, 1, 1, 1],
    'Forum probe: find the reset gate': [0, 0, 0, 0],
    'Pass-through (h′ = tanh(x))': [0.7616, 0, -0.7616, 0.964],
  };
  for (const [title, hNext] of Object.entries(expected)) {
    await explorer.page.getByRole('link', { name: title }).click();
    await expect.poll(() => explorer.values('h′ (output)')).toHaveLength(hNext.length);
    (await explorer.values('h′ (output)')).forEach((v, i) => expect(v).toBeCloseTo(hNext[i], 4));
  }
  // Back returns to the previous lesson's state.
  await explorer.page.goBack();
  await expect.poll(() => explorer.values('h′ (output)')).toEqual([0, 0, 0, 0]);
});

test('embed mode hides the editing chrome; read-only ignores painting', async ({ explorer }) => {
  const page = explorer.page;
  await explorer.apply('Brush', 2, 'bias_ih', 1);
  const link = await currentLink(page, 'bias_ih', 1, 2);
  await page.goto(`${link}&embed=1`);
  await page.reload();
  await explorer.waitForState();
  await expect(page.getByRole('link', { name: /open in the full explorer/ })).toBeVisible();
  // The way out is the full explorer: the same state, without embed (or read-only) mode, whatever their order.
  const full = async () => new URL((await page.getByRole('link', { name: /open in the full explorer/ }).getAttribute('href'))!);
  expect((await full()).hash).toBe(new URL(link).hash);
  await expect(page.getByRole('form', { name: 'Initialize' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Share' })).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Paint tools' })).toBeVisible();

  await page.goto(link.replace('#s=', '#readonly=1&embed=1&s='));
  await page.reload();
  await explorer.waitForState();
  expect((await full()).hash).toBe(new URL(link).hash);
  await expect(page.getByRole('toolbar', { name: 'Paint tools' })).toHaveCount(0);
  const before = await explorer.values('h′ (output)');
  await explorer.paint('bias_hh', 5);
  expect(await explorer.values('h′ (output)')).toEqual(before);
});
