// Freezes the link format: writes src/share/fixtures/links.json, a set of links made by the codec of a given
// build, each with the exact state it decodes to (sizes, view, recipe, and a SHA-256 of every array's float32
// bytes). src/share/linkFixtures.test.ts checks that every link still decodes to exactly that state, so a
// change that alters one decoded bit fails.
//
//   vite build --config vite.core.config.ts && node scripts/make-link-fixtures.mjs [--core=dir]
//
// Links already in the file are kept as they are (they are the frozen format); only new distinct links are
// appended. --core encodes with another build of the core (one made from an older commit), so links made by
// earlier versions can be added.
// The recorded state is what the current build (build/core) decodes; with --core the generator also checks that
// the older build decoded its own link to the same sizes, bits and recipe (its view may lack later fields, which
// decode as their defaults).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execSync } from 'node:child_process';
import { linkState } from '../src/share/fixtures/linkState.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'src/share/fixtures/links.json');
const opts = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--(core)=(.+)$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}; known: --core=dir`);
    return [m[1], m[2]];
  }),
);
const coreDir = path.resolve(opts.core ?? path.join(ROOT, 'build/core'));
const core = await import(pathToFileURL(path.join(coreDir, 'gru-explorer-core.js')).href);
const current = await import(pathToFileURL(path.join(ROOT, 'build/core/gru-explorer-core.js')).href);
const { encodeState, replayWeights, pytorchDefaultOps, bandOp, emptyModel, defaultModel, defaultRecipe, seededRng, DEFAULT_VIEW } = core;
const LESSONS = core.LESSONS ?? [];
const madeBy = opts.core ? path.basename(coreDir) : execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();

// ---- the states ------------------------------------------------------------------------------
const view = (extra = {}) => ({ ...DEFAULT_VIEW, ...extra });
function fromRecipe(recipe, { batch = 1, x, h, v } = {}) {
  const weights = replayWeights(recipe);
  const model = emptyModel(weights.inputSize, weights.hiddenSize, batch);
  if (x) model.x.set(x);
  if (h) model.h.set(h);
  return { model: { ...model, weights }, recipe, view: view(v) };
}
const randoms = (n, seed, scale = 1) => {
  const rng = seededRng(seed);
  return Float32Array.from({ length: n }, () => (2 * rng() - 1) * scale);
};
function raw(I, H, batch, seed, edit) {
  const model = emptyModel(I, H, batch);
  const w = model.weights;
  const scale = 1 / Math.sqrt(H); // like an imported trained cell: full-precision floats of that size
  w.weightIh.set(randoms(w.weightIh.length, seed, scale));
  w.weightHh.set(randoms(w.weightHh.length, seed + 1, scale));
  w.biasIh.set(randoms(w.biasIh.length, seed + 2, scale));
  w.biasHh.set(randoms(w.biasHh.length, seed + 3, scale));
  model.x.set(randoms(model.x.length, seed + 4));
  model.h.set(randoms(model.h.length, seed + 5));
  edit?.(model);
  return { model, recipe: null, view: view() };
}

const zeros = (I = 3, H = 5) => ({ k: 'zeros', I, H });
const cases = [];
const add = (name, build) => cases.push({ name, build });

add('default', () => ({ model: defaultModel(), recipe: defaultRecipe(), view: DEFAULT_VIEW }));
for (const lesson of LESSONS) add(`lesson ${lesson.id}`, () => lesson.build());

// Raw floats: decimals, base64 (non-finite, −0, long arrays), all-zero arrays.
add('raw 3×4 short decimals', () => {
  const s = raw(3, 4, 1, 0);
  for (const a of [
    s.model.weights.weightIh,
    s.model.weights.weightHh,
    s.model.weights.biasIh,
    s.model.weights.biasHh,
    s.model.x,
    s.model.h,
  ]) {
    a.forEach((_, i) => (a[i] = Math.round((a[i] * 8) % 4) / 4));
  }
  s.model.weights.biasHh.fill(0);
  return s;
});
add('raw 3×4 batch 2 with NaN, ±Infinity, −0, denormals', () =>
  raw(3, 4, 2, 10, (m) => {
    m.weights.biasIh.set([Number.NaN, Infinity, -Infinity, -0, 1e-45, -1e-40]);
    m.h.set([0.1, 1 / 3, 1e-30, 3.4028234663852886e38]);
    m.x.set([-0, 0, Number.NaN], 3);
  }),
);
add('raw 3×4 random floats', () => raw(3, 4, 1, 20));
add('raw 7×1 random floats', () => raw(7, 1, 3, 30));
add('raw 16×64 random floats (imported-like, arrays past the decimal limit)', () => raw(16, 64, 2, 40));
add('raw 1×1 zeros', () => ({ model: emptyModel(1, 1, 1), recipe: null, view: view() }));

// Every initializer kind, whole tensor and one gate band, with non-default parameters and varied seeds.
const SPECS = [
  { kind: 'pytorch' },
  { kind: 'uniform', low: -0.3, high: 0.7 },
  { kind: 'normal', mean: 0.1, std: 0.2 },
  { kind: 'xavierUniform', gain: 1.5 },
  { kind: 'xavierNormal', gain: 0.75 },
  { kind: 'kaimingUniform', gain: 1.4142135623730951 },
  { kind: 'kaimingNormal', gain: 2 },
  { kind: 'orthogonal', gain: 1.25 },
  { kind: 'constant', value: 0.375 },
  { kind: 'zeros' },
];
const SEEDS = [0, 7, 0.5, -3, 123456789];
const GATES = ['r', 'z', 'n'];
SPECS.forEach((spec, n) => {
  const seed = SEEDS[n % SEEDS.length];
  add(`init ${spec.kind} weight_hh whole, seed ${seed}`, () => fromRecipe([zeros(), { k: 'init', t: 'weight_hh', spec, seed }]));
  const g = GATES[n % 3];
  add(`init ${spec.kind} weight_ih gate ${g}, seed ${seed + 1}`, () =>
    fromRecipe([zeros(), ...pytorchDefaultOps(2), { k: 'init', t: 'weight_ih', g, spec, seed: seed + 1 }]),
  );
  if (!/^(xavier|kaiming|orthogonal)/.test(spec.kind)) {
    add(`init ${spec.kind} bias_hh gate ${g} and bias_ih whole`, () =>
      fromRecipe([zeros(), { k: 'init', t: 'bias_hh', g, spec, seed: seed + 2 }, { k: 'init', t: 'bias_ih', spec, seed: seed + 3 }]),
    );
  }
});
add('orthogonal on a wide band (weight_ih 4×9)', () =>
  fromRecipe([zeros(9, 4), { k: 'init', t: 'weight_ih', g: 'n', spec: { kind: 'orthogonal', gain: 1 }, seed: 5 }]),
);

// Fills, rows, columns, painted cells.
add('fill band of each tensor', () =>
  fromRecipe([
    zeros(),
    bandOp('weight_ih', 'r', 5, 0.5),
    bandOp('weight_hh', 'z', 5, -1.25),
    bandOp('bias_ih', 'n', 5, 20),
    bandOp('bias_hh', 'z', 5, -20),
  ]),
);
add('rows, a column and painted cells over pytorch init', () =>
  fromRecipe(
    [
      ...[zeros(4, 6), ...pytorchDefaultOps(9)],
      { k: 'rows', t: 'weight_hh', r0: 3, r1: 4, v: 2.5 },
      { k: 'rows', t: 'bias_ih', r0: 0, r1: 18, v: 0.1 },
      { k: 'col', t: 'weight_ih', c: 2, v: -0.7 },
      { k: 'col', t: 'weight_hh', c: 5, v: 3 },
      { k: 'cells', t: 'weight_hh', i: [0, 7, 107, 7], v: [1, -2, 0.001, 4] },
      { k: 'cells', t: 'bias_hh', i: [17], v: [-0.5] },
      { k: 'cells', t: 'weight_ih', i: [0, 71], v: [1e-7, -65504] },
    ],
    { batch: 3, x: [1, 0, -1, 2, 0.5, 0.25, -0.125, 3, 7, 8, 9, 10], h: randoms(18, 3) },
  ),
);
add('painted cells merged across two strokes', () =>
  fromRecipe([zeros(), { k: 'cells', t: 'weight_hh', i: [1, 2, 3], v: [1, 2, 3] }, { k: 'cells', t: 'weight_hh', i: [3, 4], v: [30, 40] }]),
);

// Resizes (new cells get PyTorch's default init with the step's seed).
add('resize up, down and of the input', () =>
  fromRecipe(
    [
      ...defaultRecipe(),
      bandOp('bias_hh', 'z', 4, 3),
      { k: 'resize', I: 3, H: 7, seed: 0 },
      { k: 'resize', I: 5, H: 7, seed: 2 },
      { k: 'resize', I: 2, H: 3, seed: 1 },
    ],
    { x: [1, -1] },
  ),
);
add('default resized to I = 16, H = 1024 with a band and cells', () =>
  fromRecipe([
    ...defaultRecipe(),
    { k: 'resize', I: 16, H: 1024, seed: 0 },
    bandOp('bias_hh', 'z', 1024, 1),
    { k: 'cells', t: 'weight_hh', i: [0, 3 * 1024 * 1024 - 1], v: [5, -5] },
  ]),
);

// View fields, each set away from its default, then all at once.
const VIEWS = {
  palette: { palette: 'PuOr' },
  palette2: { palette: 'BrBG' },
  fixedRange: { fixedRange: 2.5 },
  selectedUnit: { selectedUnit: 3 },
  selectedBatch: { selectedBatch: 1 },
  sequenceSteps: { sequenceSteps: 57 },
  sequencePattern: { sequencePattern: 'impulse' },
  sequencePattern2: { sequencePattern: 'alternating' },
  lensFramework: { lensFramework: 'onnx' },
  lensFramework2: { lensFramework: 'flax' },
  cellSemantics: { cellSemantics: 'reset-before' },
};
for (const [name, v] of Object.entries(VIEWS)) {
  if (Object.keys(v).some((k) => !(k in DEFAULT_VIEW))) continue; // an older build without this field
  add(`view ${name}`, () => fromRecipe(defaultRecipe(), { batch: 2, x: [1, 0, -1], v }));
}
add('view: every field', () =>
  fromRecipe(defaultRecipe(), {
    batch: 2,
    x: [1, 0, -1, 0.5, 0.5, 0.5],
    v: Object.fromEntries(
      Object.entries({
        palette: 'BrBG',
        fixedRange: 0.125,
        selectedUnit: 2,
        selectedBatch: 1,
        sequenceSteps: 200,
        sequencePattern: 'alternating',
        lensFramework: 'tfjs',
        cellSemantics: 'reset-before',
      }).filter(([k]) => k in DEFAULT_VIEW),
    ),
  }),
);

// ---- write -----------------------------------------------------------------------------------
const previous = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')).links : [];
const seen = new Set(previous.map((l) => l.link));
const links = [...previous];
let added = 0;
let checked = 0;
for (const { name, build } of cases) {
  let state;
  try {
    state = build();
  } catch (e) {
    console.log(`skipped ${name}: ${e.message}`);
    continue;
  }
  const link = encodeState(state);
  const own = core.decodeState(link);
  if (!own.ok) throw new Error(`${name}: its own link does not decode: ${own.error}`);
  const decoded = current.decodeState(link);
  if (!decoded.ok) throw new Error(`${name}: the current build refuses it: ${decoded.error}`);
  const [was, is] = [linkState(own.state), linkState(decoded.state)];
  const sameView = Object.entries(was.view).every(([k, v]) => is.view[k] === v);
  if (JSON.stringify({ ...was, view: 0 }) !== JSON.stringify({ ...is, view: 0 }) || !sameView) {
    throw new Error(`${name}: made by ${madeBy}, it decodes differently today:\n${JSON.stringify(was)}\n${JSON.stringify(is)}`);
  }
  checked++;
  if (seen.has(link)) continue;
  seen.add(link);
  links.push({ name, madeBy, version: own.version, link, state: is });
  added++;
}
const text = JSON.stringify(
  {
    about:
      'Links made by GRU Explorer with the exact state each decodes to (SHA-256 of float32 LE bytes). Written by scripts/make-link-fixtures.mjs; never edit by hand.',
    links,
  },
  null,
  1,
);
writeFileSync(OUT, text + '\n');
console.log(
  `${checked} links decode alike in both builds; ${added} links added (made by ${madeBy}), ${links.length} in ${path.relative(ROOT, OUT)} (${(text.length / 1024).toFixed(0)} kB)`,
);
