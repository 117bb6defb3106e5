/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { wasmKernels } from './scripts/build-wasm.mjs';

// The app is served from index.html at the root; app/ holds the React UI, src/ the framework-free core.
export default defineConfig({
  // wasmKernels compiles src/kernels/simd.wasm (AssemblyScript) when it is missing or stale.
  plugins: [react(), wasmKernels()],
  base: './',
  build: { outDir: 'dist', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    globalSetup: ['scripts/build-wasm.mjs'],
  },
});
