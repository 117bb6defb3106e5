// A configuration file: the link's encoded state wrapped in JSON, for states too long for a link.
import { decodeState } from '../src';
import { loadShared, showMessage } from './store/actions';

const FORMAT = 'gru-explorer';
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function downloadConfig(encoded: string) {
  const blob = new Blob([JSON.stringify({ format: FORMAT, version: 1, state: encoded })], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'gru-explorer.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function openConfigFile(file: File) {
  if (file.size > MAX_FILE_BYTES) return showMessage(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB; a configuration is at most 64 MB. Nothing was changed.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    return showMessage(`${file.name} is not a GRU Explorer configuration (not JSON). Nothing was changed.`);
  }
  const p = parsed as { format?: unknown; state?: unknown };
  if (!p || p.format !== FORMAT || typeof p.state !== 'string') return showMessage(`${file.name} is not a GRU Explorer configuration. Nothing was changed.`);
  const result = decodeState(p.state);
  if (!result.ok) return showMessage(`${file.name}: ${result.error} Nothing was changed.`);
  loadShared(result.state);
}
