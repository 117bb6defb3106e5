// Runs GRU Explorer's exported .onnx model in onnxruntime-node and compares h′ with the TypeScript cell.
//
//   node scripts/check-onnx-export.mjs
//
// Needs ../shared/peers/node_modules/onnxruntime-node (see ../shared/peers/README.md); without it the script
// says so and exits 0: nothing in the test suite depends on it. Builds src/export/checkpoint.ts and
// src/gru/cell.ts into build/check-onnx first (its own folder, so it never races other builds).
// Prints the largest |h′ − ours| per case; exits 1 when one exceeds 1e-6.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ORT_DIR = path.resolve(ROOT, '../shared/peers/node_modules/onnxruntime-node');
const TOLERANCE = 1e-6;

if (!existsSync(path.join(ORT_DIR, 'package.json'))) {
  console.log(`onnxruntime-node not found at ${ORT_DIR}: nothing checked.`);
  process.exit(0);
}
const ort = createRequire(import.meta.url)(ORT_DIR);

const OUT = path.join(ROOT, 'build/check-onnx');
await build({
  configFile: false,
  logLevel: 'warn',
  root: ROOT,
  build: {
    outDir: OUT,
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: {
        checkpoint: path.join(ROOT, 'src/export/checkpoint.ts'),
        cell: path.join(ROOT, 'src/gru/cell.ts'),
        random: path.join(ROOT, 'src/init/random.ts'),
      },
      formats: ['es'],
    },
  },
});
const { exportCheckpoint } = await import(pathToFileURL(path.join(OUT, 'checkpoint.js')).href);
const { gruCell } = await import(pathToFileURL(path.join(OUT, 'cell.js')).href);
const { seededRng } = await import(pathToFileURL(path.join(OUT, 'random.js')).href);

/** PyTorch's default init, U(−1/√H, 1/√H), with larger biases so every gate is exercised. */
function randomCase(I, H, batch, seed) {
  const rng = seededRng(seed);
  const k = 1 / Math.sqrt(H);
  const u = (n, scale) => Float32Array.from({ length: n }, () => (rng() * 2 - 1) * scale);
  const weights = {
    inputSize: I,
    hiddenSize: H,
    weightIh: u(3 * H * I, k),
    weightHh: u(3 * H * H, k),
    biasIh: u(3 * H, 1),
    biasHh: u(3 * H, 1),
  };
  return { weights, x: u(batch * I, 2), h: u(batch * H, 1), batch };
}

const CASES = [
  [3, 4, 1],
  [5, 2, 3],
  [64, 64, 1],
  [16, 128, 8],
  [256, 256, 4],
];

let worst = 0;
for (const [I, H, batch] of CASES) {
  const { weights, x, h } = randomCase(I, H, batch, I * 1000 + H);
  const file = exportCheckpoint(weights, 'onnx');
  const session = await ort.InferenceSession.create(file.bytes);
  const feeds = { X: new ort.Tensor('float32', x, [1, batch, I]), initial_h: new ort.Tensor('float32', h, [1, batch, H]) };
  const out = await session.run(feeds);
  const theirs = out.Y_h.data;
  const ours = gruCell(weights, x, h, batch).h;
  let max = 0;
  for (let i = 0; i < ours.length; i++) max = Math.max(max, Math.abs(theirs[i] - ours[i]));
  const sameY = out.Y.data.every((v, i) => Object.is(v, theirs[i]));
  worst = Math.max(worst, max);
  console.log(
    `I = ${I}, H = ${H}, batch = ${batch}: max |h′(onnxruntime) − h′(GRU Explorer)| = ${max.toExponential(2)}${sameY ? '' : ' (Y ≠ Y_h!)'} [${file.bytes.length} bytes]`,
  );
  if (!sameY) worst = Infinity;
  await session.release?.();
}
console.log(`onnxruntime-node ${ort.env?.versions?.common ?? ''}: worst ${worst.toExponential(2)} (limit ${TOLERANCE})`);
process.exit(worst <= TOLERANCE ? 0 : 1);
