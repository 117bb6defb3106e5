// The sequence panel: the cell unrolled over T steps from h_0 = h. Expected values are worked out here
// from the GRU equations and the weights the test itself sets.
import { expect, sigmoid, test } from './fixtures';
import type { Locator } from '@playwright/test';

const series = async (panel: Locator, name: string) =>
  ((await panel.locator(`g[data-series="${name}"]`).getAttribute('data-values')) ?? '').split(' ').map(Number);

test('x at every step: one unit climbs towards its fixed point, step by step', async ({ explorer }) => {
  const page = explorer.page;
  await explorer.zeroAll();
  await explorer.setExact('weight_ih', 8, 0, 2); // W_in[0, 0] = 2: unit 0's candidate sees 2·x[0]
  const panel = page.getByRole('region', { name: 'Sequence' });
  await panel.getByLabel('Sequence steps').fill('6');
  await panel.getByLabel('Sequence steps').press('Enter');
  // All gates σ(0) = ½, n = tanh(2·1): h_t = ½·tanh 2 + ½·h_{t−1} from h_0 = 0.
  const want = [0];
  for (let t = 1; t <= 6; t++) want.push(0.5 * Math.tanh(2) + 0.5 * want[t - 1]);
  await expect.poll(() => series(panel, 'h')).toEqual(want.map((v) => expect.closeTo(v, 6)));
  expect(await series(panel, 'z')).toEqual(new Array(6).fill(0.5));

  // x at step 1 only: after the pulse n = 0 and h halves every step.
  await panel.getByLabel('Sequence inputs').selectOption({ label: 'x at step 1, then zeros' });
  const pulse = [0, 0.5 * Math.tanh(2)];
  for (let t = 2; t <= 6; t++) pulse.push(0.5 * pulse[t - 1]);
  await expect.poll(() => series(panel, 'h')).toEqual(pulse.map((v) => expect.closeTo(v, 6)));
});

test('z → 1 holds the state over the whole sequence (the hold-memory lesson)', async ({ explorer }) => {
  const page = explorer.page;
  await page.getByRole('link', { name: /Hold memory/ }).click();
  await explorer.setExact('h', 0, 0, 0.75);
  const panel = page.getByRole('region', { name: 'Sequence' });
  await expect.poll(async () => (await series(panel, 'h'))[0]).toBe(0.75);
  const h = await series(panel, 'h');
  expect(h).toHaveLength(13); // h_0 and 12 steps
  // z = σ(a + 20) > 1 − 1e-8 for |a| ≲ 1: h_t stays 0.75 to float32 precision.
  for (const v of h) expect(v).toBeCloseTo(0.75, 6);
  for (const z of await series(panel, 'z')) expect(z).toBeGreaterThan(sigmoid(15));
});

test('a bad step count is refused with a message and the last run kept', async ({ explorer }) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Sequence' });
  const before = await series(panel, 'h');
  await panel.getByLabel('Sequence steps').fill('100000');
  await panel.getByLabel('Sequence steps').press('Enter');
  await expect(panel.getByRole('alert')).toContainText('Steps must be between 1 and 200');
  expect(await series(panel, 'h')).toEqual(before);
});

test('the leaky-memory lesson: one pulse, then h decays by z = 0.9 a step', async ({ explorer }) => {
  const page = explorer.page;
  await page.getByRole('link', { name: /Leaky memory/ }).click();
  const panel = page.getByRole('region', { name: 'Sequence' });
  await expect(panel.getByLabel('Sequence steps')).toHaveValue('30');
  await expect(panel.getByLabel('Sequence inputs')).toHaveValue('impulse');
  // h_1 = (1 − z)·tanh(3) with z = σ(ln 9) = 0.9; then x = 0 makes n = 0 and h_t = 0.9·h_{t−1}.
  const want = [0, 0.1 * Math.tanh(3)];
  for (let t = 2; t <= 30; t++) want.push(0.9 * want[t - 1]);
  await expect.poll(() => series(panel, 'h')).toEqual(want.map((v) => expect.closeTo(v, 6)));
});
