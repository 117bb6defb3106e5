// On the default page h = 0, so every term W_h·h is 0 and painting weight_hh cannot change h′.
// Said right after a weight_hh edit, with a way out, in a bar floating at the bottom of the window: a note in
// the page's flow would move the heatmaps under the pointer between two clicks.
import { useState } from 'react';
import { useExplorer, type ExplorerState } from '../store/store';
import { setInput } from '../store/actions';

const H_DEMO_VALUE = 0.5;

function weightHhEditedWithHZero(s: ExplorerState): boolean {
  if (!s.model.h.every((v) => v === 0)) return false;
  const last = s.recipe?.[s.recipe.length - 1];
  const lastOp = last && last.k !== 'zeros' && last.k !== 'resize' ? last.t : null;
  return lastOp === 'weight_hh' || (s.recipe === null && s.lastEdit?.grid === 'weight_hh');
}

export function HZeroNote() {
  const show = useExplorer(weightHhEditedWithHZero);
  const readonly = useExplorer((s) => s.readonly);
  const [dismissed, setDismissed] = useState(false);
  if (!show || dismissed) return null;
  return (
    <div className="h-zero-note" role="note" aria-label="Why weight_hh changes nothing">
      <span>
        <strong>h = 0</strong>, so every <code>W_h·h</code> term is 0: painting <code>weight_hh</code> cannot change h′ until h is set.
      </span>
      {!readonly && (
        <button type="button" onClick={() => setInput('h', H_DEMO_VALUE)}>
          Set h = {H_DEMO_VALUE}
        </button>
      )}
      <button type="button" className="note-close" aria-label="Dismiss" onClick={() => setDismissed(true)}>
        ×
      </button>
    </div>
  );
}
