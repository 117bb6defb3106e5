// The Train panel: a real run in the page's worker. Waits only on what the panel signals (its
// data-step / data-solved-at / data-status attributes, the curve's point count, the canvases'
// drawn step), never on time.
import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { decodeState, gruCell, type SharedState } from '../src';

/** The state the address bar's link carries (null when it has none or it does not decode). */
function linkState(url: string): SharedState | null {
  const encoded = new URLSearchParams(url.split('#')[1] ?? '').get('s');
  const result = encoded ? decodeState(encoded) : null;
  return result?.ok ? result.state : null;
}

const canvasPixels = (canvas: Locator) => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
const attr = async (l: Locator, name: string) => Number(await l.getAttribute(name));

async function field(panel: Locator, name: string, value: string) {
  await panel.locator(`input[name="${name}"]`).fill(value);
}

function trainPanel(page: Page) {
  return page.getByRole('region', { name: 'Train' });
}

test('trains the memory task to its threshold; heatmaps and loss curve move; pause hands the weights to the explorer', async ({
  explorer,
}) => {
  const page = explorer.page;
  const panel = trainPanel(page);
  await panel.getByLabel('Task').selectOption('memory');
  await field(panel, 'steps', '20');
  await field(panel, 'batch', '16');
  await field(panel, 'hidden', '32');
  await field(panel, 'lr', '0.01');
  await field(panel, 'seed', '1');

  // One step first: the run exists, the heatmaps are drawn at step 1.
  await panel.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(panel).toHaveAttribute('data-status', 'paused');
  await expect(panel).toHaveAttribute('data-step', '1');
  const whh = panel.locator('canvas[data-tensor="weight_hh"]');
  await expect(whh).toHaveAttribute('data-drawn-step', '1');
  const before = await canvasPixels(whh);
  const lossBefore = Number(await panel.getAttribute('data-loss'));
  // Pausing made the explorer's cell the trained one: I = 1, H = 32.
  await expect(page.getByRole('img', { name: /^weight_hh\[32:64\]/ })).toBeVisible();

  await panel.getByRole('button', { name: 'Play' }).click();
  await expect(panel).toHaveAttribute('data-status', 'running');
  // Mid-run: a screenshot of the panel once a few points are on the curve.
  await expect.poll(() => attr(panel, 'data-step'), { timeout: 60_000 }).toBeGreaterThanOrEqual(15);
  // (the sticky paint toolbar would cover the panel's head in an element screenshot)
  await page.getByRole('toolbar', { name: 'Paint tools' }).evaluate((el: HTMLElement) => (el.style.position = 'static'));
  await panel.screenshot({ path: 'screenshots/train-panel-mid-run.png' });
  // The memory task's threshold (95 % on 256 new sequences) is met within a few hundred steps.
  await expect(panel).not.toHaveAttribute('data-solved-at', '', { timeout: 90_000 });
  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect(panel).toHaveAttribute('data-status', 'paused');

  const solvedAt = await attr(panel, 'data-solved-at');
  expect(solvedAt).toBeGreaterThan(1);
  await expect(panel.getByText(/threshold met at step \d+/)).toBeVisible();
  const step = await attr(panel, 'data-step');
  await expect(whh).toHaveAttribute('data-drawn-step', String(step));
  expect(await canvasPixels(whh)).not.toBe(before);
  expect(Number(await panel.getAttribute('data-loss'))).toBeLessThan(lossBefore);
  const curve = panel.locator('path.train-curve').first();
  expect(await attr(curve, 'data-points')).toBe(step);

  // The trained cell is in the link (raw floats): its h′ is the one on the page, and a fresh page shows it.
  const hOutput = (p: Page) => p.getByRole('group', { name: 'h′ (output)', exact: true });
  const hNext = (await hOutput(page).getAttribute('data-values'))!.split(' ').map(Number);
  await expect
    .poll(() => {
      const state = linkState(page.url());
      if (!state || state.model.weights.hiddenSize !== 32 || state.recipe !== null) return null;
      return Array.from(gruCell(state.model.weights, state.model.x, state.model.h, state.model.batch).h).map((v) => Number(v.toFixed(4)));
    })
    .toEqual(hNext.map((v) => Number(v.toFixed(4))));
  const fresh = await page.context().browser()!.newContext();
  const other = await fresh.newPage();
  await other.goto(page.url());
  await expect.poll(async () => (await hOutput(other).getAttribute('data-values'))?.split(' ').map(Number)).toEqual(hNext);
  await fresh.close();

  // Gradients view: the canvases redraw with a range of their own, and the band norms are positive.
  const valueRange = Number(await whh.getAttribute('data-range'));
  await panel.getByRole('button', { name: 'Gradients' }).click();
  await expect(panel.locator('.train-bands')).toHaveAttribute('data-mode', 'gradients');
  await expect.poll(async () => Number(await whh.getAttribute('data-range'))).not.toBe(valueRange);
  for (const gate of ['r', 'z', 'n']) expect(await attr(panel.locator(`.train-norm[data-gate="${gate}"]`), 'data-norm')).toBeGreaterThan(0);

  // The explorer holds the trained weights, and one Undo goes back to the weights before this pause.
  const explorerHh = page.getByRole('img', { name: /^weight_hh\[0:32\]/ });
  const trained = await explorerHh.evaluate((c) => (c.previousElementSibling as HTMLCanvasElement).toDataURL());
  await page.keyboard.press('Control+z');
  await expect.poll(() => explorerHh.evaluate((c) => (c.previousElementSibling as HTMLCanvasElement).toDataURL())).not.toBe(trained);
});

