import { expect, test } from '@playwright/test';

test('loads without console errors and shows the app name and the live h′', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'GRU Explorer' })).toBeVisible();
  await expect(page.getByLabel('h′ (output)')).toBeVisible();
  expect(errors).toEqual([]);
});
