// Work that is cheap runs during the render; work that is heavy waits until edits pause for `delayMs`, and the
// last result stays on screen meanwhile, so painting a large cell stays responsive.
import { useEffect, useMemo, useState } from 'react';

/** The result of `job` (null when there is no job): now when light, after a pause in changes when heavy. */
export function useSoonOrLater<T>(job: (() => T) | null, heavy: boolean, delayMs: number): T | null {
  const now = useMemo(() => (job && !heavy ? job() : null), [job, heavy]);
  const [later, setLater] = useState<T | null>(null);
  useEffect(() => {
    if (!job || !heavy) return;
    const id = setTimeout(() => setLater(job()), delayMs);
    return () => clearTimeout(id);
  }, [job, heavy, delayMs]);
  if (!job) return null;
  return heavy ? later : now;
}