test('bad settings: a clear message, training paused, the weights kept', async ({ explorer }) => {
  const page = explorer.page;
  const panel = trainPanel(page);
  await field(panel, 'hidden', '8');
  await panel.getByRole('button', { name: '+10' }).click();
  await expect(panel).toHaveAttribute('data-step', '10');
  await expect(panel).toHaveAttribute('data-status', 'paused');
  const whh = panel.locator('canvas[data-tensor="weight_hh"]');
  const kept = await canvasPixels(whh);

  for (const [name, value, message] of [
    ['lr', 'abc', /learning rate must be a number/i],
    ['lr', '-0.5', /learning rate must be positive/i],
    ['lr', '1e9', /learning rate = 1000000000 is too large/i],
    ['clip', 'NaN', /clip must be a number/i],
    ['steps', '5000', /T must be a whole number from 2 to 200/],
    ['batch', '100000', /batch must be a whole number from 1 to 256/i],
  ] as const) {
    await field(panel, name, value);
    await panel.getByRole('button', { name: 'Play' }).click();
    await expect(panel.getByRole('alert')).toHaveText(message);
    await expect(panel.getByRole('alert')).toContainText('Training is paused; the weights are kept.');
    await expect(panel).toHaveAttribute('data-status', 'paused');
    await expect(panel).toHaveAttribute('data-step', '10');
    expect(await canvasPixels(whh)).toBe(kept);
    await field(panel, name, { lr: '0.01', clip: '1', steps: '20', batch: '16' }[name]);
  }

  // A learning rate that blows up plain SGD on the adding problem: the run stops at the last finite weights.
  await panel.getByLabel('Task').selectOption('adding');
  await panel.getByLabel('Optimizer').selectOption('sgd');
  await field(panel, 'lr', '10');
  await field(panel, 'clip', '0');
  await panel.getByRole('button', { name: 'Play' }).click();
  await expect(panel.getByRole('alert')).toContainText(/diverged at step \d+.*last finite weights are kept/, { timeout: 60_000 });
  await expect(panel).toHaveAttribute('data-status', 'paused');
  const step = await attr(panel, 'data-step');
  await expect(whh).toHaveAttribute('data-drawn-step', String(step));
  expect(Number(await whh.getAttribute('data-range'))).toBeLessThan(Infinity);
});

test('Play straight after a change of settings keeps running (the new run’s first reply does not stop it)', async ({ explorer }) => {
  const panel = trainPanel(explorer.page);
  await field(panel, 'hidden', '8');
  await panel.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => attr(panel, 'data-step'), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await expect(panel).toHaveAttribute('data-status', 'running');
  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect(panel).toHaveAttribute('data-status', 'paused');
});
