// The PyTorch code panel stays true to the page: after a paint or an import its code is either marked out of date
// or, once rewritten, gives the page's h′ when real PyTorch runs it.
import { spawnSync } from 'node:child_process';
import { expect, test, type ExplorerPage } from './fixtures';

const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
const torchFound = spawnSync(PYTHON, ['-c', 'import torch'], { timeout: 60_000 }).status === 0;

test.use({ viewport: { width: 1280, height: 800 } });

const panel = (explorer: ExplorerPage) => explorer.page.getByRole('region', { name: 'PyTorch code' });
const code = (explorer: ExplorerPage) => panel(explorer).getByLabel('Python code');

/** h′ printed by real PyTorch running the snippet (full precision, not its 4-decimal print). */
function runInPyTorch(snippet: string): number[] {
  const run = spawnSync(PYTHON, ['-'], {
    input: `${snippet}\nimport json\nprint('H_NEXT=' + json.dumps(h_next.detach().flatten().tolist()))\n`,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(
    run.stdout
      .split('\n')
      .find((l) => l.startsWith('H_NEXT='))!
      .slice(7),
  ) as number[];
}

/**
 * Records, on every change of the code block or of h′, the pair (code state, code text, h′): a "current" code
 * must never sit next to an h′ it was not written for.
 */
async function watchCode(explorer: ExplorerPage) {
  await explorer.page.evaluate(() => {
    const w = window as unknown as { codeSnapshots: { state: string | null; text: string; h: string | null }[] };
    w.codeSnapshots = [];
    const pre = () => document.querySelector('[aria-label="Python code"]');
    const h = () => document.querySelector('[role="group"][aria-label="h′ (output)"]');
    const snap = () =>
      w.codeSnapshots.push({
        state: pre()?.getAttribute('data-state') ?? null,
        text: pre()?.textContent ?? '',
        h: h()?.getAttribute('data-values') ?? null,
      });
    snap();
    new MutationObserver(snap).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
      attributeFilter: ['data-state', 'data-values'],
    });
  });
}

async function expectCurrentCodeGivesPageH(explorer: ExplorerPage) {
  await expect(code(explorer)).toHaveAttribute('data-state', 'current');
  const hPage = await explorer.values('h′ (output)');
  const snippet = (await code(explorer).textContent())!;
  const fromTorch = runInPyTorch(snippet);
  expect(fromTorch).toHaveLength(hPage.length);
  fromTorch.forEach((v, i) => expect(Math.abs(v - hPage[i])).toBeLessThanOrEqual(1e-5));
  // Every moment the code was shown as current, it was this code next to this h′.
  const snapshots = await explorer.page.evaluate(
    () => (window as unknown as { codeSnapshots: { state: string | null; text: string; h: string | null }[] }).codeSnapshots,
  );
  const hNow = await explorer.output('h′ (output)').getAttribute('data-values');
  const seenCurrent = snapshots.filter((s) => s.state === 'current' && s.h === hNow);
  expect(seenCurrent.length).toBeGreaterThan(0);
  for (const s of seenCurrent) expect(s.text).toBe(snippet);
  return snippet;
}

