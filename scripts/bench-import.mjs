// Import benchmark of GRU Explorer with a real 25 MB checkpoint, torch.save(nn.GRUCell(1024, 1024).state_dict()),
// made by scripts/make_big_checkpoint.py (PyTorch from /usr/bin/python3) into a temporary directory.
//
//   npm run bench:import                 builds its own copies, then runs this (~1–2 min)
//   node scripts/bench-import.mjs --runs=3 --node-runs=7
//
// Prints
//   - Node: importGrus on the .pt bytes (zip, CRC-32, safe pickle, tensor copies, GRU search), median of runs;
//   - Chromium: time from the file input's change event to the panel's "Loaded …" line, the phases the panel
//     showed (reading, parsing), and the longest main-thread task (PerformanceObserver 'longtask') during the
//     import and in the seconds after it (the page then draws and autosaves 6.3 M weights).
// Builds go to build/core-import and dist-bench-import and the page is served on 127.0.0.1:4195, so the run
// never meets another session's dist/ or port. It is a benchmark, not a test: it exits 0.
// Writes reports/bench-import.json.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, preview } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 4195;
const CORE_DIR = path.join(ROOT, 'build/core-import');
const DIST_DIR = path.join(ROOT, 'dist-bench-import');
/** After "Loaded", the page is watched until no long task has started for this long (the autosave runs then). */
const QUIET_MS = 2000;
const SETTLE_LIMIT_MS = 60_000;

const opts = { runs: 3, nodeRuns: 7 };
for (const arg of process.argv.slice(2)) {
  const [key, value] = arg.replace(/^--/, '').split('=');
  if (key === 'runs' && Number(value) > 0) opts.runs = Number(value);
  else if (key === 'node-runs' && Number(value) > 0) opts.nodeRuns = Number(value);
  else throw new Error(`unknown argument ${arg}; known: --runs=N --node-runs=N`);
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (v) => `${v.toFixed(0)} ms`;

// ---- the checkpoint ---------------------------------------------------------------------------------
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gru-bench-import-'));
execFileSync('/usr/bin/python3', [path.join(ROOT, 'scripts/make_big_checkpoint.py'), tmp], { stdio: 'pipe' });
const checkpoint = path.join(tmp, 'gru_cell_1024.pt');
const bytes = new Uint8Array(readFileSync(checkpoint));
console.log(`checkpoint: ${path.basename(checkpoint)}, ${(bytes.length / 1e6).toFixed(1)} MB (nn.GRUCell(1024, 1024), PyTorch)`);

// ---- builds -------------------------------------------------------------------------------------------
process.chdir(ROOT);
await build({ configFile: path.join(ROOT, 'vite.core.config.ts'), logLevel: 'warn', build: { outDir: CORE_DIR, emptyOutDir: true } });
await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST_DIR, emptyOutDir: true } });

// ---- Node -------------------------------------------------------------------------------------------
const core = await import(pathToFileURL(path.join(CORE_DIR, 'gru-explorer-core.js')).href);
const nodeTimes = [];
for (let i = 0; i < opts.nodeRuns + 1; i++) {
  const t0 = performance.now();
  const [gru] = core.importGrus(bytes, 'gru_cell_1024.pt');
  const t = performance.now() - t0;
  if (gru.weights.hiddenSize !== 1024) throw new Error(`read H = ${gru.weights.hiddenSize}`);
  if (i > 0) nodeTimes.push(t); // the first run also compiles the readers
}
const nodeMedian = median(nodeTimes);
console.log(
  `Node importGrus: median ${ms(nodeMedian)} over ${nodeTimes.length} runs (min ${ms(Math.min(...nodeTimes))}, max ${ms(Math.max(...nodeTimes))})`,
);

