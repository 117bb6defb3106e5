// Compiles the WebAssembly SIMD kernels (src/kernels/simd.as.ts, AssemblyScript) to src/kernels/simd.wasm.
// The .wasm is generated, not committed: `npm run build:wasm` makes it, and so does every entry point that
// needs it (the Vite plugin below runs in `vite`, `vite build` and Vitest; test-all.mjs and the bench
// scripts build through them). It is rebuilt only when the source, the flags or the compiler changed
// (a hash of those is kept beside it), so the usual cost is one file read.
//
//   node scripts/build-wasm.mjs            build if stale
//   node scripts/build-wasm.mjs --force    build anyway
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_SOURCE = path.join(ROOT, 'src/kernels/simd.as.ts');
export const WASM_OUTPUT = path.join(ROOT, 'src/kernels/simd.wasm');
const STAMP = `${WASM_OUTPUT}.hash`;
// -O3 (fastest code); the stub runtime (the kernels never allocate); SIMD on. Memory is exported (the default).
const FLAGS = ['-O3', '--runtime', 'stub', '--enable', 'simd'];

function inputsHash() {
  const require = createRequire(import.meta.url);
  const ascVersion = require('assemblyscript/package.json').version;
  return createHash('sha256').update(readFileSync(WASM_SOURCE)).update(JSON.stringify(FLAGS)).update(ascVersion).digest('hex');
}

/** Builds src/kernels/simd.wasm when it is missing or stale; returns true when it compiled. */
export async function buildWasm({ force = false } = {}) {
  const hash = inputsHash();
  if (!force && existsSync(WASM_OUTPUT) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return false;
  const { default: asc } = await import('assemblyscript/asc');
  let binary = null;
  const stderr = [];
  const { error } = await asc.main([path.relative(ROOT, WASM_SOURCE), '--outFile', 'simd.wasm', ...FLAGS], {
    baseDir: ROOT,
    writeFile(name, contents) {
      if (name.endsWith('.wasm')) binary = contents;
    },
    stdout: { write() {} },
    stderr: { write: (s) => stderr.push(String(s)) },
  });
  if (error || !binary)
    throw new Error(
      `AssemblyScript could not compile ${path.relative(ROOT, WASM_SOURCE)}: ${error?.message ?? 'no output'}\n${stderr.join('')}`,
    );
  // Written to a temporary name and renamed, so a second build running at the same time never reads half a file.
  const tmp = `${WASM_OUTPUT}.${process.pid}.tmp`;
  writeFileSync(tmp, binary);
  renameSync(tmp, WASM_OUTPUT);
  writeFileSync(`${STAMP}.${process.pid}.tmp`, hash);
  renameSync(`${STAMP}.${process.pid}.tmp`, STAMP);
  return true;
}

/** Vite plugin: makes sure the kernels are built before Vite (dev, build, Vitest) resolves anything. */
export function wasmKernels() {
  return {
    name: 'gru-explorer-wasm-kernels',
    async buildStart() {
      await buildWasm();
    },
  };
}

/** Vitest global setup (runs once before any test file). */
export default async function setup() {
  await buildWasm();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  const built = await buildWasm({ force: process.argv.includes('--force') });
  console.log(
    built
      ? `built ${path.relative(ROOT, WASM_OUTPUT)} in ${((Date.now() - t) / 1000).toFixed(1)} s`
      : `${path.relative(ROOT, WASM_OUTPUT)} is up to date`,
  );
}
