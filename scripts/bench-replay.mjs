// Nanoseconds per element of every op a link's recipe replays, measured at I = H = 1024 (median of several
// runs after a warm-up), beside the prices the link decoder's cost model uses (NS_PER_ELEMENT in
// src/share/replayCost.ts), then the model's estimate against the measured time of whole recipes.
//
//   vite build --config vite.core.config.ts && node scripts/bench-replay.mjs [--runs=N]
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(/^--runs=(\d+)$/.exec(process.argv[2] ?? '')?.[1] ?? 5);
const core = await import(pathToFileURL(path.join(ROOT, 'build/core/gru-explorer-core.js')).href);
const {
  applyWeightOp,
  replayWeights,
  pytorchDefaultOps,
  decodeState,
  encodeState,
  defaultRecipe,
  DEFAULT_VIEW,
  opWork,
  NS_PER_ELEMENT,
  SLOW_LAPTOP_FACTOR,
  REPLAY_BUDGET_MS,
} = core;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// CPU time of this process (user + system), not wall time: on a shared machine other processes stretch wall
// time, not the work done. Garbage collection on helper threads is counted too, as it is work the op causes.
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
function timeMs(fn, runs = RUNS) {
  fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = cpuMs();
    fn();
    ms.push(cpuMs() - t);
  }
  return median(ms);
}

const N = 1024;
const W = 3 * N * N; // weight_hh elements
const ALL = 3 * N * (2 * N + 2); // every weight of a 1024 × 1024 cell
const nsPer = (ms, n) => (ms * 1e6) / n;
const zeros = { k: 'zeros', I: N, H: N };
const start = [zeros, ...pytorchDefaultOps(1)];
const startMs = timeMs(() => replayWeights(start));
// Ops are timed in a chain of CHAIN alike ops replayed after a start, as a recipe replays them: each op
// leaves the previous tensor to the garbage collector, and that cost is part of its price.
const CHAIN = 6;
const chainMs = (op) => (timeMs(() => replayWeights([...start, ...Array(CHAIN).fill(op)])) - startMs) / CHAIN;

// Each price is the op's time minus the prices already known, per element of its kind.
const measured = {};
measured.alloc = nsPer(timeMs(() => replayWeights(Array(CHAIN).fill(zeros))) / CHAIN, ALL);
measured.copy = nsPer(chainMs({ k: 'rows', t: 'weight_hh', r0: 0, r1: 1, v: 1 }), W);
const rest = (ms) => nsPer(ms, W) - measured.copy - measured.alloc;
measured.uniform = rest(chainMs({ k: 'init', t: 'weight_hh', spec: { kind: 'pytorch' }, seed: 1 }));
measured.normal = rest(chainMs({ k: 'init', t: 'weight_hh', spec: { kind: 'normal', mean: 0, std: 1 }, seed: 1 }));
measured.fill = Math.max(0, rest(chainMs({ k: 'init', t: 'weight_hh', spec: { kind: 'constant', value: 2 }, seed: 1 })));
const B = 512; // orthogonal on one gate band of weight_hh at H = 512 (512 × 512): the Gram–Schmidt part
const small = replayWeights([{ k: 'zeros', I: B, H: B }]);
const orthogonalMs = timeMs(() =>
  applyWeightOp(small, { k: 'init', t: 'weight_hh', g: 'z', spec: { kind: 'orthogonal', gain: 1 }, seed: 1 }),
);
measured.orthogonal = (orthogonalMs * 1e6 - (measured.copy * 3 * B * B + (measured.alloc + measured.normal) * B * B)) / B ** 3;
const CELLS = 200_000;
const cells = {
  k: 'cells',
  t: 'weight_hh',
  i: Array.from({ length: CELLS }, (_, i) => (i * 7919) % W),
  v: Array.from({ length: CELLS }, (_, i) => i / 7),
};
measured.cell = (chainMs(cells) * 1e6 - measured.copy * W) / CELLS;

console.log(`ns per element at I = H = ${N} (CPU time, median of ${RUNS}), measured here | priced in NS_PER_ELEMENT`);
for (const kind of Object.keys(NS_PER_ELEMENT))
  console.log(`  ${kind.padEnd(11)} ${measured[kind].toFixed(2).padStart(8)} | ${NS_PER_ELEMENT[kind]}`);

