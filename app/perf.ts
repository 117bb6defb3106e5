// Performance marks from a paint input to the frame where h' is drawn (read by the UI benchmark).
let pending = false;

export function markPaintInput() {
  performance.mark('paint-input');
  pending = true;
}

/** Called after the outputs are drawn; measures input → drawn once per input. */
export function markOutputDrawn() {
  if (!pending) return;
  pending = false;
  performance.mark('output-drawn');
  performance.measure('paint-to-output', 'paint-input', 'output-drawn');
}
