// A configuration file: a link's encoded state wrapped in JSON, for states too long for a link (an
// imported nn.GRUCell(1024, 1024) is ~34 M characters). Pure: the app reads and writes the files.
import { strFromU8 } from 'fflate';
import { decodeState, type DecodeResult } from './codec';
import { checkJsonDepth, MAX_INFLATED_BYTES } from './payloadLimits';

export const CONFIG_FORMAT = 'gru-explorer';

/**
 * Largest file that can hold a state: the largest payload deflated (at worst stored, a few bytes per
 * 64 KiB block), in base64 (4/3), plus the wrapper.
 */
export const MAX_CONFIG_BYTES = Math.ceil(((MAX_INFLATED_BYTES * 1.001 + 1024) * 4) / 3) + 1024;

export function configFileText(encoded: string): string {
  return JSON.stringify({ format: CONFIG_FORMAT, version: 1, state: encoded });
}

/** The state in a configuration file's bytes, or a clear error (the caller adds the file's name). */
export function readConfigFile(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_CONFIG_BYTES) {
    return {
      ok: false,
      error: `is ${(bytes.length / 1e6).toFixed(0)} MB; a configuration is at most ${(MAX_CONFIG_BYTES / 1e6).toFixed(0)} MB.`,
    };
  }
  let parsed: unknown;
  try {
    checkJsonDepth(bytes, 1);
    parsed = JSON.parse(strFromU8(bytes));
  } catch {
    return { ok: false, error: 'is not a GRU Explorer configuration (not JSON).' };
  }
  const p = parsed as { format?: unknown; state?: unknown };
  if (!p || p.format !== CONFIG_FORMAT || typeof p.state !== 'string') return { ok: false, error: 'is not a GRU Explorer configuration.' };
  return decodeState(p.state);
}
