// Where a popover goes: beside the pointer, flipped to the other side and then clamped so it stays
// inside the viewport. Pure, so it is unit-tested.
export interface Size {
  width: number;
  height: number;
}

/** Gap between the pointer and the popover, CSS px. */
export const POINTER_GAP = 14;
/** Space kept between the popover and the viewport's edge. */
export const EDGE = 6;

export function placePopover(pointer: { x: number; y: number }, box: Size, viewport: Size): { left: number; top: number } {
  let left = pointer.x + POINTER_GAP;
  if (left + box.width > viewport.width - EDGE) left = pointer.x - POINTER_GAP - box.width;
  let top = pointer.y + POINTER_GAP;
  if (top + box.height > viewport.height - EDGE) top = pointer.y - POINTER_GAP - box.height;
  const clamp = (v: number, size: number, room: number) => Math.max(EDGE, Math.min(v, room - size - EDGE));
  return { left: clamp(left, box.width, viewport.width), top: clamp(top, box.height, viewport.height) };
}
