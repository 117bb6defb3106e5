// Saved work is never lost: a full localStorage, a large autosave from an earlier version, links opened in other
// tabs and two tabs editing at once. Tests wait on the page's signals: <html data-state-load="done"> once a link
// or saved work is applied, data-saves counting finished autosaves and data-saved naming where the last one went.
import type { Page } from '@playwright/test';
import { DEFAULT_VIEW, encodeState, type SharedState } from '../src';
import { ExplorerPage, expect, test } from './fixtures';

/** Fills localStorage to the last character (junk keys), as other pages of a site or an old autosave can. */
async function fillLocalStorage(page: Page) {
  const keys = await page.evaluate(() => {
    let size = 1 << 22;
    let i = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`filler-${i}`, 'x'.repeat(size));
        i++;
      } catch {
        size >>= 1;
      }
    }
    return i;
  });
  expect(keys).toBeGreaterThan(0);
}

const saves = async (page: Page) => Number((await page.locator('html').getAttribute('data-saves')) ?? 0);

/** Waits for the next autosave after `before` and returns where it went. */
async function nextSave(page: Page, before: number): Promise<string | null> {
  await expect.poll(() => saves(page)).toBeGreaterThan(before);
  return page.locator('html').getAttribute('data-saved');
}

async function lessonHref(page: Page, title: string): Promise<string> {
  return `/${await page.getByRole('link', { name: title }).getAttribute('href')}`;
}

async function openTab(page: Page, url: string): Promise<ExplorerPage> {
  const explorer = new ExplorerPage(page);
  await page.goto(url);
  await explorer.waitForCanvases();
  return explorer;
}

function earlierWork(page: Page) {
  return page.getByRole('list', { name: 'Earlier work' });
}

async function openEarlierWork(page: Page) {
  const menu = earlierWork(page);
  if (!(await menu.isVisible())) await page.getByText(/^Earlier work \(\d+\)$/).click();
  await expect(menu).toBeVisible();
  return menu;
}

/** A raw (recipe-less) nn.GRUCell(128, 384): ~3.2 M characters of link text, as an import makes. */
function largeRawState(): string {
  const I = 128;
  const H = 384;
  let seed = 7;
  const noise = (n: number) => Float32Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1);
  const state: SharedState = {
    model: {
      weights: {
        inputSize: I,
        hiddenSize: H,
        weightIh: noise(3 * H * I),
        weightHh: noise(3 * H * H),
        biasIh: noise(3 * H),
        biasHh: noise(3 * H),
      },
      batch: 1,
      x: noise(I),
      h: noise(H),
    },
    recipe: null,
    view: DEFAULT_VIEW,
  };
  return encodeState(state);
}

test('a full localStorage holding a 3 M-character autosave: a link still opens, edits go to IndexedDB, nothing is lost', async ({
  explorer: first,
  context,
}) => {
  const href = await lessonHref(first.page, 'Forum probe: find the update gate');
  const big = largeRawState();
  expect(big.length).toBeGreaterThan(2_600_000);
  // What an earlier version left: its single autosave key, then every other character taken.
  await first.page.evaluate((text) => {
    localStorage.clear();
    localStorage.setItem('gru-explorer:autosave', text);
  }, big);
  await fillLocalStorage(first.page);

  const explorer = await openTab(await context.newPage(), href);
  const page = explorer.page;
  await expect.poll(() => explorer.values('h′ (output)')).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
  await expect(page.getByText('You opened a link. Your earlier work was kept')).toBeVisible();

  // The old autosave moved to IndexedDB, which freed its room: take it again. An edit of the link's state is
  // then saved in IndexedDB.
  await fillLocalStorage(page);
  const before = await saves(page);
  await explorer.apply('Brush', 6, 'bias_ih', 2);
  expect(await nextSave(page, before)).toBe('IndexedDB');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A reload brings back the edit, and the old 384-hidden autosave is still restorable.
  await page.goto('/');
  await explorer.waitForCanvases();
  await explorer.expectCellValue('bias_ih', 2, 0, 6);
  const menu = await openEarlierWork(page);
  await menu
    .getByRole('listitem')
    .filter({ hasText: 'saved by an earlier version' })
    .getByRole('button', { name: /^Restore/ })
    .click();
  await explorer.waitForState();
  await expect(explorer.canvases('weight_hh').first()).toHaveAttribute('data-rows', '384');
  await expect(explorer.canvases('weight_ih').first()).toHaveAttribute('data-cols', '128');
  expect(explorer.errors).toEqual([]);
});

test('when neither storage will take a state, the message says what the browser refused', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
  const explorer = await openTab(page, '/');
  await fillLocalStorage(page);
  await explorer.apply('Brush', 2, 'bias_hh', 1);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Autosave failed: localStorage refused it (QuotaExceededError');
  await expect(alert).toContainText('IndexedDB refused it');
  await expect(alert).not.toContainText('too large');
  await expect(page.locator('html')).toHaveAttribute('data-saved', 'failed');
  expect(explorer.errors).toEqual([]);
});

