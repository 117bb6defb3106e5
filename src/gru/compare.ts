// Comparing two float arrays the way a check of GRU outputs needs: NaN where both have NaN is a match (PyTorch
// gives NaN there too), NaN on one side only is the worst possible mismatch (Infinity), equal infinities match.

/** Largest |a[i] − b[i]| by the rules above; 0 for equal arrays. Arrays of different lengths are an error. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i] || (Number.isNaN(a[i]) && Number.isNaN(b[i]))) continue;
    const d = Math.abs(a[i] - b[i]);
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}
