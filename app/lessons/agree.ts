// Does h′ on the page keep a lesson's promise? The lessons print h′ to 4 decimals, so a value agrees
// when within half a unit of the last printed digit (plus float32 rounding).
export const LESSON_TOLERANCE = 5e-5 + 1e-6;

export function lessonAgrees(expected: readonly number[], actual: ArrayLike<number>): boolean {
  return expected.length === actual.length && expected.every((v, i) => Math.abs(v - actual[i]) <= LESSON_TOLERANCE);
}
