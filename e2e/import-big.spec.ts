// A real 25 MB checkpoint into the page: torch.save(nn.GRUCell(1024, 1024).state_dict()), made by
// scripts/make_big_checkpoint.py at test time (never committed). The page shows its progress, stays
// usable while the worker has the file, can cancel without changing anything, and ends up with
// exactly the values PyTorch saved. PyTorch is required: without it these tests fail, they do not skip.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page, Route } from '@playwright/test';
import { expect, test, type GridName } from './fixtures';

interface Facts {
  bytes: number;
  inputSize: number;
  hiddenSize: number;
  samples: { tensor: GridName; row: number; col: number | null; value: number }[];
  outputs: { x: { index: number; value: number } | null; h1: number[] }[];
}

const PYTHON = '/usr/bin/python3';
let dir = '';
let checkpoint = '';
let facts: Facts;

test.beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gru-big-'));
  try {
    execFileSync(PYTHON, ['scripts/make_big_checkpoint.py', dir], { stdio: 'pipe', timeout: 120_000 });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `${PYTHON} scripts/make_big_checkpoint.py failed (PyTorch is needed: apt-get install python3-torch): ${stderr || String(e)}`,
      { cause: e },
    );
  }
  checkpoint = path.join(dir, 'gru_cell_1024.pt');
  facts = JSON.parse(readFileSync(path.join(dir, 'gru_cell_1024.json'), 'utf8')) as Facts;
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Parsing 25 MB, drawing 6.3 M cells and autosaving them takes seconds on a busy 2-core machine.
test.describe.configure({ timeout: 180_000 });
const LOADED = { timeout: 120_000 };

/** The details panel shows float32 values to 9 significant digits. */
const shown = (v: number) => String(Number(Math.fround(v).toPrecision(9)));

/**
 * Holds the parsing worker's script (the build's assets/importWorker-<hash>.js) until `release()`: the import is then in its worker phase for as
 * long as the test needs, so what the page does meanwhile is checked without racing the parser.
 */
async function holdWorker(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/importWorker-*.js', async (route: Route) => {
    await held;
    await route.continue().catch(() => {}); // the worker may have been terminated (Cancel) meanwhile
  });
  return release;
}

/** Records every text the import panel's status region shows, in order, from now on. */
async function recordStatus(page: Page) {
  await page.evaluate(() => {
    const region = document.querySelector('section[aria-label="Import checkpoint"] [role="status"]')!;
    const seen: string[] = [];
    (window as unknown as { importStatuses: string[] }).importStatuses = seen;
    new MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text && text !== seen.at(-1)) seen.push(text);
    }).observe(region, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { importStatuses: string[] }).importStatuses);
}

