// The open lesson as a guided step, beside the heatmaps: what to try, what to see, the h′ it promises
// against the h′ on the page (✓ when they agree), and the previous / next lesson — each a link.
import { useEffect } from 'react';
import { useExplorer, explorer } from '../store/store';
import { selectOutputs } from '../store/outputs';
import { formatValue } from '../format';
import { LESSON_LINKS, lessonLink } from './links';
import { revealLesson } from './reveal';
import { lessonAgrees } from './agree';
import { TryAndSee } from './TryAndSee';

function rowsOf(values: ArrayLike<number>, batch: number, H: number): string[] {
  return Array.from({ length: batch }, (_, b) => `[${Array.from({ length: H }, (_, j) => formatValue(values[b * H + j])).join(', ')}]`);
}

function Comparison({ expected }: { expected: number[] }) {
  const outputs = useExplorer(selectOutputs);
  const batch = useExplorer((s) => s.model.batch);
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const actual = outputs.h;
  const agree = lessonAgrees(expected, actual);
  const sameShape = expected.length === batch * H;
  return (
    <div className="lesson-check" data-agree={agree}>
      <table className="lesson-values">
        <tbody>
          <tr>
            <th scope="row">expected h′</th>
            <td>
              {sameShape ? (
                rowsOf(expected, batch, H).map((r, i) => <div key={i}>{r}</div>)
              ) : (
                <span className="muted">for the lesson's sizes</span>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">h′ now</th>
            <td aria-label="h′ now">
              {H * batch <= 64 ? (
                rowsOf(actual, batch, H).map((r, i) => <div key={i}>{r}</div>)
              ) : (
                <span className="muted">{H * batch} values</span>
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <p className={`lesson-verdict ${agree ? 'ok' : 'off'}`} role="status">
        {agree
          ? '✓ h′ is what the lesson says'
          : '✗ h′ differs now — compare it with the expected values, or reopen the lesson to start again'}
      </p>
    </div>
  );
}

export function LessonGuide() {
  const id = useExplorer((s) => s.lesson);
  const reveal = useExplorer((s) => s.lessonReveal);
  const found = lessonLink(id);
  // After the lesson's state is in place (the guide's height follows it), bring it on screen.
  useEffect(() => {
    if (reveal > 0) revealLesson();
  }, [reveal]);
  if (!found) return null;
  const { link, index } = found;
  const { lesson } = link;
  const previous = LESSON_LINKS[index - 1];
  const next = LESSON_LINKS[index + 1];
  return (
    <section className="panel lesson-guide" aria-label="Lesson guide" data-lesson={lesson.id} tabIndex={-1}>
      <div className="lesson-head">
        <span className="muted lesson-count">
          Lesson {index + 1} of {LESSON_LINKS.length}
        </span>
        <button
          type="button"
          className="lesson-close"
          aria-label="Close the lesson"
          title="Close the lesson"
          onClick={() => explorer.setState({ lesson: null })}
        >
          ×
        </button>
      </div>
      <h2>{lesson.title}</h2>
      <TryAndSee lesson={lesson} />
      {lesson.hNext && <Comparison expected={lesson.hNext} />}
      {/* Plain links: the hash change loads the lesson and opens its guide (lessons have distinct states). */}
      <nav className="lesson-nav" aria-label="Lesson steps">
        {previous ? (
          <a key={previous.lesson.id} href={previous.href} rel="prev" title={previous.lesson.title}>
            ← Previous lesson
          </a>
        ) : (
          <span />
        )}
        {next && (
          <a key={next.lesson.id} href={next.href} rel="next" title={next.lesson.title}>
            Next lesson →
          </a>
        )}
      </nav>
    </section>
  );
}

/**
 * A lesson link was clicked: its hash change loads the state (and opens the guide); when the page
 * already holds that state the hash does not change, so the guide is opened here too.
 */
export function openLesson(id: string) {
  delete document.documentElement.dataset.lessonShown;
  // The click's own link is already the address: no load follows, so bring the lesson on screen now.
  // Otherwise the load brings it on screen once its state is in place (one scroll, not two).
  const already = lessonLink(id)?.link.href === window.location.hash;
  explorer.setState((s) => ({ lesson: id, lessonReveal: s.lessonReveal + (already ? 1 : 0) }));
}
