// The framework layout lens: addresses in every framework (facts from docs/gru-conventions.md),
// two-way hover, the played permutation, and reset-after vs reset-before.
import { expect, sigmoid, test } from './fixtures';
import type { Page } from '@playwright/test';
import { decodeState } from '../src';

const H = 4;

async function lensPoint(page: Page, tensor: string, row: number, col: number) {
  const canvas = page.locator(`canvas[data-lens-tensor="${tensor}"]`);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const rows = Number(await canvas.getAttribute('data-rows'));
  const cols = Number(await canvas.getAttribute('data-cols'));
  return { x: box.x + ((col + 0.5) * box.width) / cols, y: box.y + ((row + 0.5) * box.height) / rows };
}

test('a hovered PyTorch parameter shows its address and value in every framework', async ({ explorer }) => {
  const page = explorer.page;
  const value = await explorer.cellValue('weight_hh', H + 3, 1); // z gate, unit 3, column 1
  const table = page.getByRole('table', { name: 'Same parameter in every framework' });
  const row = (fw: string) => table.locator(`tr[data-framework="${fw}"]`);
  await expect(row('pytorch')).toContainText('weight_hh[7, 1]');
  // Keras/TF.js: transposed, z is column block 0 → recurrent_kernel[1, 0·H + 3]; ONNX: z is row block 0.
  await expect(row('keras')).toContainText('recurrent_kernel[1, 3]');
  await expect(row('onnx')).toContainText('R[0, 3, 1]');
  await expect(row('tfjs')).toContainText('recurrent_kernel[1, 3]');
  await expect(row('flax')).toContainText('hz.kernel[1, 3]');
  for (const fw of ['pytorch', 'keras', 'onnx', 'tfjs', 'flax']) await expect(row(fw).locator('td.num')).toHaveText(String(value));

  // b_hn of unit 1 (bias_hh[2H + 1]): ONNX's Rb_h block starts at 3H + 2H; TF.js has no exact place for it.
  await explorer.hover('bias_hh', 2 * H + 1);
  await expect(row('keras')).toContainText('bias[1, 9]');
  await expect(row('onnx')).toContainText('B[0, 21]');
  await expect(row('flax')).toContainText('hn.bias[1]');
  await expect(row('tfjs')).toContainText('no exact place');
});

test('hovering a cell of the Keras lens points at its PyTorch cell', async ({ explorer }) => {
  const page = explorer.page;
  const p = await lensPoint(page, 'recurrent_kernel', 1, 3);
  await page.mouse.move(p.x, p.y);
  await expect(explorer.hoverText).toContainText(/^weight_hh\[7, 1\] = /);
  const k = await lensPoint(page, 'kernel', 2, 2 * H); // first column of the h block ← weight_ih[2H, 2]
  await page.mouse.move(k.x, k.y);
  await expect(explorer.hoverText).toContainText(/^weight_ih\[8, 2\] = /);
});

