// Problems from edits and inputs: shown inline; the state they concern was kept as it was.
import { useExplorer } from '../store/store';
import { showMessage } from '../store/actions';

export function MessageBar() {
  const message = useExplorer((s) => s.message);
  if (!message) return null;
  return (
    <div className="message" role="alert">
      <span>{message}</span>
      <button type="button" className="chip" onClick={() => showMessage(null)} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
