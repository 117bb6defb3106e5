// The detective's work outside React: run the 72 hypotheses on the explorer's model (trying only the first
// batch rows when a full run would take seconds), and the small wordings the panel shows.
import {
  detectGruLayout,
  halfUnit,
  formatBlockOrder,
  formatMaxError,
  gruCellVariant,
  maxAbsDiff,
  type DetectiveCandidate,
  type DetectiveReport,
  type GruModel,
  type VariantOptions,
} from '../../src';
import { formatExact } from '../format';

/**
 * Float error allowed on top of the print's rounding: a match reproduces h′ within 1e-5 (the explorer's float32
 * bar vs PyTorch) plus half a unit in each pasted value's last digit.
 */
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
  /** Half a unit in each pasted value's last printed digit. */
  rounding: Float64Array;
  /** e.g. "printed to 4 decimals: each value is taken as ±5e-5 (half its last digit) + 1e-5 float error". */
  precision: string;
  report: DetectiveReport;
  rowsTried: number;
  /** max |Δh′| of the best hypothesis over every batch row. */
  bestErrorAllRows: number;
  /** The best hypothesis reproduces every row within the tolerance and the print's rounding. */
  bestFitsAllRows: boolean;
}

/** Each pasted value's print rounding, from its printed decimals. */
export function roundingOf(decimals: ArrayLike<number>): Float64Array {
  return Float64Array.from(decimals, halfUnit);
}

/** Does `computed` reproduce `observed` within TOLERANCE plus each value's print rounding? */
export function fitsObserved(computed: ArrayLike<number>, observed: ArrayLike<number>, rounding: ArrayLike<number>): boolean {
  for (let i = 0; i < computed.length; i++) {
    if (!(Math.abs(computed[i] - observed[i]) <= TOLERANCE + rounding[i])) return false;
  }
  return true;
}

/** Which precision the pasted numbers were read with, in words. */
export function describePrecision(decimals: ArrayLike<number>): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < decimals.length; i++) {
    lo = Math.min(lo, decimals[i]);
    hi = Math.max(hi, decimals[i]);
  }
  const places = (d: number) => (d > 0 ? `${d} decimal${d === 1 ? '' : 's'}` : d === 0 ? 'whole numbers' : `the nearest ${10 ** -d}`);
  const printed = lo === hi ? `printed to ${places(lo)}` : `printed to ${places(lo)} (some values to ${places(hi)})`;
  return `${printed}: each value is taken as ±${formatMaxError(halfUnit(lo))} (half its last digit) + ${formatMaxError(TOLERANCE)} float error`;
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

export function runInvestigation(model: GruModel, text: string, observed: Float32Array, decimals: ArrayLike<number>): Investigation {
  const { weights, x, h, batch } = model;
  const { inputSize: I, hiddenSize: H } = weights;
  const rowsTried = rowsToTry(model);
  const rounding = roundingOf(decimals);
  const report = detectGruLayout(
    weights,
    {
      x: x.subarray(0, rowsTried * I),
      h: h.subarray(0, rowsTried * H),
      hNext: observed.subarray(0, rowsTried * H),
      hNextRounding: rounding.subarray(0, rowsTried * H),
      batch: rowsTried,
    },
    { tolerance: TOLERANCE },
  );
  let bestErrorAllRows = report.best.maxError;
  let bestFitsAllRows = report.best.matches;
  if (rowsTried < batch) {
    const all = gruCellVariant(weights, x, h, batch, variantOf(report.best)).h;
    bestErrorAllRows = maxAbsDiff(all, observed);
    bestFitsAllRows = fitsObserved(all, observed, rounding);
  }
  return { model, text, observed, rounding, precision: describePrecision(decimals), report, rowsTried, bestErrorAllRows, bestFitsAllRows };
}
