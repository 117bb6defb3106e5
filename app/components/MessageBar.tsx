// Problems from edits and inputs: shown inline; the state they concern was kept as it was.
import { useExplorer } from '../store/store';
import { showMessage } from '../store/actions';
import { dismissPrevious, restorePrevious } from '../store/persistence';

export function MessageBar() {
  const message = useExplorer((s) => s.message);
  const restorable = useExplorer((s) => s.restorable);
  return (
    <>
      {restorable && (
        <div className="message info" role="status">
          <span>You opened a link. Your earlier work was kept.</span>
          <span>
            <button type="button" onClick={restorePrevious}>
              Restore earlier work
            </button>{' '}
            <button type="button" className="chip" onClick={dismissPrevious} aria-label="Keep the link's state">
              ×
            </button>
          </span>
        </div>
      )}
      {message && <Message message={message} />}
    </>
  );
}

function Message({ message }: { message: string }) {
  return (
    <div className="message" role="alert">
      <span>{message}</span>
      <button type="button" className="chip" onClick={() => showMessage(null)} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
