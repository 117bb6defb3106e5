// Keyboard shortcuts: tools by letter, undo/redo, zoom (+ − 0). Ignored while typing in a field. The
// single-key ones (no modifier) can be turned off in the settings (WCAG 2.1.4 Character Key Shortcuts).
import { useEffect } from 'react';
import { usePreferences } from '../store/preferences';
import { redo, resetZoom, setTool, undo, zoomBy } from '../store/actions';
import { TOOLS } from '../tools';

export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (mod && key === 'y') {
        e.preventDefault();
        redo();
      } else if (!usePreferences.getState().singleKeyShortcuts) {
        return;
      } else if (!mod && !e.altKey && (key === '+' || key === '=')) {
        zoomBy(2);
      } else if (!mod && !e.altKey && (key === '-' || key === '_')) {
        zoomBy(1 / 2);
      } else if (!mod && !e.altKey && key === '0') {
        resetZoom();
      } else if (!mod && !e.altKey) {
        const tool = TOOLS.find((t) => t.key.toLowerCase() === key);
        if (tool) setTool(tool.tool);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
