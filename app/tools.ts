// The paint tools with their labels, shortcut letters and hints: the toolbar draws them, useShortcuts binds the keys.
import type { Tool } from './store/store';

export const TOOLS: { tool: Tool; label: string; key: string; hint: string }[] = [
  { tool: 'brush', label: 'Brush', key: 'B', hint: 'click or drag over cells to set them to the value' },
  { tool: 'band', label: 'Fill band', key: 'F', hint: 'fill the whole gate band under the pointer' },
  { tool: 'row', label: 'Fill row', key: 'R', hint: 'fill the row under the pointer' },
  { tool: 'column', label: 'Fill column', key: 'C', hint: 'fill the column under the pointer' },
  { tool: 'eyedropper', label: 'Eyedropper', key: 'I', hint: 'pick a cell’s value as the brush value' },
  { tool: 'select', label: 'Select', key: 'V', hint: 'select a cell to inspect it or type an exact value' },
  { tool: 'pan', label: 'Pan', key: 'H', hint: 'drag a zoomed heatmap to move the view (zoom with Ctrl + wheel or the zoom buttons)' },
];
