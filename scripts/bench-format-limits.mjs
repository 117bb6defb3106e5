// What hostile files cost the checkpoint readers, and the per-unit costs behind their read budget.
//
//   node scripts/bench-format-limits.mjs [--runs=5] [--mutations=300]
//
// 1. Measures the nanoseconds (CPU time) per unit of each step the budget counts (src/formats/budget.ts NS_PER_UNIT: inflate,
//    crc, decode, gather, fold, relayout), median of runs, next to the constant the budget uses.
// 2. Reads each hostile file of src/formats/fixtures/hostile.ts, at the sizes of the reports that prompted the
//    limits, in a fresh Node process: outcome, the message, the read time and the process's peak memory (max RSS).
// 3. Reads `mutations` mutated copies of every hostile seed: clean refusals, reads, escapes (anything but a
//    FormatError) and the longest read.
// 4. Feeds pickles that would run code (os.system, builtins.exec, subprocess, posix.system via GLOBAL, STACK_GLOBAL,
//    INST and NEWOBJ) to the .pt reader and checks that the marker file they would create never appears.
// A benchmark, not a test: it prints figures and exits 0 (1 only if a payload ran or a read escaped).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'build/format-limits');

const opts = { runs: 5, mutations: 300, child: null, unitsOnly: false };
for (const arg of process.argv.slice(2)) {
  const at = arg.indexOf('=');
  const key = arg.slice(2, at < 0 ? undefined : at);
  const value = at < 0 ? '' : arg.slice(at + 1);
  if (key === 'runs' && Number(value) > 0) opts.runs = Number(value);
  else if (key === 'mutations' && Number(value) >= 0) opts.mutations = Number(value);
  else if (key === 'units-only') opts.unitsOnly = true;
  else if (key === 'child') opts.child = value;
  else throw new Error(`unknown argument ${arg}; known: --runs=N --mutations=N --units-only`);
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mod = (name) => import(pathToFileURL(path.join(OUT, `${name}.js`)).href);

// ---- the hostile cases (each read in its own process for a clean peak-memory figure) -------------------------
// [name, reader, generator]: sizes as in the reports (a 1.5 kB .pt of shared dicts, a 5,000-deep key, a 9 kB
// Concat fan-out to 1e8 int64, 2,000 GRU nodes on one 6.3 MB weight set, a zip bomb, a stride-0 tensor).
const CASES = {
  'pt: dicts sharing sub-dicts (30^8 paths)': ['pt', (h) => h.sharedDictsPt(30, 8)],
  'pt: shared sub-dicts, tensor at the bottom': ['pt', (h) => h.sharedDictsPt(30, 8, true)],
  'pt: 5,000-deep tuple key': ['pt', (h) => h.deepKeyPt(5000)],
  'pt: lists nested 100,000 deep': ['pt', (h) => h.deepListPt(100_000)],
  'pt: stride-0 tensor of 60 M elements': ['pt', (h) => h.strideZeroPt(60_000_000)],
  'pt: 2,000 names of one 1 M-element view': ['pt', (h) => h.manyViewsPt(2000, 1_000_000, false)],
  'pt: 2,000 distinct views of one storage': ['pt', (h) => h.manyViewsPt(2000, 1_000_000, true)],
  'npz: zip bomb claiming 114 MB': ['npz', (h) => h.zipBombNpz(30_000_000)],
  'npz: 60 entries of 4 MB zeros (240 MB)': ['npz', (h) => h.zipBombNpz(1_000_000, 60)],
  'onnx: Concat fan-out to 1e8 int64': ['onnx', (h) => h.concatFanOutOnnx(10, 8, true)],
  'onnx: Concat fan-out to 4e7 float': ['onnx', (h) => h.concatFanOutOnnx(10, 7, false)],
  'onnx: two doubling chains at the element limit': ['onnx', (h) => h.concatFanOutOnnx(2, 21, false, 3, true)],
  'onnx: Tile x1e8': ['onnx', (h) => h.tileOnnx(1e8)],
  'onnx: 2,000 GRU nodes sharing one H = 512 weight set': ['onnx', (h) => h.sharedWeightsOnnx(2000, 512)],
  'onnx: attribute graphs nested 1,000 deep': ['onnx', (h) => h.deepGraphAttributeOnnx(1000)],
  'json: lists nested 3 M deep': ['json', (h) => h.deepJson(3_000_000)],
  'json: objects nested 1 M deep': ['json', (h) => h.deepJson(1_000_000, true)],
};
const FILE_NAMES = { pt: 'hostile.pt', npz: 'hostile.npz', onnx: 'hostile.onnx', json: 'hostile.json' };

if (opts.child) {
  // Child: generate one case, read it with importGrus (the app's entry point), report as JSON on stdout.
  const [core, hostile] = [await mod('core'), await mod('hostile')];
  const [kind, make] = CASES[opts.child];
  const bytes = make(hostile);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let outcome;
  try {
    const grus = core.importGrus(bytes, FILE_NAMES[kind]);
    outcome = { result: 'read', message: `${grus.length} GRU(s)` };
  } catch (e) {
    outcome = { result: e instanceof core.FormatError ? 'refused' : `ESCAPED ${e?.constructor?.name}`, message: String(e?.message) };
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // VmHWM: this process's own peak resident memory (ru_maxrss would count the parent's pages at fork).
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) / 1024;
  console.log(JSON.stringify({ ...outcome, ms, cpuMs: (cpu.user + cpu.system) / 1000, bytes: bytes.length, maxRssMB: hwm }));
  process.exit(0);
}

// ---- build the core, the hostile generators and the readers' internals as plain ES modules ---------------------
process.chdir(ROOT);
const { build } = await import('vite'); // not in the children: they stay light for their peak-memory figure
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: OUT,
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: {
        core: 'src/index.ts',
        hostile: 'src/formats/fixtures/hostile.ts',
        mutate: 'src/formats/fixtures/mutate.ts',
        binary: 'src/formats/binary.ts',
        budget: 'src/formats/budget.ts',
        layouts: 'src/layouts/onnx.ts',
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
const [core, hostile, mutateMod, binary, budget, layouts] = await Promise.all(
  ['core', 'hostile', 'mutate', 'binary', 'budget', 'layouts'].map(mod),
);
const fflate = await import('fflate');

// ---- 1. ns per unit ------------------------------------------------------------------------------------------------
/** CPU time (user + system) per unit: on a shared machine wall time also counts the time spent waiting for a core. */
function nsPer(units, body) {
  body(); // warm up
  const times = [];
  for (let r = 0; r < opts.runs; r++) {
    const t0 = process.cpuUsage();
    body();
    const t = process.cpuUsage(t0);
    times.push(((t.user + t.system) * 1e3) / units);
  }
  return median(times);
}
const random = mutateMod.rng(1);
const N = 4 * 1024 * 1024;
const weights = Float32Array.from({ length: N }, () => (random() + random() + random() - 1.5) * 0.1);
const weightBytes = new Uint8Array(weights.buffer);
const deflated = fflate.deflateSync(weightBytes, { level: 6 });
const out = new Uint8Array(weightBytes.length);
const perDtype = [];
const deflatedZeros = fflate.deflateSync(new Uint8Array(weightBytes.length), { level: 6 });
// Inflate costs per output byte (match copying: zeros) and per compressed byte on top (decoding: float weights).
const inflateOut = nsPer(weightBytes.length, () => fflate.inflateSync(deflatedZeros, { out }));
const inflateWeights = nsPer(weightBytes.length, () => fflate.inflateSync(deflated, { out })) * weightBytes.length;
const measured = {
  inflate: inflateOut,
  inflateIn: (inflateWeights - inflateOut * weightBytes.length) / deflated.length,
  copy: nsPer(N, () => binary.decodeElements(weightBytes, 0, N, 'float32', true)),
  crc: nsPer(weightBytes.length, () => binary.crc32(weightBytes)),
  decode: Math.max(
    ...['float16', 'bfloat16', 'float64', 'int64', 'int32', 'uint8'].map((dtype) => {
      const size = { float16: 2, bfloat16: 2, float64: 8, int64: 8, int32: 4, uint8: 1 }[dtype];
      const count = Math.floor(weightBytes.length / size);
      const ns = nsPer(count, () => binary.decodeElements(weightBytes, 0, count, dtype, false));
      perDtype.push(`decode ${dtype} ${ns.toFixed(1)}`);
      return ns;
    }),
  ),
  gather: Math.max(
    ...['float32', 'float16', 'int64'].map((dtype) => {
      const side = 1024;
      const ns = nsPer(side * side, () =>
        binary.gatherStrided(weightBytes, dtype, true, side * side, 0, [side, side], [1, side], side * side, 'x'),
      );
      perDtype.push(`gather ${dtype} ${ns.toFixed(1)}`);
      return ns;
    }),
  ),
  fold: (() => {
    // Two chains doubling to 3 · 2^20 floats each: 2 · 3 · (2^21 − 1) elements built.
    const graph = hostile.concatFanOutOnnx(2, 20, false, 3, true);
    const built = 2 * 3 * (2 ** 21 - 1);
    return nsPer(built, () => {
      try {
        core.readOnnxGru(graph);
      } catch {
        // the GRU's dims do not match: refused after folding, which is what is timed
      }
    });
  })(),
  relayout: (() => {
    const H = 1024;
    const W = new Float32Array(2 * 3 * H * H);
    const R = new Float32Array(2 * 3 * H * H);
    const B = new Float32Array(2 * 6 * H);
    return nsPer(W.length + R.length + B.length, () => layouts.fromOnnx({ W, R, B, inputSize: H, hiddenSize: H, numDirections: 2 }));
  })(),
};
console.log(
  `\n1. ns per unit on this machine (median of ${opts.runs}) and the budget's constants (a slow laptop: × ${budget.SLOW_LAPTOP})`,
);
for (const [step, ns] of Object.entries(measured)) {
  const constant = budget.NS_PER_UNIT[step];
  console.log(
    `   ${step.padEnd(9)} measured ${ns.toFixed(2).padStart(6)} ns   budget ${String(constant).padStart(3)} ns${ns > constant ? '   <- measured above the constant' : ''}`,
  );
}
console.log(`   (per dtype, ns/element: ${perDtype.join(', ')})`);
if (opts.unitsOnly) process.exit(0);

// ---- 2. hostile files, one process each ---------------------------------------------------------------------------
console.log('\n2. hostile files read by importGrus, each in a fresh Node process');
const baseline = {
  maxRssMB:
    Number(
      /VmHWM:\s+(\d+)/.exec(
        execFileSync(process.execPath, ['-e', "console.log(require('fs').readFileSync('/proc/self/status', 'utf8'))"]).toString(),
      )?.[1],
    ) / 1024,
};
let longest = { ms: 0, name: '' };
let peak = { mb: 0, name: '' };
let escapes = 0;
let refused = 0;
for (const name of Object.keys(CASES)) {
  const r = JSON.parse(
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), `--child=${name}`], { maxBuffer: 1 << 24 })
      .toString()
      .trim()
      .split('\n')
      .pop(),
  );
  if (r.result.startsWith('ESCAPED')) escapes++;
  if (r.result === 'refused') refused++;
  if (r.ms > longest.ms) longest = { ms: r.ms, cpuMs: r.cpuMs, name };
  if (r.maxRssMB > peak.mb) peak = { mb: r.maxRssMB, name };
  const message = r.message.replace(/\s+/g, ' ').slice(0, 110);
  console.log(
    `   ${name.padEnd(52)} ${(r.bytes / 1024).toFixed(1).padStart(8)} KB  ${r.result.padEnd(8)} ${r.ms.toFixed(0).padStart(5)} ms (CPU ${r.cpuMs.toFixed(0).padStart(5)} ms)  peak ${r.maxRssMB.toFixed(0).padStart(4)} MB   ${message}`,
  );
}
console.log(
  `   (an empty Node process peaks at ${baseline.maxRssMB.toFixed(0)} MB; the generators run in the same process, before the timed read)`,
);

