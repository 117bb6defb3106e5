// The theme's colours, read from styles.css itself: every text colour passes WCAG AA (4.5:1) on the surfaces it
// is drawn on, in the light and the dark theme.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from './canvas/palette';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

/** `--name: light-dark(light, dark)` declarations of :root, by name. */
function themeVariables(): Record<string, { light: string; dark: string }> {
  const out: Record<string, { light: string; dark: string }> = {};
  for (const m of css.matchAll(/(--[\w-]+):\s*light-dark\(\s*(#[0-9a-f]{3,8})\s*,\s*(#[0-9a-f]{3,8})\s*\)/gi))
    out[m[1]] = { light: m[2], dark: m[3] };
  return out;
}

const vars = themeVariables();

/** [text, surface] pairs as the page draws them. */
const PAIRS: [string, string][] = [
  ...['--ink', '--muted', '--accent', '--r', '--z', '--n', '--error', '--ok', '--warn'].flatMap((text): [string, string][] => [
    [text, '--panel'],
    [text, '--bg'],
  ]),
  ['--ink', '--field'],
  ['--on-gate', '--r'],
  ['--on-gate', '--z'],
  ['--on-gate', '--n'],
  ['--on-accent', '--accent'],
  ['--on-accent-muted', '--accent'],
  ['--error', '--error-bg'],
  ['--ink', '--info-bg'],
  ['--muted', '--info-bg'],
  ['--ink', '--ok-bg'],
  ['--ok', '--ok-bg'],
  ['--ink', '--note-bg'],
  ['--muted', '--note-bg'],
];

describe('theme colours in styles.css', () => {
  it('declares both sides of every colour the pairs use', () => {
    const missing = [...new Set(PAIRS.flat())].filter((name) => !vars[name]);
    expect(missing).toEqual([]);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`every text colour passes AA on its surfaces (${theme})`, () => {
      const failing = PAIRS.map(([text, surface]) => ({ text, surface, ratio: contrastRatio(vars[text][theme], vars[surface][theme]) }))
        .filter((p) => p.ratio < 4.5)
        .map((p) => `${p.text} on ${p.surface}: ${p.ratio.toFixed(2)}`);
      expect(failing).toEqual([]);
    });
  }
});
