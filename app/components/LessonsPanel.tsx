// The lesson gallery: each lesson is a link (the state in the hash). Opening one shows its guide
// beside the heatmaps; the list stays a plain list of links.
import { useExplorer } from '../store/store';
import { LESSON_LINKS } from '../lessons/links';
import { openLesson } from '../lessons/LessonGuide';

export function LessonsPanel() {
  const open = useExplorer((s) => s.lesson);
  return (
    <section className="panel lessons" aria-label="Lessons">
      <h2>
        Lessons <span className="muted">each one is a link: open it, try, watch h′</span>
      </h2>
      <ol className="lesson-list">
        {LESSON_LINKS.map(({ lesson, href }) => (
          <li key={lesson.id}>
            <a
              href={href}
              data-lesson={lesson.id}
              aria-current={open === lesson.id ? 'step' : undefined}
              onClick={() => openLesson(lesson.id)}
            >
              {lesson.title}
            </a>
          </li>
        ))}
      </ol>
    </section>
  );
}
