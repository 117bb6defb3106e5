// Layout detective: given GRU weights as some unknown framework stored them (four arrays with PyTorch's lengths,
// possibly transposed and in another block order) and an observed step (x, h → h′), try every block order ×
// transposed or not × reset-after/before × gate activation and rank the hypotheses by how well they reproduce h′.
// The classic bug it catches is r and z swapped (keras#8720, torch2trt#694 in docs/gru-conventions.md).
import { validateWeights, type GruWeights } from '../gru/weights';
import { formatBlockOrder, type BlockOrder } from './blocks';
import { forEachReading, readingKeys } from './readings';
import type { RecurrentActivation } from './variants';

export interface Observation {
  /** batch × I */
  x: ArrayLike<number>;
  /** batch × H */
  h: ArrayLike<number>;
  /** The h′ the framework produced, batch × H. */
  hNext: ArrayLike<number>;
  /**
   * How far each hNext value may be from what the framework computed because it was printed rounded: half a unit
   * in its last printed digit (a 4-decimal print: 5e-5). Added to the tolerance per value; none: printed exactly.
   */
  hNextRounding?: ArrayLike<number>;
  batch?: number;
}

export interface Hypothesis {
  /** The gate held by each stored block. */
  gateOrder: BlockOrder;
  /** Matrices stored (I, 3H) / (H, 3H) with column blocks. */
  transposed: boolean;
  resetAfter: boolean;
  recurrentActivation: RecurrentActivation;
}

export interface DetectiveCandidate extends Hypothesis {
  /** Largest |h′ − observed| over all observations (Infinity when NaN appears on one side only). */
  maxError: number;
  /** Every |h′ − observed| ≤ tolerance + that value's print rounding. */
  matches: boolean;
  /** Frameworks whose native storage and cell this hypothesis is, e.g. ["Keras (reset_after=True)"]. */
  frameworks: string[];
  /** e.g. "blocks in z|r|n order (Keras/ONNX), not transposed, reset-after, sigmoid: max error 3e-8". */
  description: string;
}

export interface DetectiveReport {
  /** All hypotheses, best first. */
  candidates: DetectiveCandidate[];
  best: DetectiveCandidate;
  /** The hypotheses within tolerance. */
  matching: DetectiveCandidate[];
  /** One paragraph for a human. */
  verdict: string;
}

export interface DetectiveOptions {
  /** Largest |Δh′| that counts as a match on top of each value's print rounding (float error). Default 1e-5. */
  tolerance?: number;
  /** Gate activations to try. Default all three. */
  activations?: readonly RecurrentActivation[];
}

const ORDER_NOTE: Record<string, string> = {
  'r|z|n': ' (PyTorch)',
  'z|r|n': ' (Keras/ONNX/TF.js)',
};

/** Which framework stores weights natively this way and runs this cell. */
export function frameworksFor(h: Hypothesis): string[] {
  const order = formatBlockOrder(h.gateOrder);
  const out: string[] = [];
  if (order === 'r|z|n' && !h.transposed && h.resetAfter && h.recurrentActivation === 'sigmoid') {
    out.push('PyTorch', 'MXNet Gluon', 'cuDNN');
  }
  if (order === 'z|r|n' && !h.transposed && h.recurrentActivation === 'sigmoid') {
    out.push(h.resetAfter ? 'ONNX (linear_before_reset=1)' : 'ONNX (linear_before_reset=0, the default)');
  }
  if (order === 'z|r|n' && h.transposed) {
    if (h.resetAfter) {
      if (h.recurrentActivation === 'sigmoid') out.push('Keras / TF2 (reset_after=True)');
      if (h.recurrentActivation === 'hardSigmoid') out.push("tf.keras 2 (reset_after=True, 'hard_sigmoid')");
      if (h.recurrentActivation === 'hardSigmoid6') out.push("Keras 3 (reset_after=True, 'hard_sigmoid')");
    } else {
      if (h.recurrentActivation === 'sigmoid') out.push('Keras (reset_after=False)', "TF.js (recurrentActivation: 'sigmoid')");
      if (h.recurrentActivation === 'hardSigmoid') out.push('TF.js (default)', "TF 1.x Keras (default 'hard_sigmoid')");
      if (h.recurrentActivation === 'hardSigmoid6') out.push("Keras 3 (reset_after=False, 'hard_sigmoid')");
    }
  }
  return out;
}

export function describeHypothesis(h: Hypothesis): string {
  const order = formatBlockOrder(h.gateOrder);
  return (
    `blocks in ${order} order${ORDER_NOTE[order] ?? ''}, ${h.transposed ? 'transposed' : 'not transposed'}, ` +
    `${h.resetAfter ? 'reset-after' : 'reset-before'}, ${h.recurrentActivation}`
  );
}

/** 0, 3e-8, 0.35, Infinity. */
export function formatMaxError(err: number): string {
  if (err === 0 || !Number.isFinite(err)) return String(err);
  return err >= 1e-3 ? String(Number(err.toPrecision(2))) : err.toExponential(0);
}

