import { defineConfig } from 'vite';
import { wasmKernels } from './scripts/build-wasm.mjs';

// Builds the framework-free core (src/index.ts) as a plain ES module for Node:
// the benchmark scripts import it from build/core/gru-explorer-core.js.
export default defineConfig({
  plugins: [wasmKernels()],
  build: {
    outDir: 'build/core',
    emptyOutDir: true,
    minify: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'gru-explorer-core.js' },
  },
});
