import { describe, expect, it } from 'vitest';
import { EDGE, placePopover, POINTER_GAP } from './popoverPlace';

const viewport = { width: 1280, height: 800 };
const box = { width: 300, height: 120 };
const inside = (p: { left: number; top: number }) =>
  p.left >= EDGE && p.top >= EDGE && p.left + box.width <= viewport.width - EDGE && p.top + box.height <= viewport.height - EDGE;

describe('placePopover', () => {
  it('goes below and right of the pointer when there is room', () => {
    expect(placePopover({ x: 100, y: 100 }, box, viewport)).toEqual({ left: 100 + POINTER_GAP, top: 100 + POINTER_GAP });
  });
  it('flips left near the right edge and up near the bottom, never covering the pointer', () => {
    const p = placePopover({ x: 1200, y: 760 }, box, viewport);
    expect(p.left + box.width).toBeLessThanOrEqual(1200 - POINTER_GAP);
    expect(p.top + box.height).toBeLessThanOrEqual(760 - POINTER_GAP);
    expect(inside(p)).toBe(true);
  });
  it('stays inside the viewport for pointers anywhere, even in a small window', () => {
    for (const x of [0, 5, 300, 640, 1000, 1279])
      for (const y of [0, 50, 400, 700, 799]) expect(inside(placePopover({ x, y }, box, viewport))).toBe(true);
    const small = { width: 320, height: 140 };
    const p = placePopover({ x: 160, y: 70 }, box, small);
    expect(p.left).toBe(EDGE);
    expect(p.top).toBeGreaterThanOrEqual(EDGE);
  });
});