/** max |a − b| and whether every |a[i] − b[i]| ≤ tolerance + rounding[i]. */
function compare(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  tolerance: number,
  rounding?: ArrayLike<number>,
): { err: number; fits: boolean } {
  let worst = 0;
  let fits = true;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    const d = Math.abs(a[i] - b[i]);
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
    if (!(d <= tolerance + (rounding ? rounding[i] : 0))) fits = false;
  }
  return { err: worst, fits };
}

/** The bar a match must meet, in words: "1e-5", or "the print's rounding (±5e-5) + 1e-5". */
export function describeTolerance(tolerance: number, rounding?: ArrayLike<number>): string {
  let widest = 0;
  for (let i = 0; rounding && i < rounding.length; i++) widest = Math.max(widest, rounding[i]);
  return widest > 0 ? `the print's rounding (±${formatMaxError(widest)}) + ${formatMaxError(tolerance)}` : formatMaxError(tolerance);
}

/** Tries all 6 block orders × transposed/not × reset-after/before × the gate activations. */
export function detectGruLayout(
  stored: GruWeights,
  observations: Observation | readonly Observation[],
  options: DetectiveOptions = {},
): DetectiveReport {
  validateWeights(stored);
  const obs = Array.isArray(observations) ? (observations as readonly Observation[]) : [observations as Observation];
  if (obs.length === 0) throw new Error('the detective needs at least one observation (x, h, h′)');
  const { inputSize: I, hiddenSize: H } = stored;
  obs.forEach((o, i) => {
    const batch = o.batch ?? 1;
    for (const [name, arr, len] of [
      ['x', o.x, batch * I],
      ['h', o.h, batch * H],
      ['hNext', o.hNext, batch * H],
      ['hNextRounding', o.hNextRounding ?? o.hNext, batch * H],
    ] as const) {
      if (!arr || arr.length !== len) {
        throw new Error(`observation ${i}: ${name} has ${arr?.length ?? 0} values, expected ${len} (batch ${batch}, I ${I}, H ${H})`);
      }
    }
  });
  const tolerance = options.tolerance ?? 1e-5;
  const activations = options.activations ?? (['sigmoid', 'hardSigmoid', 'hardSigmoid6'] as const);
  // Every reading of every observation: its largest error and whether all its values fit.
  const keys = readingKeys(activations);
  const errs = new Array<number>(keys.length).fill(0);
  const fits = new Array<boolean>(keys.length).fill(true);
  for (const o of obs) {
    forEachReading(stored, o.x, o.h, o.batch ?? 1, activations, (i, hNext) => {
      const c = compare(hNext, o.hNext, tolerance, o.hNextRounding);
      errs[i] = Math.max(errs[i], c.err);
      fits[i] &&= c.fits;
    });
  }
  const candidates: DetectiveCandidate[] = keys.map((hyp, i) => ({
    ...hyp,
    maxError: errs[i],
    matches: fits[i],
    frameworks: frameworksFor(hyp),
    description: `${describeHypothesis(hyp)}: max error ${formatMaxError(errs[i])}`,
  }));
  // Stable sort: ties keep the enumeration order, which puts PyTorch's layout and sigmoid first.
  candidates.sort((a, b) => a.maxError - b.maxError);
  const matching = candidates.filter((c) => c.matches);
  const bar = describeTolerance(tolerance, roundingOf(obs));
  return { candidates, best: candidates[0], matching, verdict: verdictFor(candidates[0], matching, bar) };
}

/** The widest print rounding of each value position over the observations (for the wording only). */
function roundingOf(obs: readonly Observation[]): number[] | undefined {
  const all = obs.flatMap((o) => (o.hNextRounding ? Array.from(o.hNextRounding) : []));
  return all.length ? all : undefined;
}

function verdictFor(best: DetectiveCandidate, matching: DetectiveCandidate[], tolerance: string): string {
  if (matching.length === 0) {
    return (
      `No hypothesis reproduces h′ within ${tolerance}; the closest is ${best.description}. ` +
      'The weights, x, h and h′ may not belong together, or the cell uses something not tried here ' +
      '(clip, other activations, a different bias layout).'
    );
  }
  const parts: string[] = [];
  parts.push(`Best fit: ${best.description}${best.frameworks.length ? ` — ${best.frameworks.join(', ')}` : ''}.`);
  const order = formatBlockOrder(best.gateOrder);
  if (order === 'z|r|n') {
    parts.push("The blocks are stored z | r | h: read as PyTorch's r | z | n, r and z are swapped — the classic conversion bug.");
  } else if (order !== 'r|z|n') {
    parts.push(`The blocks are stored ${order}, neither PyTorch's r|z|n nor Keras/ONNX's z|r|h.`);
  }
  if (best.transposed) parts.push('The matrices are stored (in, out): transpose them for PyTorch.');
  if (!best.resetAfter) {
    parts.push("The cell is reset-before (W_hn multiplies r ⊙ h): PyTorch's nn.GRU is a different function for these weights.");
  }
  if (best.recurrentActivation !== 'sigmoid') {
    parts.push(`The gates use ${best.recurrentActivation}, not σ: PyTorch's cell uses σ.`);
  }
  if (matching.length > 1) {
    parts.push(
      `${matching.length} hypotheses fit within ${tolerance}: this observation cannot tell them apart ` +
        '(try a non-zero h, larger inputs or more observations).',
    );
  }
  return parts.join(' ');
}