// Whole recipes: the model's estimate on this machine (without the slow-laptop factor) beside the measured time.
const estimateMs = (ops) => {
  let ns = 0;
  let I = 1;
  let H = 1;
  for (const op of ops) {
    for (const [kind, n] of Object.entries(opWork(op, I, H))) ns += n * NS_PER_ELEMENT[kind];
    if (op.k === 'zeros' || op.k === 'resize') [I, H] = [op.I, op.H];
  }
  return ns / 1e6;
};
const recipes = {
  'default (3 × 4)': defaultRecipe(),
  'resize default → 1024 × 1024': [...defaultRecipe(), { k: 'resize', I: N, H: N, seed: 0 }],
  'resize 1024 → 1023 → 1024': [
    { k: 'zeros', I: N, H: N },
    { k: 'resize', I: N, H: N - 1, seed: 0 },
    { k: 'resize', I: N, H: N, seed: 0 },
  ],
  '10 default inits at 1024': [
    { k: 'zeros', I: 16, H: N },
    ...Array.from({ length: 10 }, (_, i) => ({ k: 'init', t: 'weight_hh', spec: { kind: 'pytorch' }, seed: i })),
  ],
  'xavier normal + kaiming uniform + 100 rows at 1024': [
    { k: 'zeros', I: N, H: N },
    { k: 'init', t: 'weight_ih', spec: { kind: 'xavierNormal', gain: 1 }, seed: 1 },
    { k: 'init', t: 'weight_hh', g: 'n', spec: { kind: 'kaimingUniform', gain: 1 }, seed: 2 },
    ...Array.from({ length: 100 }, (_, i) => ({ k: 'rows', t: 'bias_hh', r0: i, r1: i + 1, v: 1 })),
  ],
  'orthogonal on weight_ih band at I = 1024, H = 512': [
    { k: 'zeros', I: N, H: 512 },
    { k: 'init', t: 'weight_ih', g: 'r', spec: { kind: 'orthogonal', gain: 1 }, seed: 1 },
  ],
  'orthogonal on a weight_hh band at H = 1024': [
    { k: 'zeros', I: 16, H: N },
    { k: 'init', t: 'weight_hh', g: 'r', spec: { kind: 'orthogonal', gain: 1 }, seed: 1 },
  ],
};
console.log(`\nwhole recipes: measured ms | model's estimate here | × ${SLOW_LAPTOP_FACTOR} slow laptop (budget ${REPLAY_BUDGET_MS} ms)`);
for (const [name, ops] of Object.entries(recipes)) {
  const ms = timeMs(() => replayWeights(ops), Math.min(RUNS, 3));
  const est = estimateMs(ops);
  console.log(
    `  ${name.padEnd(52)} ${ms.toFixed(1).padStart(8)} | ${est.toFixed(1).padStart(8)} | ${(est * SLOW_LAPTOP_FACTOR).toFixed(0).padStart(6)}${est * SLOW_LAPTOP_FACTOR > REPLAY_BUDGET_MS ? ' refused' : ''}`,
  );
}

// Raw floats: decoding a link of a full 1024 × 1024 cell, batch 64 (no recipe), per float.
const rawModel = {
  weights: replayWeights([{ k: 'zeros', I: N, H: N }, ...pytorchDefaultOps(5)]),
  batch: 64,
  x: new Float32Array(64 * N).map((_, i) => Math.sin(i)),
  h: new Float32Array(64 * N).map((_, i) => Math.cos(i)),
};
const text = encodeState({ model: rawModel, recipe: null, view: DEFAULT_VIEW });
const floats = 3 * N * (2 * N + 2) + 2 * 64 * N;
const rawMs = timeMs(() => decodeState(text), 3);
console.log(
  `\nraw 1024 × 1024 batch 64 link (${(text.length / 1e6).toFixed(1)} M characters): decode ${rawMs.toFixed(0)} ms, ${nsPer(rawMs, floats).toFixed(1)} ns per float`,
);
