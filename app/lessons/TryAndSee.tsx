// A lesson's two sentences, the same in the explorer's lesson guide and the training lab: what to do, what to look for.
import type { Lesson } from '../../src';

export function TryAndSee({ lesson }: { lesson: Pick<Lesson, 'task' | 'expect'> }) {
  return (
    <>
      <p>
        <strong>Try:</strong> {lesson.task}
      </p>
      <p>
        <strong>See:</strong> {lesson.expect}
      </p>
    </>
  );
}
