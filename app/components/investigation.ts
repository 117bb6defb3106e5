// The detective's work outside React: run the 72 hypotheses on the explorer's model (trying only the first
// batch rows when a full run would take seconds), and the small wordings the panel shows.
import {
  detectGruLayout,
  formatBlockOrder,
  formatMaxError,
  gruCellVariant,
  type DetectiveCandidate,
  type DetectiveReport,
  type GruModel,
  type VariantOptions,
} from '../../src';
import { formatExact } from '../format';

/** The detective's own default: a match reproduces h′ within 1e-5 (the explorer's float32 bar vs PyTorch). */
export const TOLERANCE = 1e-5;
// Work is about rows · H · (I + H) per layout. Measured in Node (72 hypotheses, batch 1): ~0.37 s at
// I = H = 1024, ~0.6 s for 4 rows. Above the work of I = H = 256 the page says "Investigating…" and paints
// before computing; past the equivalent of 4 rows at H = 1024 only the first rows are tried (then the best fit
// is checked on the whole batch, one step instead of 72).
export const ASYNC_WORK = 256 * (256 + 256);
const ROW_BUDGET = 4 * 1024 * (1024 + 1024);

export interface Investigation {
  /** The state it ran on: a newer model (an edit, a conversion) makes it stale; undo makes it current again. */
  model: GruModel;
  text: string;
  observed: Float32Array;
  report: DetectiveReport;
  rowsTried: number;
  /** max |Δh′| of the best hypothesis over every batch row. */
  bestErrorAllRows: number;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}

export const variantOf = (c: DetectiveCandidate): VariantOptions => ({
  gateOrder: c.gateOrder,
  transposed: c.transposed,
  resetAfter: c.resetAfter,
  recurrentActivation: c.recurrentActivation,
});

export const isPytorchLayout = (c: DetectiveCandidate) => formatBlockOrder(c.gateOrder) === 'r|z|n' && !c.transposed;
export const isPytorchCell = (c: DetectiveCandidate) => c.resetAfter && c.recurrentActivation === 'sigmoid';

/** What PyTorch's cell does differently, e.g. "reset-before, hardSigmoid gates". */
export function cellDifference(c: DetectiveCandidate): string {
  const parts: string[] = [];
  if (!c.resetAfter) parts.push('reset-before (W_hn multiplies r ⊙ h)');
  if (c.recurrentActivation !== 'sigmoid') parts.push(`${c.recurrentActivation} gates instead of σ`);
  return parts.join(', ');
}

/** One line per batch row, like a printed (batch, H) tensor; 9 significant digits give back the float32 exactly. */
export function formatRows(values: Float32Array, batch: number, H: number): string {
  const rows = Array.from({ length: batch }, (_, b) => `[${Array.from(values.subarray(b * H, (b + 1) * H), formatExact).join(', ')}]`);
  return `[${rows.join(',\n ')}]`;
}

export function formatError(err: number): string {
  return Number.isFinite(err) ? formatMaxError(err) : '∞';
}

export function rowsToTry({ weights: { inputSize: I, hiddenSize: H }, batch }: GruModel): number {
  return Math.min(batch, Math.max(1, Math.floor(ROW_BUDGET / (H * (I + H)))));
}

export function runInvestigation(model: GruModel, text: string, observed: Float32Array): Investigation {
  const { weights, x, h, batch } = model;
  const { inputSize: I, hiddenSize: H } = weights;
  const rowsTried = rowsToTry(model);
  const report = detectGruLayout(
    weights,
    { x: x.subarray(0, rowsTried * I), h: h.subarray(0, rowsTried * H), hNext: observed.subarray(0, rowsTried * H), batch: rowsTried },
    { tolerance: TOLERANCE },
  );
  const bestErrorAllRows =
    rowsTried === batch ? report.best.maxError : maxAbsDiff(gruCellVariant(weights, x, h, batch, variantOf(report.best)).h, observed);
  return { model, text, observed, report, rowsTried, bestErrorAllRows };
}
