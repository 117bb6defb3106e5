// Which saved work makes way when the history is full: never the work being edited, link-born entries first.
import { describe, expect, it } from 'vitest';
import { toEvict, type WorkEntry } from './savedWork';

const entry = (id: string, origin: WorkEntry['origin'], time: number): WorkEntry => ({
  id,
  origin,
  time,
  chars: 10,
  label: '',
  rev: 'r',
  where: 'localStorage',
});

describe('toEvict', () => {
  it('drops nothing within the limit', () => {
    expect(toEvict([entry('a', 'work', 1), entry('b', 'link', 2)], 'a', 2)).toEqual([]);
  });

  it('drops the oldest link-born entries before any of the work that began here', () => {
    const entries = [
      entry('w1', 'work', 1),
      entry('l1', 'link', 5),
      entry('w2', 'work', 2),
      entry('l2', 'link', 3),
      entry('now', 'link', 9),
    ];
    expect(toEvict(entries, 'now', 3).map((e) => e.id)).toEqual(['l2', 'l1']);
    expect(toEvict(entries, 'now', 2).map((e) => e.id)).toEqual(['l2', 'l1', 'w1']);
  });

  it('never drops the entry being edited, even if it is the oldest', () => {
    const entries = [entry('old', 'link', 0), entry('b', 'work', 1), entry('c', 'work', 2)];
    expect(toEvict(entries, 'old', 2).map((e) => e.id)).toEqual(['b']);
  });
});
