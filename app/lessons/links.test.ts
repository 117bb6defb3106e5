import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, gruCell, LESSONS } from '../../src';
import { LESSON_LINKS, lessonIdFor } from './links';
import { lessonAgrees } from './agree';

describe('lesson links', () => {
  it('every lesson link is exactly the encoded lesson state (links made before stay valid) and names its own lesson', () => {
    expect(LESSON_LINKS.map((l) => l.lesson.id)).toEqual(LESSONS.map((l) => l.id));
    for (const { lesson, encoded, href } of LESSON_LINKS) {
      expect(href).toBe(`#s=${encodeState(lesson.build())}`);
      expect(lessonIdFor(encoded)).toBe(lesson.id);
    }
    expect(new Set(LESSON_LINKS.map((l) => l.encoded)).size).toBe(LESSONS.length);
  });

  it('a state that is not a lesson opens no guide', () => {
    const state = LESSONS[0].build();
    state.model.h[0] = 7;
    expect(lessonIdFor(encodeState(state))).toBeNull();
  });

  it("each lesson's promised h′ agrees with the state its link opens", () => {
    for (const { lesson, encoded } of LESSON_LINKS.filter((l) => l.lesson.hNext)) {
      const decoded = decodeState(encoded);
      if (!decoded.ok) throw new Error(decoded.error);
      const { weights, x, h, batch } = decoded.state.model;
      expect(lessonAgrees(lesson.hNext!, gruCell(weights, x, h, batch).h), lesson.id).toBe(true);
    }
  });

  it('agreement is half a unit of the 4th decimal', () => {
    expect(lessonAgrees([0.7616], [0.76164])).toBe(true);
    expect(lessonAgrees([0.7616], [0.76166])).toBe(false);
    expect(lessonAgrees([1, 1], [1])).toBe(false);
  });
});
