import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: 1440, height: 1000 } });
p.on('console', (m) => console.log('console', m.type(), m.text()));
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto(process.argv[2] ?? 'http://127.0.0.1:4173/');
await p.waitForTimeout(500);
if (process.argv[4]) { await p.getByLabel('H', { exact: true }).fill(process.argv[4]); await p.getByRole('button', { name: 'Resize' }).click(); await p.waitForTimeout(500); }
await p.screenshot({ path: process.argv[3] ?? '/tmp/shot.png', fullPage: true });
await b.close();
