// A configuration file: the link's encoded state wrapped in JSON, for states too long for a link.
import { configFileText, MAX_CONFIG_BYTES, readConfigFile } from '../src';
import { loadShared, showMessage } from './store/actions';
import { downloadBlob } from './download';

export function downloadConfig(encoded: string) {
  downloadBlob(new Blob([configFileText(encoded)], { type: 'application/json' }), 'gru-explorer.json');
}

export async function openConfigFile(file: File) {
  // Checked before reading, so a huge file is never loaded.
  if (file.size > MAX_CONFIG_BYTES)
    return showMessage(
      `${file.name} is ${(file.size / 1e6).toFixed(0)} MB; a configuration is at most ${(MAX_CONFIG_BYTES / 1e6).toFixed(0)} MB. Nothing was changed.`,
    );
  const result = readConfigFile(new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) return showMessage(`${file.name}${result.error.startsWith('The link') ? ': ' : ' '}${result.error} Nothing was changed.`);
  loadShared(result.state);
}
