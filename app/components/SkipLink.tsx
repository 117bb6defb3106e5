// "Skip to the weights": the first tab stop, shown when focused, moves focus past the header and toolbar. It
// focuses the target itself instead of following href="#id", which would replace the #s=… state in the address.
import type { MouseEvent } from 'react';

export function SkipLink({ target, children }: { target: string; children: string }) {
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const el = document.getElementById(target);
    if (!el) return;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'start' });
  };
  return (
    <a className="skip-link" href={`#${target}`} onClick={skip}>
      {children}
    </a>
  );
}
