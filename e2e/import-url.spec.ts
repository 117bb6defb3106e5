// ?url=<checkpoint or configuration>: the page fetches the file (same-origin, or cross-origin when the server allows
// it with CORS) and reads it like a dropped file; a failed fetch or a refused file says why and changes nothing.
// Cross-origin files come from a loopback server started here (127.0.0.1 only).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LESSONS } from '../src/lessons/lessons';
import { encodeState } from '../src/share/codec';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const expected = JSON.parse(readFileSync('src/formats/fixtures/expected.json', 'utf8')) as {
  files: Record<string, { tensors: { name: string; values: number[] }[] }>;
};
const tensor = (file: string, name: string) => expected.files[file].tensors.find((t) => t.name === name)!.values;
/** The details panel shows float32 values to 9 significant digits. */
const shown = (v: number) => String(Number(Math.fround(v).toPrecision(9)));

const fixture = (name: string) => readFileSync(`src/formats/fixtures/${name}`);
const findZ = LESSONS.find((l) => l.id === 'find-z')!;
const config = JSON.stringify({ format: 'gru-explorer', version: 1, state: encodeState(findZ.build()) });

let server: Server;
let origin = '';
test.beforeAll(async () => {
  // /cors/<fixture> allows any site to read it; /plain/<fixture> sends no CORS header; anything else is 404.
  server = createServer((req, res) => {
    if (req.url === '/cors/huge.pt') {
      // Claims 300 MB: the page must refuse it from the header and stop reading.
      res.writeHead(200, { 'Content-Length': 300_000_000, 'Access-Control-Allow-Origin': '*' });
      res.write(Buffer.alloc(1024));
      return;
    }
    const m = /^\/(cors|plain)\/([\w.-]+)$/.exec(req.url ?? '');
    const body =
      m?.[2] === 'find-z.json'
        ? Buffer.from(config)
        : m
          ? (() => {
              try {
                return fixture(m[2]);
              } catch {
                return null;
              }
            })()
          : null;
    if (!m || !body) {
      res.writeHead(404, m?.[1] === 'cors' ? { 'Access-Control-Allow-Origin': '*' } : {});
      return res.end('not found');
    }
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': body.length,
      ...(m[1] === 'cors' ? { 'Access-Control-Allow-Origin': '*' } : {}),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const importPanel = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'Import checkpoint' });

test('a same-origin checkpoint opens from ?url= and the parameter leaves the address', async ({ explorer }) => {
  const page = explorer.page;
  await page.route(
    (url) => url.pathname === '/models/gru_cell.safetensors',
    (route) => route.fulfill({ body: fixture('gru_cell.safetensors'), contentType: 'application/octet-stream' }),
  );
  await page.goto('/?url=/models/gru_cell.safetensors');
  await expect(importPanel(page).getByText(/^Loaded /)).toHaveText('Loaded nn.GRUCell from gru_cell.safetensors: I = 3, H = 4.');
  await explorer.expectCellValue('weight_hh', 5, 2, shown(tensor('gru_cell.safetensors', 'weight_hh')[5 * 4 + 2]));
  expect(new URL(page.url()).searchParams.has('url')).toBe(false);
});

test('a cross-origin checkpoint whose server allows CORS opens from ?url=', async ({ explorer }) => {
  const page = explorer.page;
  await page.goto(`/?url=${encodeURIComponent(`${origin}/cors/gru_cell.pt`)}`);
  await expect(importPanel(page).getByText(/^Loaded /)).toHaveText('Loaded nn.GRUCell from gru_cell.pt: I = 3, H = 4.');
  await explorer.expectCellValue('bias_hh', 9, 0, shown(tensor('gru_cell.pt', 'bias_hh')[9]));
});

test('a configuration file opens from ?url= as the state it holds', async ({ explorer }) => {
  const page = explorer.page;
  await page.goto(`/?url=${encodeURIComponent(`${origin}/cors/find-z.json`)}`);
  // find-z: every weight 0, bias_hh z band 20 (z = 1), h row k = k + 1: h′ = h.
  await expect.poll(async () => (await explorer.values('h (previous state)')).slice(0, 4)).toEqual([1, 1, 1, 1]);
  await explorer.expectValues('h′ (output)', await explorer.values('h (previous state)'));
  await explorer.expectCellValue('bias_hh', 5, 0, 20);
});

test('a fetch that fails or a file that is refused says why and what to do, and changes nothing', async ({ explorer }, testInfo) => {
  const page = explorer.page;
  const cases = [
    {
      url: `${origin}/plain/gru_cell.pt`,
      says: /could not be fetched: the server did not answer, or it does not let other sites read the file \(CORS\)\. Download it and drop it on the page instead\./,
    },
    { url: `${origin}/cors/missing.pt`, says: /answered 404 Not Found: check the link\./ },
    {
      url: `${origin}/cors/whole_model.pt`,
      says: /^whole_model\.pt was not imported\. This file holds a whole pickled model, not a state_dict: save model\.state_dict\(\) instead/,
    },
    { url: `${origin}/cors/huge.pt`, says: /The file is 300 MB; files opened from a link are at most 256 MB/ },
    { url: 'javascript:alert(1)', says: /Only http:\/\/ and https:\/\/ addresses are opened/ },
  ];
  for (const { url, says } of cases) {
    await page.goto(`/?url=${encodeURIComponent(url)}`);
    const alert = importPanel(page).getByRole('alert');
    await expect(alert).toContainText(says);
    await expect(alert).toContainText('Nothing was changed.');
    // The default weights are still there.
    await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', /\S/);
    await expect(importPanel(page).getByText(/^Loaded /)).toHaveCount(0);
    if (url.includes('whole_model')) await importPanel(page).screenshot({ path: testInfo.outputPath('url-refused.png') });
  }
  // The browser itself logs the refused requests (the CORS block, the 404); nothing else may be logged.
  const expectedLogs = /CORS policy|Failed to load resource|net::ERR_FAILED/;
  expect(explorer.errors.filter((e) => !expectedLogs.test(e))).toEqual([]);
  expect(explorer.errors.length).toBeGreaterThan(0);
  explorer.errors.length = 0;
});
