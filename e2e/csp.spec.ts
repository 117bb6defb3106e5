// The built app carries a Content-Security-Policy and runs under it: no inline script, workers and WebAssembly
// allowed. Every securitypolicyviolation the page reports is collected from the first script on.
import { readFileSync } from 'node:fs';
import { ExplorerPage, expect, test } from './fixtures';

declare global {
  interface Window {
    __violations: string[];
    __inlineRan?: boolean;
  }
}

test('the app boots, links, imports, exports and saves PNGs under its CSP with no violation', async ({ page }, testInfo) => {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const explorer = new ExplorerPage(page);
  await explorer.goto();
  const violations = () => page.evaluate(() => window.__violations);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-inline');
  // The WebAssembly kernels compiled under it ('wasm-unsafe-eval'); without it the app would fall back to 'js'.
  await expect(page.locator('html')).toHaveAttribute('data-kernels', 'wasm');

  // A link (read in a worker), an edit, an export (written in a worker) and its import (parsed in a worker).
  await page.getByRole('link', { name: 'Forum probe: find the update gate' }).click();
  await expect.poll(() => explorer.values('h′ (output)')).toHaveLength(16);
  await explorer.apply('Brush', 3, 'bias_hh', 1);
  const exportPanel = page.getByRole('region', { name: 'Export checkpoint' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportPanel.getByRole('button', { name: '.safetensors', exact: true }).click(),
  ]);
  const saved = testInfo.outputPath('cell.safetensors');
  await download.saveAs(saved);
  expect(readFileSync(saved).length).toBeGreaterThan(100);
  await explorer.zeroAll();
  await page.getByLabel('Checkpoint file').setInputFiles(saved);
  await expect(page.getByText(/^Loaded /)).toBeVisible();
  await explorer.expectCellValue('bias_hh', 1, 0, 3);
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(await violations()).toEqual([]);
  expect(explorer.errors).toEqual([]);

  // The policy is enforced, not only present: an injected inline script does not run and is reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
  });
  await expect.poll(violations).toEqual(['script-src-elem inline']);
  expect(await page.evaluate(() => window.__inlineRan)).toBeUndefined();
});
