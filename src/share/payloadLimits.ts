// Limits on a link's payload before it is parsed, sized from the largest state the explorer can make,
// so the app's own largest link or save file always opens and nothing larger or deeper is worked on.
import { LIMITS } from '../model/model';

/** Floats in the largest state: the four tensors at I = H = max, and x and h at the largest batch. */
const MAX_FLOATS =
  3 * LIMITS.hiddenSize * (LIMITS.inputSize + LIMITS.hiddenSize + 2) + LIMITS.batch * (LIMITS.inputSize + LIMITS.hiddenSize);

/**
 * Largest payload a link may inflate to: the largest state as raw floats (base64 of float32, 16/3
 * characters a value; the short decimal form is only chosen when no longer), plus 64 KiB for the keys
 * and the view. At the limits this is 34.4 MB, the size an imported nn.GRUCell(1024, 1024) with a batch
 * of 64 takes.
 */
export const MAX_INFLATED_BYTES = Math.ceil((MAX_FLOATS * 16) / 3) + 64 * 1024;

/** Deepest nesting of arrays and objects a payload has: payload → w → ops → op → parameter list. */
export const MAX_JSON_DEPTH = 5;

/**
 * Throws when JSON text nests arrays and objects deeper than `max` (strings skipped), so a deeply
 * nested payload is refused in one pass instead of being built by JSON.parse.
 */
export function checkJsonDepth(bytes: Uint8Array, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) throw new Error(`nests deeper than ${max} levels`);
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
}
