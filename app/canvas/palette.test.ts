import { describe, expect, it } from 'vitest';
import { contrastRatio, LUT_SIZE, PALETTES, paletteLut, textColorOn, type PaletteName } from './palette';

describe('contrast', () => {
  it('gives the WCAG ratios of known pairs', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 6);
    // #767676 on white is the classic lightest grey that passes AA (4.54:1); #777 just fails (4.48:1).
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('text on every colour of every palette passes AA (4.5:1), including the mid-tones a luma cut got wrong', () => {
    for (const name of Object.keys(PALETTES) as PaletteName[]) {
      const lut = paletteLut(name);
      for (let i = 0; i < LUT_SIZE; i++) {
        const bg = `rgb(${lut[i * 4]}, ${lut[i * 4 + 1]}, ${lut[i * 4 + 2]})`;
        expect(contrastRatio(bg, textColorOn(bg)), `${name}[${i}] ${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    // z = 0.546 in red–blue (range 1): a luma cut (144 < 150) chose white here, 3.15:1; black gives 6.7:1.
    expect(contrastRatio('rgb(222, 114, 93)', '#fff')).toBeCloseTo(3.15, 2);
    expect(textColorOn('rgb(222, 114, 93)')).toBe('#000');
    // NaN cells are drawn #282828.
    expect(textColorOn('#282828')).toBe('#fff');
  });
});
