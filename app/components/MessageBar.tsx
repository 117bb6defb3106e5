// Problems from edits and inputs: shown inline; the state they concern was kept as it was. Above them: a link
// or saved work being read, earlier work kept when a link was opened, and news from other tabs.
import { explorer, useExplorer } from '../store/store';
import { showMessage } from '../store/actions';
import { dismissPrevious, restorePrevious } from '../store/persistence';

export function MessageBar() {
  const message = useExplorer((s) => s.message);
  const restorable = useExplorer((s) => s.restorable && s.earlier.length > 0);
  const loading = useExplorer((s) => s.loading);
  const notice = useExplorer((s) => s.notice);
  return (
    <>
      {loading && (
        <div className="message info" role="status">
          <span>{loading === 'link' ? 'Opening the link…' : 'Bringing back your saved work…'}</span>
        </div>
      )}
      {restorable && (
        <div className="message info" role="status">
          <span>You opened a link. Your earlier work was kept (see Earlier work at the top).</span>
          <span>
            <button type="button" onClick={() => void restorePrevious()}>
              Restore earlier work
            </button>{' '}
            <button type="button" className="chip" onClick={dismissPrevious} aria-label="Keep the link's state">
              ×
            </button>
          </span>
        </div>
      )}
      {notice && (
        <div className="message info" role="status">
          <span>{notice}</span>
          <button type="button" className="chip" onClick={() => explorer.setState({ notice: null })} aria-label="Dismiss notice">
            ×
          </button>
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