test('a 25 MB PyTorch checkpoint imports with progress, the page stays usable, and the values are PyTorch’s', async ({ explorer }) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Import checkpoint' });
  const progress = panel.getByRole('progressbar', { name: 'Import progress' });
  const status = panel.getByRole('status');
  const statuses = await recordStatus(page);
  const release = await holdWorker(page);

  await page.getByLabel('Checkpoint file').setInputFiles(checkpoint);
  await expect(progress).toBeVisible();
  await expect(status).toHaveText(/^Parsing gru_cell_1024\.pt: /);

  // While the worker has the file, the page answers: hover details and typed values update.
  await explorer.hover('weight_hh', 1, 2);
  await expect(explorer.hoverText).toContainText('weight_hh[1, 2] = ');
  await explorer.brushValue.fill('one');
  await explorer.brushValue.press('Enter');
  await expect(explorer.brushValue).toHaveAttribute('aria-invalid', 'true');
  await explorer.setBrushValue(1);
  await expect(progress).toBeVisible(); // still importing: nothing above waited for the parser
  await expect(explorer.canvases('weight_hh').first()).toHaveAttribute('data-rows', '4');

  release();
  await expect(panel.getByText(/^Loaded /)).toHaveText('Loaded nn.GRUCell from gru_cell_1024.pt: I = 1024, H = 1024.', LOADED);
  await expect(progress).toBeHidden();
  // Too large for the address bar: said plainly, and no seconds spent encoding it (it is autosaved as itself).
  await expect(page.getByRole('region', { name: 'Share' }).getByLabel('Link length')).toContainText('Too large for a link');

  // The bytes were counted as they were read, and the parser's stage was shown while it ran. (How many of the
  // worker's percentages get drawn depends on how busy the main thread is; the core's fractions are checked in
  // src/formats/progress.test.ts.)
  const seen = await statuses();
  const reading = seen.filter((s) => /^Reading gru_cell_1024\.pt: [\d.]+ of 25\.2 MB$/.test(s));
  expect(reading.length, `reading progress, saw: ${seen.join(' | ')}`).toBeGreaterThanOrEqual(2);
  expect(seen, `parse stage, saw: ${seen.join(' | ')}`).toContainEqual(expect.stringMatching(/Checking tensor data \(\d+%\)/));

  // I = H = 1024, in three gate bands of 1024 rows.
  expect([facts.inputSize, facts.hiddenSize]).toEqual([1024, 1024]);
  await expect(explorer.canvases('weight_ih')).toHaveCount(3);
  for (const grid of ['weight_ih', 'weight_hh'] as const) {
    await expect(explorer.canvases(grid).first()).toHaveAttribute('data-rows', '1024');
    await expect(explorer.canvases(grid).first()).toHaveAttribute('data-cols', '1024');
  }
  await expect(explorer.canvases('x')).toHaveAttribute('data-cols', '1024');

  // Sampled values exactly as PyTorch saved them.
  for (const s of facts.samples) await explorer.expectCellValue(s.tensor, s.row, s.col ?? 0, shown(s.value));

  // h′ as PyTorch computed it, for x = 0 and then x one-hot at 5 (painted with the brush), h = 0.
  // At H = 1024 the page prints the selected unit of h′ to 4 decimals.
  const [zero, oneHot] = facts.outputs;
  const hot = oneHot.x!;
  const units = [0, 5, 1023];
  const strip = explorer.output('h′ (output)');
  const expectUnit = async (unit: number, want: number) => {
    await explorer.paint('weight_hh', unit, 0); // Select tool: selects the cell's unit
    await expect(strip).toContainText(`unit ${unit}: `);
    const text = (await strip.textContent()) ?? '';
    const got = Number(/unit \d+: (-?[\d.]+(?:e[-+]?\d+)?)/.exec(text)?.[1]);
    expect(Math.abs(got - want), `h′[${unit}] shown ${got}, PyTorch ${want}`).toBeLessThanOrEqual(0.5e-4 + 1e-6);
  };
  await explorer.setTool('Select');
  for (const j of units) await expectUnit(j, zero.h1[j]);
  await explorer.apply('Brush', hot.value, 'x', 0, hot.index);
  await explorer.expectCellValue('x', 0, hot.index, String(hot.value));
  await explorer.setTool('Select');
  for (const j of units) await expectUnit(j, oneHot.h1[j]);
});

test('Cancel stops a 25 MB import and changes nothing', async ({ explorer }) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Import checkpoint' });
  const progress = panel.getByRole('progressbar', { name: 'Import progress' });
  const before = await explorer.values('h′ (output)');
  const release = await holdWorker(page);

  await page.getByLabel('Checkpoint file').setInputFiles(checkpoint);
  await expect(progress).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('status')).toHaveText('Import cancelled; nothing was changed.');
  await expect(progress).toBeHidden();
  release();

  await expect(explorer.canvases('weight_hh').first()).toHaveAttribute('data-rows', '4');
  expect(await explorer.values('h′ (output)')).toEqual(before);
  await expect(panel.getByText(/^Loaded /)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The panel is ready for the next file.
  await page.unroute('**/importWorker-*.js');
  await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/gru_cell.pt');
  await expect(panel.getByText(/^Loaded /)).toBeVisible();
  await expect(panel.getByRole('status')).toBeEmpty();
});