test("the code follows a paint and an import, and real PyTorch running it gives the page's h′", async ({ explorer }, testInfo) => {
  test.setTimeout(180_000); // three runs of real PyTorch (each several seconds on a busy machine)
  test.skip(!torchFound && !process.env.CI, `needs ${PYTHON} with torch (apt-get install python3-torch)`);
  const page = explorer.page;
  await panel(explorer).getByText('PyTorch code', { exact: true }).click();
  // The default weights come from a seeded PyTorch-style init, which PyTorch's own generator cannot redraw: the
  // panel opens on exact values and says why the recipe differs.
  await expect(panel(explorer).getByRole('radio', { name: 'Exact values' })).toHaveAttribute('aria-checked', 'true');
  await expect(panel(explorer).getByRole('radio', { name: /random values differ/ })).toBeVisible();
  await expect(panel(explorer).getByText(/^Exact values by default: the recipe's random initializers/)).toBeVisible();
  const first = await (async () => {
    await watchCode(explorer);
    return expectCurrentCodeGivesPageH(explorer);
  })();

  // A paint: the code is marked out of date at once or rewritten, never shown as current with the old numbers.
  await explorer.apply('Fill row', 0.75, 'h', 0);
  await explorer.apply('Brush', 2.5, 'weight_hh', 5, 2);
  const painted = await expectCurrentCodeGivesPageH(explorer);
  expect(painted).not.toBe(first);
  await panel(explorer).screenshot({ path: testInfo.outputPath('code-after-paint.png') });

  // An import: the same.
  await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/gru_cell.pt');
  await expect(page.getByText(/^Loaded /)).toBeVisible();
  const imported = await expectCurrentCodeGivesPageH(explorer);
  expect(imported).not.toBe(painted);

  // The recipe form when asked for: it says its numbers differ from the page.
  await explorer.apply('Fill row', 0.5, 'h', 0); // keeps the imported weights (no recipe): the exact form stays
  await panel(explorer)
    .getByRole('radio', { name: /^Recipe/ })
    .click();
  await expect(code(explorer)).toHaveAttribute('data-state', 'current');
  await expect(panel(explorer).getByText(/have no recipe/)).toBeVisible();
});

test('a recipe without random initializers is the default and reproduces the page exactly', async ({ explorer }) => {
  test.slow(); // a run of real PyTorch
  test.skip(!torchFound && !process.env.CI, `needs ${PYTHON} with torch (apt-get install python3-torch)`);
  await explorer.zeroAll();
  await explorer.apply('Fill band', 20, 'bias_hh', 4);
  await explorer.apply('Fill row', 2, 'h', 0);
  await panel(explorer).getByText('PyTorch code', { exact: true }).click();
  await expect(panel(explorer).getByRole('radio', { name: 'Recipe (per gate)' })).toHaveAttribute('aria-checked', 'true');
  await watchCode(explorer);
  const snippet = await expectCurrentCodeGivesPageH(explorer);
  expect(snippet).toContain('cell.bias_hh[H:2*H].fill_(20.0)');
  expect(await code(explorer).getAttribute('data-form')).toBe('recipe');
});

test('a large cell is rewritten on request: after a paint its code is marked out of date, one click refreshes it', async ({
  explorer,
}, testInfo) => {
  // 3 · 600 · (3 + 600 + 2) ≈ 1.09 million values: past the panel's automatic limit.
  await explorer.resize(3, 600, 1);
  await panel(explorer).getByText('PyTorch code', { exact: true }).click();
  await expect(code(explorer)).toHaveAttribute('data-state', 'current');
  const before = await code(explorer).textContent();
  await explorer.apply('Fill row', 0.5, 'h', 0);
  await expect(code(explorer)).toHaveAttribute('data-state', 'stale');
  const stale = panel(explorer).getByRole('status');
  await expect(stale).toContainText('Out of date: the weights or inputs changed since this code was written.');
  await expect(panel(explorer).getByRole('button', { name: 'Copy' })).toBeDisabled();
  await panel(explorer).screenshot({ path: testInfo.outputPath('code-stale.png') });
  await stale.getByRole('button', { name: 'Refresh' }).click();
  await expect(code(explorer)).toHaveAttribute('data-state', 'current');
  await expect(panel(explorer).getByRole('status')).toHaveCount(0);
  // The block shows long (base64) lines cut; the whole code is copied.
  expect(await code(explorer).textContent()).toMatch(/ … \([\d,]+ more characters: use Copy\)\n/);
  await explorer.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel(explorer).getByRole('button', { name: 'Copy' }).click();
  await expect(panel(explorer).getByRole('button', { name: 'Copied' })).toBeVisible();
  const after = await explorer.page.evaluate(() => navigator.clipboard.readText());
  expect(after.slice(0, 400)).toBe(before!.slice(0, 400));
  // h = 0.5 everywhere is in the new code (600 values travel as literals: ≤ 4096).
  expect(after).toContain(`h = torch.tensor([${new Array(600).fill('0.5').join(', ')}], dtype=torch.float32).reshape(1, 600)`);
});
