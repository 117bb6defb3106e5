import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default defineConfig(
  { ignores: ['dist/**', 'dist-*/**', 'build/**', 'node_modules/**', 'test-results/**', 'test-results-*/**', 'playwright-report/**', 'reports/**', 'src/**/*.as.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // src/ is the framework-free core: it runs in Node and the browser, so no React, zustand or DOM.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/ is framework-free: React belongs in app/.' },
            { group: ['zustand', 'zustand/*', 'zundo'], message: 'src/ is framework-free: stores belong in app/store.' },
            { group: ['d3-selection', '../app/*', '../../app/*'], message: 'src/ must not touch the DOM or the UI.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
    },
  },
);
