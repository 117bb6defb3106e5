// The Earlier work menu: the last few pieces of saved work (this tab's earlier ones, other tabs', those kept
// when a link was opened), each with its shape, size and time, and a button that brings it back.
import { useExplorer } from '../store/store';
import { restorePrevious } from '../store/persistence';
import { timeOf } from '../format';

const sizeOf = (chars: number) =>
  chars < 1000
    ? `${chars} characters`
    : chars < 1e6
      ? `${(chars / 1000).toFixed(0)} k characters`
      : `${(chars / 1e6).toFixed(1)} M characters`;

export function EarlierWork() {
  const earlier = useExplorer((s) => s.earlier);
  if (earlier.length === 0) return null;
  return (
    <details className="earlier-work">
      <summary>Earlier work ({earlier.length})</summary>
      <ul aria-label="Earlier work">
        {earlier.map((entry) => (
          <li key={entry.id}>
            <span>
              {entry.label}
              <span className="muted">
                {' '}
                · {sizeOf(entry.chars)} · {timeOf(entry.time)}
                {entry.origin === 'link' ? ' · began as a link' : ''}
              </span>
            </span>
            <button
              type="button"
              onClick={() => void restorePrevious(entry.id)}
              aria-label={`Restore ${entry.label} saved ${timeOf(entry.time)}`}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
