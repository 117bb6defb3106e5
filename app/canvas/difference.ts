// Colours for a difference B − A: a diverging palette over ±range for cells that differ, and two marks of
// their own that no palette colour takes — cells exactly equal, and cells that differ by less than 1e-6
// (float32 rounding, not an edit) — so "unchanged" and "changed a hair" never look alike.
import { TINY_DIFFERENCE } from '../../src';
import { LUT_SIZE, NAN_RGB } from './palette';

export const EQUAL_RGB = [236, 236, 236] as const;
export const TINY_RGB = [255, 214, 0] as const;

/** Changed cells drawn smaller than this (CSS px) get a ring in the Δ view and the figure, so one edit at H = 1024 is seen. */
export const MARK_BELOW_PX = 6;

/** The Δ scale: ±max |Δ|, or ±1e-6 when nothing differs (every cell is then drawn "equal" anyway). */
export const differenceRange = (maxAbs: number) => (maxAbs > 0 ? maxAbs : TINY_DIFFERENCE);

export function rasterizeDifference(
  delta: ArrayLike<number>,
  start: number,
  count: number,
  range: number,
  lut: Uint8ClampedArray,
  pixels: Uint8ClampedArray,
) {
  const scale = (LUT_SIZE - 1) / (2 * range);
  for (let i = 0; i < count; i++) {
    const v = delta[start + i];
    const o = i * 4;
    let rgb: readonly number[];
    if (v === 0) rgb = EQUAL_RGB;
    else if (Number.isNaN(v)) rgb = NAN_RGB;
    else if (Math.abs(v) < TINY_DIFFERENCE) rgb = TINY_RGB;
    else {
      const k = Math.min(LUT_SIZE - 1, Math.max(0, Math.round((v + range) * scale)));
      rgb = [lut[k * 4], lut[k * 4 + 1], lut[k * 4 + 2]];
    }
    pixels[o] = rgb[0];
    pixels[o + 1] = rgb[1];
    pixels[o + 2] = rgb[2];
    pixels[o + 3] = 255;
  }
}
