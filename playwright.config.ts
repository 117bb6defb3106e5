import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Browser: CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if present, else Playwright's own
// browser (installed on a laptop with `npx playwright install chromium`).
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
// E2E_PORT / E2E_DIST let two runs side by side serve their own build (`vite build --outDir dist-x`).
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // Tests wait on what the app signals, never on time; these limits only catch a hang, and must hold on a
  // busy 2-core machine where a worker-heavy step can take several seconds.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  outputDir: dist === 'dist' ? 'test-results' : `test-results-${dist}`,
  reporter: [['list'], ['json', { outputFile: dist === 'dist' ? 'reports/playwright.json' : `reports/playwright-${dist}.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Recording traces makes the browser suite ~1.5× slower on 2 cores (explorer.spec: 48 s against 32 s), so
    // they are off unless PW_TRACE=1 asks for them; a failure still leaves its error and a screenshot.
    trace: process.env.PW_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: systemChromium,
      args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