test('Play the move slides r and z from PyTorch order into Keras order', async ({ explorer }) => {
  const page = explorer.page;
  const lens = page.getByRole('region', { name: 'Framework layouts' });
  // Sample, every animation frame in the page, whether kernel's r label is left of its z label (PyTorch order).
  await page.evaluate(() => {
    const samples: boolean[] = [];
    (window as unknown as { rLeftOfZ: boolean[] }).rLeftOfZ = samples;
    const label = (gate: string) =>
      Array.from(document.querySelectorAll('figure[data-tensor="kernel"] .lens-label')).find((el) => el.textContent === gate)!;
    const sample = () => {
      samples.push(label('r').getBoundingClientRect().left < label('z').getBoundingClientRect().left);
      if (samples.length < 5000) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  const samples = () => page.evaluate(() => [...(window as unknown as { rLeftOfZ: boolean[] }).rLeftOfZ]);
  await expect.poll(async () => (await samples()).length).toBeGreaterThan(0);
  expect(
    (await samples()).every((rFirst) => !rFirst),
    'at rest: Keras order z | r | h',
  ).toBe(true);
  await lens.getByRole('button', { name: /Play the move/ }).click();
  // The move starts from PyTorch's r | z | n (r left of z) and ends in z | r | h.
  await expect
    .poll(async () => {
      const s = await samples();
      return s.includes(true) && s.lastIndexOf(true) < s.length - 1 && !s[s.length - 1];
    })
    .toBe(true);
});

test('TF.js switches the cell to reset-before and shows how h′ differs', async ({ explorer }) => {
  const page = explorer.page;
  // Every weight a constant and a non-zero h, so both formulas can be worked out by hand.
  for (const [tensor, value] of [
    ['weight_ih', '0.5'],
    ['weight_hh', '0.3'],
    ['bias_ih', '0.1'],
    ['bias_hh', '0.2'],
  ]) {
    await explorer.initialize({ tensor, kind: 'Constant', params: { value } });
  }
  const h = [1, -1, 0.5, 2];
  for (let j = 0; j < H; j++) await explorer.setExact('h', 0, j, h[j]);
  const sumH = h.reduce((a, b) => a + b, 0);
  const gi = 0.5 * (1 + 0 - 1) + 0.1; // x = [1, 0, −1]
  const gh = 0.3 * sumH + 0.2;
  const r = sigmoid(gi + gh);
  const z = r;
  const after = h.map((hj) => (1 - z) * Math.tanh(gi + r * gh) + z * hj);
  const before = h.map((hj) => (1 - z) * Math.tanh(gi + 0.3 * r * sumH + 0.2) + z * hj);
  await explorer.expectValues('h′ (output)', after, 5);

  const lens = page.getByRole('region', { name: 'Framework layouts' });
  await lens.getByRole('radio', { name: 'TF.js' }).click();
  await expect(lens.getByRole('radio', { name: 'reset-before' })).toHaveAttribute('aria-checked', 'true');
  const row = lens.locator('tr[aria-label="h′ reset-before"]');
  await expect
    .poll(async () => ((await row.getAttribute('data-values')) ?? '').split(' ').map(Number))
    .toEqual(before.map((v) => expect.closeTo(v, 5)));
  const largest = Math.max(...before.map((v, j) => Math.abs(v - after[j])));
  await expect(lens.getByText(/Largest \|Δh′\| = /)).toContainText(largest.toFixed(4));

  await lens.getByRole('radio', { name: 'reset-after' }).click();
  await expect(lens.getByText("This is PyTorch's own cell: h′ is identical.")).toBeVisible();
});

test('the chosen framework and formula travel in the link', async ({ explorer }) => {
  const page = explorer.page;
  const lens = page.getByRole('region', { name: 'Framework layouts' });
  await lens.getByRole('radio', { name: 'ONNX' }).click();
  await lens.getByRole('radio', { name: 'reset-before' }).click();
  // The address bar is rewritten once edits pause; read its state with the link codec.
  const linked = async () => {
    const hash = await page.evaluate(() => window.location.hash);
    const result = decodeState(new URLSearchParams(hash.slice(1)).get('s') ?? '');
    return result.ok ? [result.state.view.lensFramework, result.state.view.cellSemantics] : null;
  };
  await expect.poll(linked).toEqual(['onnx', 'reset-before']);
  const url = await page.evaluate(() => window.location.href);
  const fresh = await page.context().newPage();
  await fresh.goto(url);
  const lensThere = fresh.getByRole('region', { name: 'Framework layouts' });
  await expect(lensThere.getByRole('radio', { name: 'ONNX' })).toHaveAttribute('aria-checked', 'true');
  await expect(lensThere.getByRole('radio', { name: 'reset-before' })).toHaveAttribute('aria-checked', 'true');
  await expect(fresh.locator('canvas[data-lens-tensor="W"]')).toBeVisible();
});

test('the "Where Keras keeps z" lesson: the lit z bias is Keras bias[1, 0:4] and ONNX B[0, 12:16]', async ({ explorer }) => {
  const page = explorer.page;
  await page.getByRole('link', { name: /Where Keras keeps z/ }).click();
  // The lesson's state is in place and the page has scrolled to it: positions read now stay put.
  await expect(page.locator('html')).toHaveAttribute('data-lesson-shown', 'keras-layout');
  const lens = page.getByRole('region', { name: 'Framework layouts' });
  await expect(lens.getByRole('radio', { name: 'Keras' })).toHaveAttribute('aria-checked', 'true');
  const p = await lensPoint(page, 'bias', 1, 2); // row 1 (recurrent bias), column 2: inside the first (z) block
  await page.mouse.move(p.x, p.y);
  await expect(explorer.hoverText).toContainText(/^bias_hh\[6\] = 5/); // z unit 2 in PyTorch
  const table = page.getByRole('table', { name: 'Same parameter in every framework' });
  await expect(table.locator('tr[data-framework="onnx"]')).toContainText('B[0, 14]');
  await expect(table.locator('tr[data-framework="flax"]')).toContainText('iz.bias[2]');
});
