// Screenshots of the built app for a look as a user would see it: `npm run screenshots`.
// Serves dist/ with vite preview, opens it in Chromium and writes PNGs to screenshots/.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';

// SCREENSHOT_PORT / SCREENSHOT_DIST let a run serve its own build (`vite build --outDir dist-x`).
const PORT = Number(process.env.SCREENSHOT_PORT ?? 4175);
const DIST = process.env.SCREENSHOT_DIST ?? 'dist';
const BASE = `http://127.0.0.1:${PORT}/`;
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST], {
  stdio: 'ignore',
});
const stop = () => server.kill();
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('vite preview did not start');
}

async function resize(page, H) {
  await page.getByRole('form', { name: 'Sizes' }).getByRole('textbox', { name: 'H', exact: true }).fill(String(H));
  await page.getByRole('button', { name: 'Resize' }).click();
  await page.locator(`canvas[data-grid="weight_hh"][data-rows="${H}"]`).first().waitFor();
}

async function hoverCell(page, grid, rowStart, fx, fy) {
  const box = await page.locator(`canvas[data-grid="${grid}"][data-row-start="${rowStart}"]`).boundingBox();
  await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
}

await waitForServer();
mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({ executablePath, args: ['--disable-gpu', '--disable-quic', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(BASE);
  await page.locator('html[data-state-load="done"]').waitFor({ state: 'attached' }); // saved work, if any, applied
  await page.getByLabel('h′ (output)', { exact: true }).waitFor();
  await hoverCell(page, 'weight_hh', 4, 0.6, 0.3);
  await page.screenshot({ path: 'screenshots/default.png', fullPage: true });
  await resize(page, 256);
  await hoverCell(page, 'weight_hh', 256, 0.6, 0.3);
  await page.screenshot({ path: 'screenshots/h256.png', fullPage: true });
  // Zoomed ×4 around the middle rows, and the Keras lens with a hovered cell's address in every framework.
  const zoom = page.getByRole('group', { name: 'Zoom' });
  await zoom.getByRole('button', { name: 'Zoom in' }).click();
  await zoom.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('region', { name: 'Weights' }).screenshot({ path: 'screenshots/h256-zoom4.png' });
  await zoom.getByRole('button', { name: 'Fit' }).click();
  await resize(page, 4);
  const lens = page.getByRole('region', { name: 'Framework layouts' });
  await lens.scrollIntoViewIfNeeded();
  const rk = await page.locator('canvas[data-lens-tensor="recurrent_kernel"]').boundingBox();
  await page.mouse.move(rk.x + rk.width * (3.5 / 12), rk.y + rk.height * (1.5 / 4));
  await lens.screenshot({ path: 'screenshots/lens-keras.png' });
  await page.getByRole('region', { name: 'Sequence' }).screenshot({ path: 'screenshots/sequence.png' });
  await page.evaluate(() => localStorage.clear()); // the embed shows the default cell, not the autosave
  await page.goto(`${BASE}#embed=1`);
  await page.reload();
  await page.locator('html[data-state-load="done"]').waitFor({ state: 'attached' });
  await page.getByLabel('h′ (output)', { exact: true }).waitFor();
  await page.setViewportSize({ width: 960, height: 640 });
  await page.screenshot({ path: 'screenshots/embed.png' });
  await page.close();
  await teacherViews(browser);
  console.log(
    'wrote screenshots/default.png, h256.png, h256-zoom4.png, lens-keras.png, sequence.png, embed.png, and lesson / hover / probe views at 1280×800, 1440×900, 800×900',
  );
} finally {
  await browser.close();
  stop();
}

/**
 * What a teacher sees at a laptop, a large screen and a narrow window: a lesson opened from the list (its
 * text, its band and h′ together), a hovered cell's popover, and the colours after one ±20 probe.
 */
async function teacherViews(browser) {
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
    [800, 900],
  ]) {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(BASE);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByLabel('h′ (output)', { exact: true }).waitFor();
    await page.locator('a[data-lesson="find-z"]').click();
    await page.getByRole('region', { name: 'Lesson guide' }).getByRole('status').waitFor();
    await page.waitForFunction(() => window.scrollY > 0);
    await page.screenshot({ path: `screenshots/lesson-${width}x${height}.png` });
    await page.getByRole('button', { name: 'Close the lesson' }).click();
    await page.getByRole('toolbar', { name: 'Paint tools' }).getByRole('button', { name: 'Reset' }).click();
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    const hh = page.locator('canvas[data-grid="weight_hh"][data-row-start="4"]');
    await hh.scrollIntoViewIfNeeded();
    const box = await hh.boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3);
    await page.getByRole('tooltip').waitFor();
    await page.screenshot({ path: `screenshots/hover-${width}x${height}.png` });
    await page.getByRole('button', { name: 'Fill band F' }).click();
    await page.getByRole('textbox', { name: 'Brush value', exact: true }).fill('20');
    await page.getByRole('textbox', { name: 'Brush value', exact: true }).press('Enter');
    const bias = await page.locator('canvas[data-grid="bias_hh"][data-row-start="4"]').boundingBox();
    await page.mouse.click(bias.x + bias.width / 2, bias.y + 4);
    await page.locator('figure.legend[data-clipped="4"]').waitFor();
    await page.mouse.move(1, 1);
    await page.screenshot({ path: `screenshots/probe-${width}x${height}.png` });
    await page.close();
  }
}
