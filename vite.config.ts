/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { wasmKernels } from './scripts/build-wasm.mjs';

/**
 * The built app's Content-Security-Policy: scripts, workers, styles and data only from the app's own origin (no
 * inline script, no eval; fetches may go to other http(s) servers, for ?url=); 'wasm-unsafe-eval' lets it compile its WebAssembly kernels. Nothing a link or file
 * carries can run as code under it. Only the build gets it: the dev server injects an inline script (React
 * refresh). A <meta> policy cannot carry frame-ancestors, so course pages can still embed the app.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  // ?url= fetches a checkpoint from any server that allows it with CORS; fetched bytes are only parsed, never run.
  "connect-src 'self' https: http:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

// The app is served from index.html at the root; app/ holds the React UI, src/ the framework-free core.
export default defineConfig({
  // wasmKernels compiles src/kernels/simd.wasm (AssemblyScript) when it is missing or stale.
  plugins: [react(), wasmKernels(), contentSecurityPolicy()],
  base: './',
  // The page's budget is 200 kB of gzip (`npm run bench:ui` checks it; ~172 kB now): Vite's default warning at
  // 500 kB of minified code says less than that, so it is set just above today's 523 kB.
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 600 },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    globalSetup: ['scripts/build-wasm.mjs'],
    // No test asserts time (benchmarks do): a limit only catches a hung test, and must hold on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
