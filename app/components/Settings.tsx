// The reader's own settings: theme (system, light, dark) and whether single-key shortcuts are on. Stored in
// this browser (app/store/preferences.ts), never in links.
import { setSingleKeyShortcuts, setThemeChoice, usePreferences, type ThemeChoice } from '../store/preferences';
import { RadioGroup } from './RadioGroup';

const THEMES: { value: ThemeChoice; label: string; title: string }[] = [
  { value: 'system', label: 'Auto', title: 'Follow the system’s light or dark setting' },
  { value: 'light', label: 'Light', title: 'Light theme' },
  { value: 'dark', label: 'Dark', title: 'Dark theme' },
];

export function Settings() {
  const theme = usePreferences((s) => s.theme);
  const shortcuts = usePreferences((s) => s.singleKeyShortcuts);
  return (
    <div className="settings">
      <RadioGroup label="Theme" options={THEMES} value={theme} onChange={setThemeChoice} className="tool-group theme-switch" />
      <label className="check" title="Tool letters (B F R C I V H) and + − 0 for zoom. Ctrl+Z / Ctrl+Y stay on.">
        <input type="checkbox" checked={shortcuts} onChange={(e) => setSingleKeyShortcuts(e.target.checked)} /> single-key shortcuts
      </label>
    </div>
  );
}
