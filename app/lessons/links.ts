// Each lesson is a link: its state encoded once. A loaded link whose state is exactly a lesson's
// opens that lesson's guide, so lesson links stay what they always were (no extra field in them).
import { encodeState, LESSONS, type Lesson } from '../../src';
import { hashFor } from '../store/hash';

export interface LessonLink {
  lesson: Lesson;
  encoded: string;
  href: string;
}

export const LESSON_LINKS: LessonLink[] = LESSONS.map((lesson) => {
  const encoded = encodeState(lesson.build());
  return { lesson, encoded, href: hashFor(encoded) };
});

/** The lesson whose link holds exactly this encoded state, if any. */
export function lessonIdFor(encoded: string): string | null {
  return LESSON_LINKS.find((l) => l.encoded === encoded)?.lesson.id ?? null;
}

export function lessonLink(id: string | null): { link: LessonLink; index: number } | null {
  const index = LESSON_LINKS.findIndex((l) => l.lesson.id === id);
  return index < 0 ? null : { link: LESSON_LINKS[index], index };
}
