// Brings an opened lesson on screen: the page scrolls so the lesson, the heatmaps and the live cell
// start just below the sticky toolbar (on one column, the lesson text first).
export function revealLesson() {
  requestAnimationFrame(() => {
    const target = document.querySelector<HTMLElement>('.lesson-guide');
    // The first column (heatmaps): <main> itself now starts with the toolbar and the message bar.
    const main = document.querySelector<HTMLElement>('.main > .left') ?? document.querySelector<HTMLElement>('.main');
    if (!target || !main) return;
    const toolbar = document.querySelector<HTMLElement>('.toolbar');
    const stuck = toolbar ? toolbar.getBoundingClientRect().height + 8 : 0;
    // Two columns: the top of the main grid (lesson and heatmaps side by side); one column: the lesson.
    const top = Math.min(target.getBoundingClientRect().top, main.getBoundingClientRect().top);
    window.scrollTo({ top: Math.max(0, window.scrollY + top - stuck), behavior: 'instant' });
    target.focus({ preventScroll: true });
    // For tests and tools: the lesson now on screen, in place (cleared when another lesson is opened).
    document.documentElement.dataset.lessonShown = target.dataset.lesson ?? '';
  });
}
