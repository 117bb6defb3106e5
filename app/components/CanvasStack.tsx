// The heatmap canvas pair: an image canvas with the cell colours under a transparent overlay that carries the
// outline, the pointer handlers and the accessible name (so the image is repainted only when values change).
import type { ComponentPropsWithRef, RefObject } from 'react';

type OverlayProps = Omit<ComponentPropsWithRef<'canvas'>, 'ref' | 'style' | 'className'>;

export function CanvasStack({
  width,
  height,
  imageRef,
  overlayRef,
  overlayClass = '',
  ...overlay
}: {
  width: number;
  height: number;
  imageRef: RefObject<HTMLCanvasElement | null>;
  overlayRef: RefObject<HTMLCanvasElement | null>;
  overlayClass?: string;
} & OverlayProps) {
  const size = { width, height };
  return (
    <div className="grid-stack" style={size}>
      <canvas ref={imageRef} className="grid-canvas" style={size} aria-hidden="true" />
      <canvas ref={overlayRef} className={`grid-overlay ${overlayClass}`.trim()} style={size} {...overlay} />
    </div>
  );
}
