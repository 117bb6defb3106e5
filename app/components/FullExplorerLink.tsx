// The embed's way out: the current state in the full explorer (embed and read-only mode dropped). The address is
// taken when the link is used, so it carries the edits made in the embed since it was drawn.
import { fullExplorerHref } from '../store/hash';

export function FullExplorerLink() {
  const refresh = (e: { currentTarget: HTMLAnchorElement }) => {
    e.currentTarget.href = fullExplorerHref(window.location.href);
  };
  return (
    <a
      className="muted"
      href={fullExplorerHref(window.location.href)}
      target="_blank"
      rel="noopener noreferrer"
      onPointerDown={refresh}
      onFocus={refresh}
      onClick={refresh}
    >
      open in the full explorer ↗
    </a>
  );
}
