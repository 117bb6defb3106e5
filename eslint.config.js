import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
// The maintained fork of eslint-plugin-jsx-a11y (same rules): 6.10.2 of the original declares ESLint ≤ 9.
import jsxA11y from 'eslint-plugin-jsx-a11y-x';
import globals from 'globals';

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'build/**',
      'node_modules/**',
      'test-results/**',
      'test-results-*/**',
      'playwright-report/**',
      'reports/**',
      'src/**/*.as.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // useStoreCanvas takes an effect and its deps like useEffect: check them the same way.
      'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '^(useStoreCanvas|useCanvasStack)$' }],
    },
  },
  {
    ...jsxA11y.configs.strict,
    files: ['app/**/*.tsx'],
    rules: {
      ...jsxA11y.configs.strict.rules,
      // A <canvas> heatmap is a picture with a text alternative (role="img"), as the recommended set allows.
      'jsx-a11y-x/no-interactive-element-to-noninteractive-role': ['error', { tr: ['none', 'presentation'], canvas: ['img'] }],
      // A region that scrolls must take focus so the keyboard can scroll it (axe: scrollable-region-focusable).
      'jsx-a11y-x/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'] }],
    },
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
