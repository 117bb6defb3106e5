// Performance marks from a paint input to the frame where h′ is drawn (read by npm run bench:ui).
// The clock starts at the pointer event's own timestamp and is started only by inputs that
// changed a value; it stops in a task posted from the next animation frame, i.e. after that
// frame's style, layout and paint.
let pending = false;

export function markPaintInput(eventTime: number = performance.now()) {
  performance.mark('paint-input', { startTime: eventTime });
  pending = true;
}

const channel = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
if (channel) {
  channel.port1.onmessage = () => {
    if (!pending) return;
    pending = false;
    performance.mark('output-drawn');
    performance.measure('paint-to-output', 'paint-input', 'output-drawn');
  };
}

/** Called after the outputs are committed; measures once the frame showing them is done. */
export function markOutputDrawn() {
  if (!pending) return;
  requestAnimationFrame(() => channel?.port2.postMessage(null));
}
