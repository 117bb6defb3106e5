// Preferences of the person, not of the cell: the theme and whether single-key shortcuts are on. Kept in
// localStorage (zustand's persist), never in links — a shared link opens in the reader's own theme.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type ThemeName = 'light' | 'dark';

export interface Preferences {
  theme: ThemeChoice;
  /** Tool letters and + − 0 without a modifier (WCAG 2.1.4: they can be turned off). */
  singleKeyShortcuts: boolean;
}

export interface PreferencesState extends Preferences {
  /** The system asks for dark (prefers-color-scheme), followed live. */
  systemDark: boolean;
}

const systemQuery = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null);

export const usePreferences = create<PreferencesState>()(
  persist((): PreferencesState => ({ theme: 'system', singleKeyShortcuts: true, systemDark: systemQuery()?.matches ?? false }), {
    name: 'gru-explorer:preferences',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (s): Preferences => ({ theme: s.theme, singleKeyShortcuts: s.singleKeyShortcuts }),
    // A stored value that is not one of ours (edited by hand, an older build) falls back to the default.
    merge: (stored, current) => {
      const p = (stored ?? {}) as Partial<Preferences>;
      return {
        ...current,
        theme: p.theme === 'light' || p.theme === 'dark' || p.theme === 'system' ? p.theme : current.theme,
        singleKeyShortcuts: typeof p.singleKeyShortcuts === 'boolean' ? p.singleKeyShortcuts : current.singleKeyShortcuts,
      };
    },
  }),
);

export const resolveTheme = (s: Pick<PreferencesState, 'theme' | 'systemDark'>): ThemeName =>
  s.theme === 'system' ? (s.systemDark ? 'dark' : 'light') : s.theme;
export const selectTheme = (s: PreferencesState): ThemeName => resolveTheme(s);

export function setThemeChoice(theme: ThemeChoice) {
  usePreferences.setState({ theme });
}

export function setSingleKeyShortcuts(on: boolean) {
  usePreferences.setState({ singleKeyShortcuts: on });
}

/** Follows the system's light / dark setting while the page is open. */
export function followSystemTheme(): () => void {
  const query = systemQuery();
  if (!query) return () => {};
  const onChange = () => usePreferences.setState({ systemDark: query.matches });
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
