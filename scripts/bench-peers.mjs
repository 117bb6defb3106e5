// GRU Explorer's cell beside its peers (../shared/peers: onnxruntime-node 1 thread and default, onnxruntime-web
// wasm, tfjs CPU, a textbook JS loop), with both of its kernels, then a 500-step sequence at H = 256 against
// 500 onnxruntime forwards. Set up ../shared/peers first as its README says.
//
//   npm run bench:peers                    builds build/core, then runs this (~5 min)
//   npm run bench:peers -- --quick         the harness's shorter sampling
//
// The harness takes one `--extra` cell per run, so it runs twice: every peer plus the cell as it ships
// (WebAssembly SIMD; plain JS for the tiniest products), then the cell with the plain-JS kernel alone.
// Writes reports/bench-peers.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gruSequence, initKernels, seededRng, useKernels } from '../build/core/gru-explorer-core.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PEERS = path.resolve(process.env.PEERS_DIR ?? path.join(ROOT, '../shared/peers'));
const QUICK = process.argv.includes('--quick');
for (const a of process.argv.slice(2)) if (a !== '--quick') throw new Error(`unknown argument ${a}; known: --quick`);
if (!existsSync(path.join(PEERS, 'node_modules')) || !existsSync(path.join(PEERS, 'models'))) {
  console.error(`${PEERS} is not set up: run its npm ci and make_models.py first (see its README)`);
  process.exit(2);
}

function harness(kernel, extraArgs) {
  const args = [
    path.join(PEERS, 'bench.mjs'),
    `--extra=${path.join(ROOT, 'scripts/peer-cell.mjs')}`,
    ...extraArgs,
    ...(QUICK ? ['--quick'] : []),
  ];
  const run = spawnSync(process.execPath, args, {
    cwd: PEERS,
    env: { ...process.env, PEER_KERNEL: kernel },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`the peer harness failed (PEER_KERNEL=${kernel})`);
  const result = JSON.parse(readFileSync(path.join(PEERS, 'results', 'latest.json'), 'utf8'));
  if (!result.meta.extra?.endsWith('peer-cell.mjs')) throw new Error('results/latest.json is not from this run');
  return result;
}

console.log('== peers and the shipped cell (PEER_KERNEL=shipped) ==');
const full = harness('shipped', []);
console.log('\n== the plain-JS kernel (PEER_KERNEL=js) ==');
const jsOnly = harness('js', ['--impls=extra']);

// ---- 500 steps at H = 256 against 500 onnxruntime forwards ------------------------------------------
if ((await initKernels()) !== 'wasm') throw new Error('the WebAssembly kernels did not load');
const T = 500;
const H = 256;
const rng = seededRng(11);
const k = 1 / Math.sqrt(H);
const fill = (n, s) => Float32Array.from({ length: n }, () => (2 * rng() - 1) * s);
const weights = {
  inputSize: H,
  hiddenSize: H,
  weightIh: fill(3 * H * H, k),
  weightHh: fill(3 * H * H, k),
  biasIh: fill(3 * H, k),
  biasHh: fill(3 * H, k),
};
const xs = fill(T * H, 1);
const h0 = new Float32Array(H);
// CPU time (this process's user + system) as well as wall time: a run of a tenth of a second on a busy
// machine is descheduled part of the time, which the harness's medians of ~1 ms bursts are not.
function sequenceMs(kernel) {
  useKernels(kernel);
  gruSequence(weights, xs, h0, T, 1); // warm-up
  const wall = [];
  const cpu = [];
  for (let i = 0; i < (QUICK ? 3 : 7); i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    gruSequence(weights, xs, h0, T, 1);
    const u = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((u.user + u.system) / 1000);
  }
  useKernels('fastest');
  const median = (a) => a.sort((p, q) => p - q)[Math.floor(a.length / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}
const seq = { wasm: sequenceMs('wasm'), js: sequenceMs('js') };

// ---- one table --------------------------------------------------------------------------------------
const fmt = (v) => (v == null ? '-' : v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : v.toFixed(0));
const cases = full.cases.map((c) => c.name);
const rows = [
  ...Object.keys(full.cases[0].impls).map((impl) => [
    impl === 'extra' ? 'ours (wasm, shipped)' : impl,
    (c) => full.cases.find((x) => x.name === c).impls[impl]?.medianUs,
  ]),
  ['ours (plain JS)', (c) => jsOnly.cases.find((x) => x.name === c)?.impls.extra?.medianUs],
  ['floor (JS sum)', (c) => full.cases.find((x) => x.name === c).floorUs],
  ['native read est.', (c) => full.cases.find((x) => x.name === c).nativeFloorUs],
];
const med = (c, impl) => full.cases.find((x) => x.name === c).impls[impl]?.medianUs;
const ratioRows = [
  ['ours ÷ ort-node-1t', (c) => med(c, 'extra') / med(c, 'ort-node-1t')],
  ['ours ÷ ort-web', (c) => med(c, 'extra') / med(c, 'ort-web-wasm-1t')],
  ['ours ÷ native read', (c) => med(c, 'extra') / full.cases.find((x) => x.name === c).nativeFloorUs],
  ['plain JS ÷ ours', (c) => jsOnly.cases.find((x) => x.name === c).impls.extra.medianUs / med(c, 'extra')],
];
const w = 18;
const lines = [
  '',
  `median µs per forward, batch as named (gru_I_H_N); ${full.meta.cpu}, node ${full.meta.node}; max error vs PyTorch: ours ` +
    full.cases.map((c) => c.impls.extra.maxAbsErr.toExponential(1)).join(' / '),
  'impl'.padEnd(22) + cases.map((c) => c.padStart(w)).join(''),
  ...rows.map(([name, get]) => name.padEnd(22) + cases.map((c) => fmt(get(c)).padStart(w)).join('')),
  ...ratioRows.map(([name, get]) => name.padEnd(22) + cases.map((c) => get(c).toFixed(2).padStart(w)).join('')),
  '',
  `sequence of ${T} steps at I = H = ${H}, batch 1: ours ${seq.wasm.cpu.toFixed(1)} ms CPU (${seq.wasm.wall.toFixed(1)} ms wall); ` +
    `plain JS ${seq.js.cpu.toFixed(1)} ms CPU (${seq.js.wall.toFixed(1)} wall)`,
  `  ${T} onnxruntime-node forwards ${((T * med('gru_256_256_1', 'ort-node-1t')) / 1000).toFixed(1)} ms → ours ${(seq.wasm.cpu / ((T * med('gru_256_256_1', 'ort-node-1t')) / 1000)).toFixed(2)}× (CPU); ` +
    `${T} onnxruntime-web forwards ${((T * med('gru_256_256_1', 'ort-web-wasm-1t')) / 1000).toFixed(1)} ms → ${(seq.wasm.cpu / ((T * med('gru_256_256_1', 'ort-web-wasm-1t')) / 1000)).toFixed(2)}×`,
];
console.log(lines.join('\n'));
mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
writeFileSync(
  path.join(ROOT, 'reports', 'bench-peers.json'),
  JSON.stringify({ date: new Date().toISOString(), full, jsOnly, sequence: { T, H, ...seq }, table: lines }, null, 1),
);
console.log('wrote reports/bench-peers.json');