// ---- 3. mutations of the hostile seeds ------------------------------------------------------------------------------
const seeds = [
  ['pt', hostile.sharedDictsPt(12, 6, true)],
  ['pt', hostile.deepKeyPt(300)],
  ['pt', hostile.deepListPt(1000)],
  ['pt', hostile.strideZeroPt(50_000)],
  ['pt', hostile.manyViewsPt(50, 2000, true)],
  ['npz', hostile.zipBombNpz(20_000, 2)],
  ['npz', hostile.zipBombNpz(30_000_000)],
  ['onnx', hostile.concatFanOutOnnx(10, 8, true)],
  ['onnx', hostile.concatFanOutOnnx(4, 12, false)],
  ['onnx', hostile.tileOnnx(1e6)],
  ['onnx', hostile.sharedWeightsOnnx(50, 4)],
  ['onnx', hostile.deepGraphAttributeOnnx(50)],
  ['json', hostile.deepJson(10_000)],
];
const perPath = {};
let mutLongest = { ms: 0, what: '' };
const mutate = mutateMod.rng(2026);
for (const [kind, seed] of seeds) {
  const tally = (perPath[kind] ??= { tried: 0, refused: 0, read: 0, escaped: 0 });
  for (let i = 0; i < opts.mutations; i++) {
    const bytes = mutateMod.mutate(seed, mutate);
    const t0 = performance.now();
    try {
      core.importGrus(bytes, FILE_NAMES[kind]);
      tally.read++;
    } catch (e) {
      if (e instanceof core.FormatError && !e.message.includes('unexpected failure while reading')) tally.refused++;
      else {
        tally.escaped++;
        escapes++;
        console.log(`   ESCAPED (${kind}): ${e?.constructor?.name}: ${String(e?.message).slice(0, 200)}`);
      }
    }
    tally.tried++;
    const ms = performance.now() - t0;
    if (ms > mutLongest.ms) mutLongest = { ms, what: `${kind} mutation ${i}` };
  }
}
console.log(`\n3. ${opts.mutations} mutations of each of ${seeds.length} hostile seeds, read in this process`);
for (const [kind, t] of Object.entries(perPath)) {
  console.log(`   ${kind.padEnd(5)} tried ${t.tried}, refused cleanly ${t.refused}, read ${t.read}, escaped ${t.escaped}`);
}
console.log(
  `   longest read ${mutLongest.ms.toFixed(0)} ms (${mutLongest.what}); this process peaked at ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);

// ---- 4. payloads ---------------------------------------------------------------------------------------------------
const dir = mkdtempSync(path.join(os.tmpdir(), 'gru-payload-'));
const marker = path.join(dir, 'ran');
const command = `touch ${marker}`;
const P = hostile.PickleWriter;
const payloads = {
  'GLOBAL os.system + REDUCE': (p) => p.global('os', 'system').str(command).tuple1().reduce(),
  'GLOBAL posix.system + REDUCE': (p) => p.global('posix', 'system').str(command).tuple1().reduce(),
  'GLOBAL builtins.exec + REDUCE': (p) =>
    p
      .global('builtins', 'exec')
      .str(`import os; os.system(${JSON.stringify(command)})`)
      .tuple1()
      .reduce(),
  'GLOBAL builtins.eval + REDUCE': (p) =>
    p
      .global('builtins', 'eval')
      .str(`__import__('os').system(${JSON.stringify(command)})`)
      .tuple1()
      .reduce(),
  'GLOBAL subprocess.Popen + REDUCE': (p) => p.global('subprocess', 'Popen').mark().str('touch').str(marker).tuple().tuple1().reduce(),
  'STACK_GLOBAL os.system': (p) => p.str('os').str('system').raw(0x93).str(command).tuple1().reduce(),
  'INST os system': (p) =>
    p
      .mark()
      .str(command)
      .raw(0x69, ...new TextEncoder().encode('os\nsystem\n')),
  'NEWOBJ of os.system': (p) => p.global('os', 'system').mark().str(command).tuple().raw(0x81),
  'torch rebuild with os.system as storage type': (p) =>
    p.mark().str('storage').global('os', 'system').str('0').str('cpu').int(1).tuple().persid(),
};
let executed = 0;
for (const [name, write] of Object.entries(payloads)) {
  const p = new P();
  write(p);
  const pkl = p.finish();
  for (const read of [
    () => core.readTensorFile(hostile.torchZip(pkl), 'payload.pt'),
    () => core.importGrus(hostile.torchZip(pkl), 'payload.pt'),
  ]) {
    try {
      read();
    } catch {
      // refused, as it must be
    }
  }
  if (existsSync(marker)) {
    executed++;
    console.log(`   PAYLOAD RAN: ${name}`);
    rmSync(marker);
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n4. payload pickles: ${Object.keys(payloads).length} tried (each as a .pt, twice), executed ${executed}`);

const triedFiles = Object.keys(CASES).length + seeds.length * opts.mutations + Object.keys(payloads).length;
console.log(
  `\nSummary: ${triedFiles} hostile inputs (${Object.keys(CASES).length} hand-made at full size, ${seeds.length * opts.mutations} mutations, ` +
    `${Object.keys(payloads).length} payloads); full-size cases refused ${refused}, read ${Object.keys(CASES).length - refused}; escapes ${escapes}; ` +
    `longest read ${longest.ms.toFixed(0)} ms wall, ${longest.cpuMs.toFixed(0)} ms CPU (${longest.name}); peak memory ${peak.mb.toFixed(0)} MB (${peak.name}); payloads executed ${executed}`,
);
process.exit(executed || escapes ? 1 : 0);