test('work → link X in a new tab → one edit → link Y in a new tab: the first work is still restorable', async ({ explorer, context }) => {
  const page = explorer.page;
  const x = await lessonHref(page, 'Forum probe: find the update gate');
  const y = await lessonHref(page, 'Forum probe: find the candidate');
  await explorer.apply('Brush', 9, 'bias_hh', 0);
  expect(await nextSave(page, 0)).toBe('localStorage');
  const mine = await explorer.values('h′ (output)');

  const tabX = await openTab(await context.newPage(), x);
  await tabX.apply('Brush', 5, 'bias_ih', 1);
  await nextSave(tabX.page, 0);

  const tabY = await openTab(await context.newPage(), y);
  const menu = await openEarlierWork(tabY.page);
  await expect(menu.getByRole('listitem')).toHaveCount(2); // the first work and X's edit, each kept
  await menu
    .getByRole('listitem')
    .filter({ hasNotText: 'began as a link' })
    .getByRole('button', { name: /^Restore/ })
    .click();
  await expect.poll(() => tabY.values('h′ (output)')).toEqual(mine);
  await tabY.expectCellValue('bias_hh', 0, 0, 9);
  for (const tab of [tabX, tabY]) expect(tab.errors).toEqual([]);
});

test('two tabs editing the same work: each says so, and neither overwrites the other', async ({ explorer, context }) => {
  const one = explorer;
  const original = { biasIh: await one.cellValue('bias_ih', 2), weightHh: await one.cellValue('weight_hh', 3, 1) };
  await one.apply('Brush', 9, 'bias_hh', 0);
  await nextSave(one.page, 0);

  // A second tab opens on the same saved work and edits it.
  const two = await openTab(await context.newPage(), '/');
  await two.expectCellValue('bias_hh', 0, 0, 9);
  await two.apply('Brush', 4, 'bias_ih', 2);
  await nextSave(two.page, 0);

  // The first tab hears of it and saves its own next edit separately.
  await expect(one.page.getByRole('status').filter({ hasText: 'Another tab saved changes to the work open here' })).toBeVisible();
  const before = await saves(one.page);
  await one.apply('Brush', -2, 'weight_hh', 3, 1);
  await nextSave(one.page, before);

  // Each tab can bring back the other's work, and each still has its own.
  await expect(two.page.getByRole('status').filter({ hasText: 'Another tab saved its work' })).toBeVisible();
  const menuTwo = await openEarlierWork(two.page);
  await menuTwo
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: /^Restore/ })
    .click();
  await two.waitForState();
  await two.expectCellValue('weight_hh', 3, 1, -2);
  await two.expectCellValue('bias_hh', 0, 0, 9);
  await two.expectCellValue('bias_ih', 2, 0, original.biasIh);

  const menuOne = await openEarlierWork(one.page);
  await expect(menuOne.getByRole('listitem')).toHaveCount(1);
  await menuOne
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: /^Restore/ })
    .click();
  await one.waitForState();
  await one.expectCellValue('bias_ih', 2, 0, 4);
  await one.expectCellValue('weight_hh', 3, 1, original.weightHh);
  expect(two.errors).toEqual([]);
});

test('a state too large for link text (raw 512 × 512) is saved in IndexedDB as itself and survives a reload', async ({
  explorer,
}, testInfo) => {
  const page = explorer.page;
  await explorer.resize(512, 512, 1);
  await explorer.initialize({ kind: 'Normal N(μ, σ)', params: { mean: '0', std: '1' }, seed: '3' });
  const before = await explorer.cellValue('weight_hh', 1000, 300);
  // Export and re-import: no recipe now, ~1.6 M raw floats (~8 M characters of link text).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'Export checkpoint' }).getByRole('button', { name: '.safetensors', exact: true }).click(),
  ]);
  const saved = testInfo.outputPath('cell512.safetensors');
  await download.saveAs(saved);
  await explorer.zeroAll();
  await page.getByLabel('Checkpoint file').setInputFiles(saved);
  await expect(page.getByText(/^Loaded /)).toBeVisible();
  await explorer.expectCellValue('weight_hh', 1000, 300, before);

  await expect(page.getByRole('status').filter({ hasText: 'This state is too large for a link' })).toBeVisible();
  // Every earlier save (recipes) went to localStorage: the first one into IndexedDB is the imported state.
  await expect(page.locator('html')).toHaveAttribute('data-saved', 'IndexedDB');
  expect(await page.evaluate(() => window.location.hash)).toBe(''); // the address no longer claims an older state

  await page.reload();
  await explorer.waitForCanvases();
  await expect(explorer.canvases('weight_hh').first()).toHaveAttribute('data-rows', '512');
  await explorer.expectCellValue('weight_hh', 1000, 300, before);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
