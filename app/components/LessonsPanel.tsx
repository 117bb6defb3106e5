// The lesson gallery: each lesson is a link (the state in the hash), with what to try and see.
import { encodeState, LESSONS } from '../../src';
import { hashFor } from '../store/persistence';

const LINKS = LESSONS.map((lesson) => ({ lesson, href: hashFor(encodeState(lesson.build())) }));

export function LessonsPanel() {
  return (
    <section className="panel lessons" aria-label="Lessons">
      <h2>
        Lessons <span className="muted">each one is a link: open it, try, watch h′</span>
      </h2>
      <ol className="lesson-list">
        {LINKS.map(({ lesson, href }) => (
          <li key={lesson.id}>
            <details>
              <summary>
                <a href={href} data-lesson={lesson.id}>
                  {lesson.title}
                </a>
              </summary>
              <p>
                <strong>Try:</strong> {lesson.task}
              </p>
              <p>
                <strong>See:</strong> {lesson.expect}
              </p>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
