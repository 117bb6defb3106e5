// Training speed: ms per training step (forward + backward + Adam) of GRU Explorer's trainer (on the
// WebAssembly SIMD kernels the page uses, and on the plain-JS kernels) beside
// real PyTorch 1.13 on one thread (nn.GRU and an nn.GRUCell loop, scripts/bench_train_torch.py) and
// tfjs's pure-JS CPU backend (../shared/peers), all in one run, on the adding problem's shapes:
// I = 2, read-out H → 1 at the last step, MSE, Adam lr 1e-3, no clipping.
//
//   npm run bench:train                 builds build/core, then runs this (~2 min)
//   npm run bench:train -- --quick      one round, fewer samples
//   npm run bench:train -- --no-tfjs    skip tfjs (also skipped, with a note, when ../shared/peers is not installed)
//
// Implementations are sampled in interleaved rounds (each case: ours on wasm, ours on JS, torch nn.GRU,
// torch GRUCell loop, tfjs), so load from the rest of the machine spreads over all of them; figures are medians.
// Writes reports/bench-train.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTrainer, initKernels, useKernels } from '../build/core/gru-explorer-core.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PEERS = path.resolve(ROOT, '..', 'shared', 'peers');
const args = new Set(process.argv.slice(2));
for (const a of args) if (!['--quick', '--no-tfjs'].includes(a)) throw new Error(`unknown argument ${a}; known: --quick, --no-tfjs`);
const QUICK = args.has('--quick');
const ROUNDS = QUICK ? 1 : 3;
const ROUND_MS = QUICK ? 600 : 2500; // time budget per implementation, case and round

const CASES = [
  { H: 16, T: 20, B: 16 },
  { H: 64, T: 50, B: 32 },
  { H: 256, T: 50, B: 32 },
];
const I = 2;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---------------------------------------------------------------- GRU Explorer (wasm SIMD and plain-JS kernels)
const WASM = (await initKernels()) === 'wasm';
if (!WASM) console.log('the WebAssembly kernels did not load: GRU Explorer runs on the plain-JS kernels only');
const ours = new Map();
/** A step of our trainer on one kernel set ('fastest' = what the page picks: wasm for every product big enough). */
function oursStep(c, kernels) {
  const key = `${c.H}/${c.T}/${c.B}/${kernels}`;
  if (!ours.has(key)) {
    useKernels(kernels);
    const trainer = createTrainer({
      task: 'adding',
      steps: c.T,
      batch: c.B,
      hiddenSize: c.H,
      optimizer: 'adam',
      lr: 1e-3,
      clip: 0,
      seed: 1,
    });
    trainer.step();
    trainer.step();
    ours.set(key, () => {
      useKernels(kernels);
      trainer.step();
    });
  }
  return ours.get(key);
}

