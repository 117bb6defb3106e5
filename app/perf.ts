// Performance marks from a paint input to the frame where h′ is drawn (read by npm run bench:ui).
// The clock starts at the pointer event's own timestamp, only for inputs that changed a value,
// and stops when the next animation frame begins — the frame that shows the new h′. (The
// benchmark's probe also reports the stricter time to the end of that frame's paint.)
let pending = false;

export function markPaintInput(eventTime: number = performance.now()) {
  performance.mark('paint-input', { startTime: eventTime });
  pending = true;
}

/** Called after the outputs are committed to the DOM. */
export function markOutputDrawn() {
  if (!pending) return;
  requestAnimationFrame(() => {
    if (!pending) return;
    pending = false;
    performance.mark('output-drawn');
    performance.measure('paint-to-output', 'paint-input', 'output-drawn');
  });
}
