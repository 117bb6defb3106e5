// Links and autosave for imported (raw) weights: a mid-size cell is encoded off the main thread, saved in
// IndexedDB (too large for localStorage), and survives a reload with or without its link.
import { expect, test } from './fixtures';

test('an imported 128-hidden cell is linked and autosaved from a worker, and a reload brings it back', async ({ explorer }, testInfo) => {
  const page = explorer.page;
  await explorer.resize(128, 128, 1);
  await explorer.initialize({ kind: 'Normal N(μ, σ)', params: { mean: '0', std: '1' }, seed: '8' });
  const before = await explorer.cellValue('weight_hh', 300, 77);

  // Export and re-import: the weights now have no recipe, so the link carries ~100 k raw floats.
  const exportPanel = page.getByRole('region', { name: 'Export checkpoint' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportPanel.getByRole('button', { name: '.safetensors', exact: true }).click(),
  ]);
  const saved = testInfo.outputPath('gru_cell.safetensors');
  await download.saveAs(saved);
  await explorer.zeroAll();
  await page.getByLabel('Checkpoint file').setInputFiles(saved);
  await expect(page.getByText(/^Loaded /)).toBeVisible();
  await explorer.expectCellValue('weight_hh', 300, 77, before);

  const share = page.getByRole('region', { name: 'Share' });
  const linkChars = async () =>
    Number(((await share.getByLabel('Link length').textContent()) ?? '').match(/Link: ([\d,]+) characters/)?.[1].replace(/,/g, '') ?? 0);
  // Raw floats, not a recipe: ~100 k values at ~5 characters each.
  await expect.poll(linkChars, { timeout: 20_000 }).toBeGreaterThan(300_000);
  await expect.poll(() => page.evaluate(() => window.location.hash.length), { timeout: 20_000 }).toBeGreaterThan(300_000);

  // Its saved copy (too large for localStorage) is in IndexedDB.
  await expect(page.locator('html')).toHaveAttribute('data-saved', 'IndexedDB', { timeout: 20_000 });

  await page.reload();
  await explorer.waitForCanvases();
  await explorer.expectCellValue('weight_hh', 300, 77, before);

  // Without the link, the saved work comes back from IndexedDB.
  await page.goto('/');
  await explorer.waitForCanvases();
  expect(page.url()).not.toContain('#');
  await explorer.expectCellValue('weight_hh', 300, 77, before);
});