// ---------------------------------------------------------------- PyTorch (a child process)
const torch = spawn('/usr/bin/python3', [path.join(ROOT, 'scripts', 'bench_train_torch.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
const torchLines = readline.createInterface({ input: torch.stdout })[Symbol.asyncIterator]();
let torchVersion = '?';
async function torchSteps(impl, c, steps) {
  torch.stdin.write(`${JSON.stringify({ impl, ...c, steps })}\n`);
  const { value, done } = await torchLines.next();
  if (done) throw new Error('the PyTorch process ended (is python3-torch installed for /usr/bin/python3?)');
  const reply = JSON.parse(value);
  torchVersion = `${reply.torch}, ${reply.threads} thread`;
  return reply.ms;
}

// ---------------------------------------------------------------- tfjs CPU backend
let tf = null;
if (!args.has('--no-tfjs')) {
  if (existsSync(path.join(PEERS, 'node_modules', '@tensorflow', 'tfjs'))) {
    tf = createRequire(path.join(PEERS, 'package.json'))('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    await tf.ready();
    tf.backend().firstUse = false;
  } else {
    console.log(`tfjs skipped: install ${PEERS} first (see its README)`);
  }
}
const tfjs = new Map();
function tfjsStep(c) {
  const key = `${c.H}/${c.T}/${c.B}`;
  if (!tfjs.has(key)) {
    const { H, T, B } = c;
    const u = (shape, s) => tf.variable(tf.randomUniform(shape, -s, s));
    const s = 1 / Math.sqrt(H);
    const v = { Wih: u([3 * H, I], s), Whh: u([3 * H, H], s), bih: u([3 * H], s), bhh: u([3 * H], s), Wo: u([1, H], s), bo: u([1], s) };
    const xs = tf.unstack(tf.randomUniform([T, B, I]));
    const target = tf.randomUniform([B, 1]);
    const optimizer = tf.train.adam(1e-3);
    // PyTorch's equations with tf ops (reset-after; tf.layers' GRU cell differs), as the peer benchmark does.
    const loss = () => {
      let h = tf.zeros([B, H]);
      for (let t = 0; t < T; t++) {
        const gi = tf.add(tf.matMul(xs[t], v.Wih, false, true), v.bih);
        const gh = tf.add(tf.matMul(h, v.Whh, false, true), v.bhh);
        const [ir, iz, inn] = tf.split(gi, 3, 1);
        const [hr, hz, hn] = tf.split(gh, 3, 1);
        const r = tf.sigmoid(tf.add(ir, hr));
        const z = tf.sigmoid(tf.add(iz, hz));
        const n = tf.tanh(tf.add(inn, tf.mul(r, hn)));
        h = tf.add(n, tf.mul(z, tf.sub(h, n)));
      }
      const y = tf.add(tf.matMul(h, v.Wo, false, true), v.bo);
      return tf.losses.meanSquaredError(target, y);
    };
    const step = () => tf.tidy(() => optimizer.minimize(loss, false, Object.values(v)));
    step();
    tfjs.set(key, step);
  }
  return tfjs.get(key);
}

// ---------------------------------------------------------------- rounds
function timeJs(step, budgetMs, maxSteps = 200) {
  const ms = [];
  const start = performance.now();
  while (ms.length < maxSteps && (ms.length < 2 || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    step();
    ms.push(performance.now() - t0);
  }
  return ms;
}

const samples = {};
const add = (c, impl, ms) => ((samples[`${c.H},${c.T},${c.B}`] ??= {})[impl] ??= []).push(...ms);
for (let round = 0; round < ROUNDS; round++) {
  for (const c of CASES) {
    const oursMs = timeJs(oursStep(c, WASM ? 'fastest' : 'js'), ROUND_MS);
    add(c, 'ours', oursMs);
    if (WASM) add(c, 'ours-js', timeJs(oursStep(c, 'js'), ROUND_MS));
    const per = median(oursMs);
    // Torch gets about the same wall-clock budget: a step count from our own step time (at least 2).
    for (const impl of ['gru', 'cell'])
      add(c, `torch-${impl}`, await torchSteps(impl, c, Math.max(2, Math.min(200, Math.round(ROUND_MS / (per * 1.5))))));
    if (tf) add(c, 'tfjs', timeJs(tfjsStep(c), ROUND_MS / 2, c.H >= 256 ? 2 : 50));
    process.stdout.write(`round ${round + 1}/${ROUNDS} (${c.H}, ${c.T}, ${c.B}) done\n`);
  }
}
torch.stdin.end();

const rows = CASES.map((c) => {
  const s = samples[`${c.H},${c.T},${c.B}`];
  const m = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, median(v)]));
  return { ...c, medianMs: m, samples: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length])) };
});
const fmt = (x) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(x >= 10 ? 1 : 2));
console.log(`\nms per training step (forward + backward + Adam), median; PyTorch ${torchVersion}; ${os.cpus()[0].model}`);
console.log('| (H, T, B) | GRU Explorer (wasm) | GRU Explorer (JS) | torch nn.GRU | torch GRUCell loop | tfjs CPU | vs nn.GRU | vs tfjs |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const m = r.medianMs;
  const vsTorch = m['torch-gru'] / m.ours;
  const vsTf = m.tfjs ? `${(m.tfjs / m.ours).toFixed(1)}× faster` : '—';
  console.log(
    `| (${r.H}, ${r.T}, ${r.B}) | ${fmt(m.ours)} | ${fmt(m['ours-js'])} | ${fmt(m['torch-gru'])} | ${fmt(m['torch-cell'])} | ${fmt(m.tfjs)} | ` +
      `${vsTorch >= 1 ? `${vsTorch.toFixed(2)}× faster` : `${(1 / vsTorch).toFixed(2)}× slower`} | ${vsTf} |`,
  );
}
mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
writeFileSync(
  path.join(ROOT, 'reports', 'bench-train.json'),
  JSON.stringify({ node: process.version, torch: torchVersion, rows }, null, 1),
);
