// Diverging colour maps symmetric about 0, as a 256-entry RGBA lookup table built once per palette
// (mosaic/plot raster approach): rasterising then costs one table read per cell.
import { interpolateBrBG, interpolatePuOr, interpolateRdBu, rgb, scaleDiverging } from 'd3';
import type { PaletteName } from '../../src';

export type { PaletteName };

export const PALETTES: Record<PaletteName, { label: string; interpolate: (t: number) => string }> = {
  // Reversed so negative is blue and positive is red.
  RdBu: { label: 'Red–blue', interpolate: (t: number) => interpolateRdBu(1 - t) },
  // Purple–orange stays distinct under the common colour-vision deficiencies.
  PuOr: { label: 'Purple–orange (colour-blind safe)', interpolate: (t: number) => interpolatePuOr(1 - t) },
  BrBG: { label: 'Brown–teal (colour-blind safe)', interpolate: (t: number) => interpolateBrBG(t) },
};

export const LUT_SIZE = 256;
/** Drawn for NaN: not a colour of any palette. */
export const NAN_RGB = [40, 40, 40] as const;

const cache = new Map<PaletteName, Uint8ClampedArray>();

export function paletteLut(name: PaletteName): Uint8ClampedArray {
  let lut = cache.get(name);
  if (!lut) {
    lut = new Uint8ClampedArray(LUT_SIZE * 4);
    for (let i = 0; i < LUT_SIZE; i++) {
      const c = rgb(PALETTES[name].interpolate(i / (LUT_SIZE - 1)));
      lut.set([c.r, c.g, c.b, 255], i * 4);
    }
    cache.set(name, lut);
  }
  return lut;
}

/** d3 scale for legends and CSS colours: value → colour, symmetric about 0. */
export function colorScale(name: PaletteName, range: number) {
  return scaleDiverging(PALETTES[name].interpolate).domain([-range, 0, range]);
}

/** Writes one RGBA pixel per value into `pixels` (values clamp at ±range; ±∞ clamp too). */
export function rasterize(
  values: ArrayLike<number>,
  start: number,
  count: number,
  range: number,
  lut: Uint8ClampedArray,
  pixels: Uint8ClampedArray,
) {
  const scale = (LUT_SIZE - 1) / (2 * range);
  for (let i = 0; i < count; i++) {
    const v = values[start + i];
    const o = i * 4;
    if (Number.isNaN(v)) {
      pixels[o] = NAN_RGB[0];
      pixels[o + 1] = NAN_RGB[1];
      pixels[o + 2] = NAN_RGB[2];
      pixels[o + 3] = 255;
      continue;
    }
    let k = Math.round((v + range) * scale);
    k = k < 0 ? 0 : k > LUT_SIZE - 1 ? LUT_SIZE - 1 : k;
    pixels[o] = lut[k * 4];
    pixels[o + 1] = lut[k * 4 + 1];
    pixels[o + 2] = lut[k * 4 + 2];
    pixels[o + 3] = 255;
  }
}

/** Largest finite |v| over several arrays, at least `floor` (so all-zero grids still draw). */
export function symmetricRange(arrays: ArrayLike<number>[], floor = 1e-6): number {
  let m = floor;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = Math.abs(a[i]);
      if (v > m && v !== Infinity) m = v;
    }
  }
  return m;
}

/** WCAG 2 relative luminance of a CSS colour (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
export function relativeLuminance(css: string): number {
  const c = rgb(css);
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG 2 contrast ratio of two CSS colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Black or white text, whichever has the higher contrast ratio on the cell's colour. With pure black and
 * white the worse of the two best cases is 4.58:1 (a background of luminance ≈ 0.18), so every cell passes
 * WCAG AA for small text; a luma threshold picks white on mid-tones where it falls to ~3:1.
 */
export function textColorOn(css: string): string {
  return contrastRatio(css, '#000') >= contrastRatio(css, '#fff') ? '#000' : '#fff';
}
