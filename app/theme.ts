// The one place drawing code reads the theme's colours. styles.css defines every colour as
// light-dark(light, dark); canvases and the PNG figure cannot use CSS variables, so the resolved colours are
// read here, per theme, from a hidden probe whose own color-scheme picks the side. Canvases repaint on
// `onThemeChange`, which fires after <html data-theme> is updated.
import type { Gate } from '../src';
import { selectTheme, usePreferences, type ThemeName } from './store/preferences';

export interface ThemeColours {
  bg: string;
  panel: string;
  ink: string;
  muted: string;
  line: string;
  accent: string;
  gate: Record<Gate, string>;
  onGate: string;
  cellBorder: string;
  highlight: string;
}

const VARIABLES = {
  bg: '--bg',
  panel: '--panel',
  ink: '--ink',
  muted: '--muted',
  line: '--line',
  accent: '--accent',
  r: '--r',
  z: '--z',
  n: '--n',
  onGate: '--on-gate',
  cellBorder: '--cell-border',
  highlight: '--highlight',
} as const;

/** Used before styles load (and outside a browser): the light theme's values from styles.css. */
const FALLBACK: Record<keyof typeof VARIABLES, string> = {
  bg: '#f5f6f8',
  panel: '#ffffff',
  ink: '#1c2330',
  muted: '#667085',
  line: '#dde1e7',
  accent: '#2f5bd3',
  r: '#8e44ad',
  z: '#17735d',
  n: '#a9521f',
  onGate: '#ffffff',
  cellBorder: 'rgba(255, 255, 255, 0.85)',
  highlight: '#111111',
};

const cache = new Map<ThemeName, ThemeColours>();

function readColours(theme: ThemeName): Record<keyof typeof VARIABLES, string> {
  if (typeof document === 'undefined' || !document.body) return FALLBACK;
  const probe = document.createElement('span');
  probe.style.cssText = `position: absolute; visibility: hidden; color-scheme: ${theme};`;
  document.body.appendChild(probe);
  try {
    const out = { ...FALLBACK };
    for (const [key, name] of Object.entries(VARIABLES) as [keyof typeof VARIABLES, string][]) {
      probe.style.color = '';
      probe.style.color = `var(${name})`;
      const value = getComputedStyle(probe).color;
      // An undefined variable leaves the inherited colour; only trust a value the variable really set.
      if (value && getComputedStyle(probe).getPropertyValue(name).trim() !== '') out[key] = value;
    }
    return out;
  } finally {
    probe.remove();
  }
}

/** The colours of a theme (the current one by default), resolved to rgb() strings a canvas accepts. */
export function themeColours(theme: ThemeName = currentTheme()): ThemeColours {
  let colours = cache.get(theme);
  if (!colours) {
    const c = readColours(theme);
    colours = {
      bg: c.bg,
      panel: c.panel,
      ink: c.ink,
      muted: c.muted,
      line: c.line,
      accent: c.accent,
      gate: { r: c.r, z: c.z, n: c.n },
      onGate: c.onGate,
      cellBorder: c.cellBorder,
      highlight: c.highlight,
    };
    // Styles not loaded yet: do not remember the fallback.
    if (c !== FALLBACK) cache.set(theme, colours);
  }
  return colours;
}

export function currentTheme(): ThemeName {
  return selectTheme(usePreferences.getState());
}

/** Sets <html data-theme> to the theme in force; called on start and on every change. */
function applyTheme(theme: ThemeName) {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = theme;
}

const listeners = new Set<(theme: ThemeName) => void>();

/** Calls `fn` after the theme changed (the page's CSS already shows the new one). */
export function onThemeChange(fn: (theme: ThemeName) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

let applied: ThemeName | null = null;

/** Keeps <html data-theme> in step with the preference and the system; returns a stop function. */
export function startTheme(): () => void {
  const sync = () => {
    const theme = currentTheme();
    if (theme === applied) return;
    applied = theme;
    applyTheme(theme);
    for (const fn of listeners) fn(theme);
  };
  sync();
  return usePreferences.subscribe(sync);
}

/** The theme in force, for React components whose drawing effects depend on it. */
export function useTheme(): ThemeName {
  return usePreferences(selectTheme);
}