// ---- Chromium -----------------------------------------------------------------------------------------
const server = await preview({
  configFile: path.join(ROOT, 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: DIST_DIR },
  preview: { host: '127.0.0.1', port: PORT, strictPort: true },
});
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath: systemChromium, args: ['--disable-gpu', '--disable-quic'] });
const browserRuns = [];
try {
  for (let run = 0; run < opts.runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForSelector('canvas[data-grid]');
    // In-page probe: long tasks, the change event, each status the panel shows, and the "Loaded" line.
    await page.evaluate(() => {
      const probe = { longTasks: [], change: null, loaded: null, statuses: [] };
      window.importProbe = probe;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
      document
        .querySelector('input[aria-label="Checkpoint file"]')
        .addEventListener('change', () => (probe.change ??= performance.now()), { capture: true });
      const panel = document.querySelector('section[aria-label="Import checkpoint"]');
      new MutationObserver(() => {
        const status = panel.querySelector('[role=status]')?.textContent ?? '';
        const last = probe.statuses.at(-1);
        if (status && status.replace(/[\d.]+/g, '#') !== last?.text.replace(/[\d.]+/g, '#'))
          probe.statuses.push({ at: performance.now(), text: status });
        if (!probe.loaded && [...panel.querySelectorAll('p')].some((p) => p.textContent.startsWith('Loaded ')))
          probe.loaded = performance.now();
      }).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByLabel('Checkpoint file').setInputFiles(checkpoint);
    await page.waitForFunction(() => window.importProbe.loaded !== null, null, { timeout: 120_000, polling: 100 });
    // Watch on until the page has been quiet for QUIET_MS (the 1024 model is drawn and autosaved after "Loaded").
    const settled = Date.now();
    for (;;) {
      await page.waitForTimeout(500);
      const quiet = await page.evaluate(() => {
        const p = window.importProbe;
        const lastEnd = Math.max(p.loaded, ...p.longTasks.map((t) => t.start + t.duration));
        return performance.now() - lastEnd;
      });
      if (quiet >= QUIET_MS || Date.now() - settled > SETTLE_LIMIT_MS) break;
    }
    const probe = await page.evaluate(() => window.importProbe);
    if (probe.change === null) throw new Error("the probe missed the file input's change event");
    const during = probe.longTasks.filter((t) => t.start + t.duration > probe.change && t.start < probe.loaded);
    const after = probe.longTasks.filter((t) => t.start >= probe.loaded);
    const parseStart = probe.statuses.find((s) => s.text.startsWith('Parsing'))?.at ?? NaN;
    const result = {
      loadedMs: probe.loaded - probe.change,
      readingMs: parseStart - probe.change,
      longestDuringMs: Math.max(0, ...during.map((t) => t.duration)),
      longTasksDuring: during.length,
      longestAfterMs: Math.max(0, ...after.map((t) => t.duration)),
      longTasksAfter: after.length,
      statuses: probe.statuses.map((s) => `${(s.at - probe.change).toFixed(0)} ms ${s.text}`),
    };
    browserRuns.push(result);
    console.log(
      `Chromium run ${run + 1}: change → "Loaded" ${ms(result.loadedMs)} (reading ${ms(result.readingMs)}); ` +
        `longest task during the import ${ms(result.longestDuringMs)} (${result.longTasksDuring} long tasks), ` +
        `after it ${ms(result.longestAfterMs)} (${result.longTasksAfter})`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
}

const summary = {
  date: new Date().toISOString(),
  cpu: os.cpus()[0]?.model,
  cores: os.cpus().length,
  fileBytes: bytes.length,
  node: { medianMs: nodeMedian, runsMs: nodeTimes },
  chromium: {
    medianLoadedMs: median(browserRuns.map((r) => r.loadedMs)),
    medianLongestDuringMs: median(browserRuns.map((r) => r.longestDuringMs)),
    medianLongestAfterMs: median(browserRuns.map((r) => r.longestAfterMs)),
    runs: browserRuns,
  },
};
console.log(
  `\nSummary: Node parse ${ms(nodeMedian)}; Chromium change → "Loaded" ${ms(summary.chromium.medianLoadedMs)} (median of ${browserRuns.length}), ` +
    `longest main-thread task during the import ${ms(summary.chromium.medianLongestDuringMs)}, after "Loaded" ${ms(summary.chromium.medianLongestAfterMs)}`,
);
console.log(`Phases of the last run:\n  ${browserRuns.at(-1).statuses.join('\n  ')}`);
mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
writeFileSync(path.join(ROOT, 'reports/bench-import.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log('wrote reports/bench-import.json');
