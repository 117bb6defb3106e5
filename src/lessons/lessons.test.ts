import { describe, expect, it } from 'vitest';
import { gruCell } from '../gru/cell';
import { decodeState, encodeState } from '../share/codec';
import { LESSONS } from './lessons';

describe('lessons', () => {
  for (const lesson of LESSONS) {
    it(`${lesson.id}: gives the h′ its text promises, and survives a link`, () => {
      const { model } = lesson.build();
      const hNext = Array.from(gruCell(model.weights, model.x, model.h, model.batch).h);
      if (lesson.hNext) {
        expect(hNext.length).toBe(lesson.hNext.length);
        hNext.forEach((v, i) => expect(v).toBeCloseTo(lesson.hNext![i], 4));
      }
      const text = encodeState(lesson.build());
      expect(text.length).toBeLessThan(200);
      expect(decodeState(text).ok).toBe(true);
    });
  }
  const lesson = (id: string) => LESSONS.find((l) => l.id === id)!.build().model;

  it('overwrite: h′ = n', () => {
    const m = lesson('overwrite');
    const out = gruCell(m.weights, m.x, m.h);
    Array.from(out.h).forEach((v, i) => expect(v).toBeCloseTo(out.n[i], 6));
    expect(Array.from(out.h)).not.toEqual(Array.from(m.h));
  });

  it('ignore the past: h′ does not depend on h', () => {
    const m = lesson('ignore-past');
    const a = gruCell(m.weights, m.x, m.h).h;
    const b = gruCell(m.weights, m.x, Float32Array.from([3, -2, 1, 0.25])).h;
    Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));
  });

  it('have unique ids', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });
});
