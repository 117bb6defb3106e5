// Wall time of GRU Explorer's heavier one-shot core operations: the layout detective (72 hypotheses on one
// observation) and the orthogonal initializer. Median of several runs after a warm-up run.
//
//   vite build --config vite.core.config.ts && node scripts/bench-core-ops.mjs [--core=dir] [--runs=N] [--only=detective|orthogonal]
//
// --core picks another build of the core (e.g. one made from an older commit with --outDir), so two
// versions can be timed on the same machine one after the other.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const opts = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--(core|runs|only)=(.+)$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}; known: --core=dir --runs=N --only=detective|orthogonal`);
    return [m[1], m[2]];
  }),
);
const coreDir = path.resolve(opts.core ?? path.join(ROOT, 'build/core'));
const RUNS = Number(opts.runs ?? 5);
const core = await import(pathToFileURL(path.join(coreDir, 'gru-explorer-core.js')).href);
const { detectGruLayout, gruCell, orthogonalMatrix, seededRng } = core;

function fill(n, rng, scale) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (2 * rng() - 1) * scale;
  return a;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  fn(); // warm-up
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return ms;
}

const fmt = (ms) => ms.map((v) => v.toFixed(0)).join(' ');
console.log(`core: ${path.relative(ROOT, coreDir) || '.'}; node ${process.version}; median of ${RUNS} runs (ms)`);

if (!opts.only || opts.only === 'detective') {
  for (const [I, H, batch] of [
    [256, 256, 1],
    [256, 256, 4],
    [1024, 1024, 1],
    [1024, 1024, 4],
  ]) {
    const rng = seededRng(7);
    const k = 1 / Math.sqrt(H);
    const w = {
      inputSize: I,
      hiddenSize: H,
      weightIh: fill(3 * H * I, rng, k),
      weightHh: fill(3 * H * H, rng, k),
      biasIh: fill(3 * H, rng, k),
      biasHh: fill(3 * H, rng, k),
    };
    const x = fill(batch * I, rng, 1);
    const h = fill(batch * H, rng, 1);
    const hNext = gruCell(w, x, h, batch).h;
    let best;
    const ms = time(() => {
      best = detectGruLayout(w, { x, h, hNext, batch }).best;
    });
    if (best.maxError !== 0) throw new Error('detective lost PyTorch layout');
    console.log(`detective ${I}×${H} batch ${batch}: ${median(ms).toFixed(0)} ms  (${fmt(ms)})`);
  }
}

if (!opts.only || opts.only === 'orthogonal') {
  for (const [rows, cols] of [
    [256, 256],
    [1024, 1024],
    [3072, 1024],
  ]) {
    let sum = 0;
    const ms = time(() => {
      const rng = seededRng(3);
      // Box–Muller from the seeded uniform stream: only the timing matters here.
      const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      const q = orthogonalMatrix(rows, cols, normal);
      sum = q[0] + q[q.length - 1];
    });
    console.log(`orthogonal ${rows}×${cols}: ${median(ms).toFixed(0)} ms  (${fmt(ms)})  [checksum ${sum}]`);
  }
}
