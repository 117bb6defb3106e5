// `npm test`: the WebAssembly kernels; the type checks, ESLint, knip and Prettier's check side by side; unit tests
// (Vitest) then browser tests (Playwright on the built app), both always run. Ends with each step's wall time and one
// line "N passed, N failed" summed from their JSON reports, and exits non-zero when anything failed or a runner
// produced no report.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = 'reports';
mkdirSync(REPORTS, { recursive: true });
const vitestReport = `${REPORTS}/vitest.json`;
const playwrightReport = `${REPORTS}/playwright.json`;
for (const f of [vitestReport, playwrightReport]) rmSync(f, { force: true });

// Each step's wall time is printed at the end, so a slow suite says where its minutes went.
const timings = [];
const run = (cmd, args) => {
  const start = performance.now();
  const status = spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
  timings.push(`${[cmd, ...args.slice(0, 2)].join(' ')}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return status;
};

/** Runs several single-threaded checks at once (one per core is idle otherwise); each one's output is printed whole when it ends. */
const runTogether = (commands) =>
  Promise.all(
    commands.map(
      ([cmd, args]) =>
        new Promise((resolve) => {
          const start = performance.now();
          const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
          const output = [];
          child.stdout.on('data', (d) => output.push(d));
          child.stderr.on('data', (d) => output.push(d));
          const done = (status) => {
            process.stdout.write(Buffer.concat(output));
            timings.push(`${[cmd, ...args].join(' ')}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
            resolve(status ?? 1);
          };
          child.on('error', () => done(1));
          child.on('close', done);
        }),
    ),
  );

// The WebAssembly kernels first (Vitest and Vite build them too when stale; this makes a failure to compile
// them plain), then types and lint: quick, and a failure is reported but does not stop the tests.
const wasmStatus = run('node', ['scripts/build-wasm.mjs']);
const [appTypes, coreTypes, eslintStatus, knipStatus, formatStatus] = await runTogether([
  ['npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['npx', ['tsc', '--noEmit', '-p', 'tsconfig.core.json']],
  ['npx', ['eslint', '.']],
  ['npx', ['knip']], // exports, files and dependencies nothing uses
  ['npx', ['prettier', '--check', '.']],
]);
const lintStatus = eslintStatus || knipStatus || formatStatus;
const typeStatus = appTypes || coreTypes;
const unitStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
const buildStatus = run('npx', ['vite', 'build', '--logLevel', 'warn']);
const e2eStatus = buildStatus === 0 ? run('npx', ['playwright', 'test']) : 1;

let passed = 0;
let failed = 0;
let problems = 0;
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numTotalTests === 0) problems++;
} else problems++;
if (existsSync(playwrightReport)) {
  const s = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  if (s.expected + s.unexpected === 0) problems++;
} else problems++;
if (wasmStatus) console.error('the WebAssembly kernels did not compile');
if (typeStatus) console.error('tsc found type errors');
if (eslintStatus) console.error('eslint found problems');
if (knipStatus) console.error('knip found unused exports, files or dependencies');
if (formatStatus) console.error('prettier found unformatted files (npm run format rewrites them)');
if (problems) console.error(`${problems} test runner(s) ran no test or wrote no report (build status ${buildStatus})`);
console.log(`steps: ${timings.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(wasmStatus || typeStatus || lintStatus || unitStatus || e2eStatus || failed || problems ? 1 : 0);
