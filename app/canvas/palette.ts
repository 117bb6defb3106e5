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
export function rasterize(values: ArrayLike<number>, start: number, count: number, range: number, lut: Uint8ClampedArray, pixels: Uint8ClampedArray) {
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

/** Black or white text, whichever reads better on the cell's colour. */
export function textColorOn(css: string): string {
  const c = rgb(css);
  return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b > 150 ? '#111' : '#fff';
}
