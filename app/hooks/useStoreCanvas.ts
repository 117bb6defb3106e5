// A canvas drawn from the store outside React (so painting never re-renders a component per event): drawn
// when set up, again on every store change, and afresh when the theme changes the colours it draws in.
import { useEffect, useRef, type DependencyList } from 'react';
import { fitCanvas } from '../canvas/render';
import { explorer, type ExplorerState } from '../store/store';
import { onThemeChange } from '../theme';

export interface StoreDrawing {
  /** Draws `state`; `fresh` when nothing drawn before may be kept (just set up, or a new theme). */
  draw(state: ExplorerState, fresh: boolean): void;
  /** Ends work the drawing left pending (timers). */
  stop?(): void;
}

/** Runs `start` (sizing canvases, making images) whenever `deps` change, and keeps its drawing current. */
export function useStoreCanvas(start: () => StoreDrawing | null, deps: DependencyList): void {
  useEffect(() => {
    const drawing = start();
    if (!drawing) return;
    drawing.draw(explorer.getState(), true);
    const unsubscribe = explorer.subscribe((s) => drawing.draw(s, false));
    const offTheme = onThemeChange(() => drawing.draw(explorer.getState(), true));
    return () => {
      unsubscribe();
      offTheme();
      drawing.stop?.();
    };
    // The callers' deps are checked where they are written (eslint: exhaustive-deps' additionalHooks).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

/**
 * The two canvases of a CanvasStack, sized to width × height (CSS pixels) and drawn from the store by
 * `start(canvas, overlay)` whenever the size or `deps` change (checked by exhaustive-deps, like useEffect's).
 * Returns the refs to give the stack.
 */
export function useCanvasStack(
  start: (canvas: HTMLCanvasElement, overlay: HTMLCanvasElement) => StoreDrawing,
  deps: DependencyList,
  width: number,
  height: number,
) {
  const imageRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  useStoreCanvas(() => {
    const canvas = imageRef.current;
    const overlay = overlayRef.current;
    if (!canvas || !overlay) return null;
    fitCanvas(canvas, width, height);
    fitCanvas(overlay, width, height);
    return start(canvas, overlay);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, height, ...deps]);
  return { imageRef, overlayRef };
}
