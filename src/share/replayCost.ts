// What replaying a recipe costs, in time, before any of it runs: each op is counted in the elements it
// touches (allocated, copied, sampled, orthogonalised), each element priced at the nanoseconds
// scripts/bench-replay.mjs measured, times a factor for a slow laptop. A link whose replay would take
// longer than the budget there is refused with a message naming the limit, so a short hostile link
// (a hundred initializers at H = 1024) cannot freeze the page.
import { tensorShape, type TensorName } from '../gru/weights';
import type { InitializerKind } from '../init/initializers';
import type { WeightOp } from './recipe';

/**
 * Nanoseconds per element, from `npm run bench:replay` (scripts/bench-replay.mjs) on a 2-core AMD EPYC
 * at 2.6 GHz, Node 20: CPU time of ops replayed in chains at I = H = 1024 (so the garbage each op leaves
 * is priced in), rounded up. Measured: alloc 0.6, copy 0.6, uniform 6.6, normal 50, fill 3.0,
 * orthogonal 0.43, cell 36. Checked on whole recipes: a resize to 1024 × 1024 measures 100 ms (model
 * 100 ms), ten PyTorch inits of weight_hh at H = 1024 438 ms (440), orthogonal on a 1024 × 1024 band
 * 550 ms (600). Re-measure when an op gets faster or slower.
 */
export const NS_PER_ELEMENT = {
  /** A zero-filled Float32Array (zeros, resize, an initializer's samples). */
  alloc: 1,
  /** Copying a tensor before an edit (every op copies the tensor it writes). */
  copy: 1,
  /** One uniform draw: PyTorch default, uniform, Xavier/Kaiming uniform. */
  uniform: 12,
  /** One normal draw (Marsaglia's polar method): normal, Xavier/Kaiming normal, orthogonal's input. */
  normal: 55,
  /** A constant or zero fill. */
  fill: 3,
  /** One multiply-add of orthogonal's Gram–Schmidt (m · k² counted for k vectors of length m). */
  orthogonal: 0.5,
  /** One painted cell (index check and a scattered write). */
  cell: 40,
} as const;

/**
 * How much slower than the measuring machine a slow laptop is taken to be: single-thread scores of a
 * low-end laptop CPU (a Celeron or an older U-series i3) are about 2–3× below a 2.6 GHz EPYC core.
 */
export const SLOW_LAPTOP_FACTOR = 2.5;
/**
 * Longest replay a link the explorer writes may ask for, in milliseconds on that slow laptop (400 ms on the
 * measuring machine): a state over it travels as raw floats.
 */
export const REPLAY_BUDGET_MS = 1000;
/**
 * Longest replay a link may ask for when it is opened. Above the writing budget so that links written before
 * the budget existed (one orthogonal init at H = 1024 is ~1.5 s) keep opening; links are read in a worker, so
 * the page stays live meanwhile. Hostile recipes (100 initializers at 1024: ~11 s) are refused unreplayed.
 */
export const REPLAY_LIMIT_MS = 5000;

type Work = Partial<Record<keyof typeof NS_PER_ELEMENT, number>>;

const SAMPLER: Record<InitializerKind, keyof typeof NS_PER_ELEMENT> = {
  pytorch: 'uniform',
  uniform: 'uniform',
  xavierUniform: 'uniform',
  kaimingUniform: 'uniform',
  normal: 'normal',
  xavierNormal: 'normal',
  kaimingNormal: 'normal',
  orthogonal: 'normal',
  constant: 'fill',
  zeros: 'fill',
};

const sizeOf = (t: TensorName, I: number, H: number) => tensorShape(t, I, H).reduce((a, b) => a * b, 1);
const colsOf = (t: TensorName, I: number, H: number) => tensorShape(t, I, H)[1] ?? 1;
const allElements = (I: number, H: number) => 3 * H * (I + H + 2);

/** The elements one op touches, by kind of work, on a cell of sizes I × H before the op. */
export function opWork(op: WeightOp, I: number, H: number): Work {
  switch (op.k) {
    case 'zeros':
      return { alloc: allElements(op.I, op.H) };
    case 'init': {
      const cols = colsOf(op.t, I, H);
      const rows = op.g ? H : 3 * H;
      const sampled = rows * cols;
      const work: Work = { copy: sizeOf(op.t, I, H), alloc: sampled };
      work[SAMPLER[op.spec.kind]] = (work[SAMPLER[op.spec.kind]] ?? 0) + sampled;
      if (op.spec.kind === 'orthogonal') {
        const k = Math.min(rows, cols);
        work.orthogonal = Math.max(rows, cols) * k * k;
      }
      return work;
    }
    case 'rows':
    case 'col':
      return { copy: sizeOf(op.t, I, H), fill: op.k === 'rows' ? Math.max(0, op.r1 - op.r0) * colsOf(op.t, I, H) : 3 * H };
    case 'cells':
      return { copy: sizeOf(op.t, I, H), cell: op.i.length };
    case 'resize': {
      // A new cell with PyTorch's default init of every tensor, then the kept blocks copied over it.
      const kept = allElements(Math.min(I, op.I), Math.min(H, op.H));
      const all = allElements(op.I, op.H);
      return { alloc: 2 * all, uniform: all, copy: all + kept };
    }
  }
}

export function workNanoseconds(work: Work): number {
  let ns = 0;
  for (const [kind, n] of Object.entries(work) as [keyof typeof NS_PER_ELEMENT, number][]) ns += n * NS_PER_ELEMENT[kind];
  return ns;
}

/** Milliseconds a recipe's replay is estimated to take on a slow laptop (sizes followed through zeros and resize). */
export function replayMilliseconds(ops: readonly WeightOp[]): number {
  let ns = 0;
  let I = 1;
  let H = 1;
  for (const op of ops) {
    ns += workNanoseconds(opWork(op, I, H));
    if (op.k === 'zeros' || op.k === 'resize') {
      I = op.I;
      H = op.H;
    }
  }
  return (ns * SLOW_LAPTOP_FACTOR) / 1e6;
}
