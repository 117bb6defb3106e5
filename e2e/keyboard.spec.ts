// Keyboard use: radio groups move with arrow keys, the skip link passes the toolbar, single-key shortcuts can be
// turned off, and the sequence chart's step read-out is reachable and operable without a pointer.
import { expect, test } from './fixtures';

test('a radio group is one tab stop and arrow keys choose', async ({ explorer }) => {
  const lens = explorer.page.getByRole('region', { name: 'Framework layouts' });
  const keras = lens.getByRole('radio', { name: 'Keras' });
  await expect(keras).toHaveAttribute('aria-checked', 'true');
  await expect(lens.getByRole('radio', { name: 'ONNX' })).toHaveAttribute('tabindex', '-1');
  await keras.focus();
  await explorer.page.keyboard.press('ArrowRight');
  await expect(lens.getByRole('radio', { name: 'ONNX' })).toBeFocused();
  await expect(lens.getByRole('radio', { name: 'ONNX' })).toHaveAttribute('aria-checked', 'true');
  await expect(keras).toHaveAttribute('tabindex', '-1');
  await explorer.page.keyboard.press('ArrowLeft');
  await explorer.page.keyboard.press('ArrowLeft'); // wraps from the first to the last
  await expect(lens.getByRole('radio', { name: 'Flax' })).toHaveAttribute('aria-checked', 'true');
});

test('the skip link is the first tab stop and moves focus to the weights', async ({ explorer }) => {
  const page = explorer.page;
  const hash = await page.evaluate(() => location.hash);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the weights' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Weights' })).toBeFocused();
  expect(await page.evaluate(() => location.hash)).toBe(hash); // the state in the address is untouched
});

test('single-key shortcuts can be turned off, and the choice is kept', async ({ explorer }) => {
  const page = explorer.page;
  await page.keyboard.press('v');
  await expect(explorer.toolButton('Select')).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('checkbox', { name: 'single-key shortcuts' }).uncheck();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await page.keyboard.press('f');
  await expect(explorer.toolButton('Select')).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'single-key shortcuts' })).not.toBeChecked();
});

test('the theme switch overrides the system and is kept', async ({ explorer }) => {
  const page = explorer.page;
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(13, 17, 23)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Auto' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the sequence step read-out by keyboard', async ({ explorer }) => {
  const panel = explorer.page.getByRole('region', { name: 'Sequence' });
  const step = panel.getByRole('slider', { name: /step t/ });
  await step.focus();
  await expect(panel.locator('.sequence-readout')).toHaveText(/^t = 0: h /);
  await explorer.page.keyboard.press('ArrowRight');
  await explorer.page.keyboard.press('ArrowRight');
  await expect(step).toHaveValue('2');
  await expect(panel.locator('.sequence-readout')).toHaveText(/^t = 2: h \S+ · z \S+ · r \S+ · n \S+$/);
  await expect(step).toHaveAttribute('aria-valuetext', /^t = 2: h /);
});
