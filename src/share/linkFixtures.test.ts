// The link format is frozen: every link in fixtures/links.json (made by earlier builds through
// scripts/make-link-fixtures.mjs) must decode to exactly the state recorded beside it — sizes, view,
// recipe, and every float32 bit of the four tensors, x and h (as SHA-256 of their little-endian bytes).
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/links.json';
import { decodeState, encodeState, type SharedState } from './codec';
import { LESSONS } from '../lessons/lessons';
import { LINK_VERSION } from './schema';
import { linkState, type LinkState } from './fixtures/linkState.mjs';

interface LinkFixture {
  name: string;
  madeBy: string;
  version: number;
  link: string;
  state: LinkState;
}
const LINKS = fixtures.links as unknown as LinkFixture[];

function decoded(link: string): SharedState {
  const r = decodeState(link);
  if (!r.ok) throw new Error(r.error);
  return r.state;
}

describe('every link made so far opens exactly as it did', () => {
  it.each(LINKS.map((l) => [l.name, l] as const))('%s', (_, fixture) => {
    const r = decodeState(fixture.link);
    if (!r.ok) throw new Error(r.error);
    expect(r.version).toBe(fixture.version);
    expect(linkState(r.state)).toEqual(fixture.state);
  });

  it('and re-encodes to a link that decodes to the same state', () => {
    for (const fixture of LINKS.filter((l) => l.link.length < 2000)) {
      expect(linkState(decoded(encodeState(decoded(fixture.link)))), fixture.name).toEqual(fixture.state);
    }
  });

  it('the fixtures hold links of every version up to this one', () => {
    for (let v = 1; v <= LINK_VERSION; v++)
      expect(
        LINKS.some((l) => l.version === v),
        `a version-${v} link`,
      ).toBe(true);
    expect(LINKS.length).toBeGreaterThan(50);
  });

  it('every lesson has its link frozen (npm run fixtures:links appends a new one)', () => {
    for (const lesson of LESSONS) {
      const text = encodeState(lesson.build());
      expect(
        LINKS.some((l) => l.name === `lesson ${lesson.id}` || l.link === text),
        lesson.id,
      ).toBe(true);
    }
  });
});
