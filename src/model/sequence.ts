// Unrolling the explorer's cell over T steps: h_0 is the model's h, and x_t follows a pattern built from the
// model's x, so a lesson can show a unit holding a value (z → 1) or forgetting it. nn.GRU semantics
// (src/gru/sequence.ts); x_t for t = 1…T.
import { gruSequence, type GruSequenceResult } from '../gru/sequence';
import type { GruModel } from './model';

export const SEQUENCE_PATTERNS = ['constant', 'impulse', 'alternating'] as const;
export type SequencePattern = (typeof SEQUENCE_PATTERNS)[number];

export const SEQUENCE_PATTERN_LABELS: Readonly<Record<SequencePattern, string>> = {
  constant: 'x at every step',
  impulse: 'x at step 1, then zeros',
  alternating: 'x, −x, x, −x, …',
};

export const MAX_SEQUENCE_STEPS = 200;
export const DEFAULT_SEQUENCE_STEPS = 12;

/** x_t (steps × batch × I) for a pattern: the model's x (batch × I) repeated, once, or with alternating sign. */
export function sequenceInputs(x: Float32Array, steps: number, pattern: SequencePattern): Float32Array {
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_SEQUENCE_STEPS) {
    throw new Error(`steps must be a whole number in 1..${MAX_SEQUENCE_STEPS}, got ${steps}`);
  }
  if (!SEQUENCE_PATTERNS.includes(pattern)) throw new Error(`input pattern must be one of ${SEQUENCE_PATTERNS.join(', ')}`);
  const out = new Float32Array(steps * x.length);
  for (let t = 0; t < steps; t++) {
    if (pattern === 'impulse' && t > 0) break;
    const sign = pattern === 'alternating' && t % 2 === 1 ? -1 : 1;
    for (let i = 0; i < x.length; i++) out[t * x.length + i] = sign * x[i];
  }
  return out;
}

/** The model's cell run for `steps` steps from h_0 = model.h. */
export function unrollModel(model: GruModel, steps: number, pattern: SequencePattern): GruSequenceResult {
  return gruSequence(model.weights, sequenceInputs(model.x, steps, pattern), model.h, steps, model.batch);
}
