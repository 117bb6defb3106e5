// Reading saved figures in browser tests: a PNG's header, and the colours at points of a PNG (or any image
// URL, such as an SVG data URL) as the browser decodes it through an <img>.
import type { Page } from '@playwright/test';

export type RGB = [number, number, number];

export const near = (actual: RGB, expected: RGB, tolerance = 4) => actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance);

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (signature.some((b, i) => bytes[i] !== b) || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decodes the image in the page and reads the pixels at the given points: PNG bytes, or an image URL. */
export async function pixelsAt(page: Page, image: Buffer | string, points: { x: number; y: number }[]): Promise<RGB[]> {
  const url = typeof image === 'string' ? image : `data:image/png;base64,${image.toString('base64')}`;
  return page.evaluate(
    async ({ url, points }) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(img, 0, 0);
      return points.map(
        ({ x, y }) => Array.from(ctx.getImageData(Math.floor(x), Math.floor(y), 1, 1).data.slice(0, 3)) as [number, number, number],
      );
    },
    { url, points },
  );
}
