// axe-core in every state of the page, in the light and the dark theme: no violations of any impact.
// Each state is reached once through the real UI and waited for by what the page shows; axe then runs in the
// light theme and again after the system switches to dark (the page follows it live), so a state is not set up twice.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type ExplorerPage } from './fixtures';

/** Runs axe on the whole page; fails listing each violation with the elements it names. */
async function expectAxeCleanIn(page: Page, state: string, colorScheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
  // Violations only: computing every pass's details doubles axe's time on this page.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const found = results.violations.map(
    (v) =>
      `${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(found, `axe violations in the ${state} state, ${colorScheme} theme`).toEqual([]);
}

/** axe in the light and then the dark theme, on the state the page is in. */
async function expectAxeClean(page: Page, state: string) {
  await expectAxeCleanIn(page, state, 'light');
  await expectAxeCleanIn(page, state, 'dark');
}

/** Opens every closed <details> on the page (panels and disclosures) and waits until all are open. */
async function openAllDisclosures(page: Page) {
  const closed = page.locator('details:not([open]) > summary');
  while ((await closed.count()) > 0) await closed.first().click();
  await expect(page.locator('details:not([open])')).toHaveCount(0);
}

async function investigateExample(explorer: ExplorerPage) {
  const panel = explorer.page.getByRole('region', { name: 'Layout detective' });
  await panel.getByRole('button', { name: 'Try an example' }).click();
  await panel.getByRole('button', { name: 'Investigate', exact: true }).click();
  await expect(panel.getByRole('status').first()).toContainText('Best fit');
  await panel.getByRole('button', { name: 'Convert to PyTorch layout' }).click();
  await expect(panel.getByText(/^Converted:/)).toBeVisible();
}

test.describe('light and dark theme', () => {
  test.use({ colorScheme: 'light' });
  // Two axe passes over the whole page take seconds on a busy machine.
  test.beforeEach(() => test.slow());

  test('default page', async ({ explorer }) => {
    await expectAxeClean(explorer.page, 'default');
  });

  test('every panel and disclosure open', async ({ explorer }) => {
    const page = explorer.page;
    await openAllDisclosures(page);
    await expect(page.getByRole('region', { name: 'PyTorch code' }).getByLabel('Python code')).toBeVisible();
    await expectAxeClean(page, 'all disclosures open');
  });

  test('layout lens: each framework, a hovered cell', async ({ explorer }) => {
    const page = explorer.page;
    const lens = page.getByRole('region', { name: 'Framework layouts' });
    for (const name of ['ONNX', 'Flax']) {
      await lens.getByRole('radio', { name }).click();
      await expect(lens.getByRole('radio', { name })).toHaveAttribute('aria-checked', 'true');
    }
    const overlay = lens.locator('canvas[data-lens-tensor]').first();
    await overlay.scrollIntoViewIfNeeded();
    await overlay.hover({ position: { x: 3, y: 3 } });
    await expect(explorer.hoverText).not.toBeEmpty();
    await expectAxeClean(page, 'lens');
  });

  test('layout detective: an example investigated and converted', async ({ explorer }) => {
    await investigateExample(explorer);
    await expectAxeClean(explorer.page, 'detective');
  });

  test('import: a layer picker, then a refused file', async ({ explorer }) => {
    const page = explorer.page;
    await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/gru_2layer_bidir.pt');
    await expect(page.getByLabel('GRU in file').locator('option')).toHaveCount(4);
    await expectAxeClean(page, 'import picker');
    await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/whole_model.pt');
    await expect(page.getByRole('alert').first()).toContainText('Nothing was changed');
    await expectAxeClean(page, 'import refused');
  });

  test('embed view, and a link that cannot be opened', async ({ explorer }) => {
    const page = explorer.page;
    await page.goto('/#s=AAAA-not-a-state&embed=1');
    await expect(page.getByRole('link', { name: /open in the full explorer/ })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('could not be opened');
    await explorer.waitForCanvases();
    await expectAxeClean(page, 'embed');
  });
});
