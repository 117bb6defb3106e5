// Seeded randomness: every initializer takes an explicit seed so a link or a test reproduces it
// exactly in any browser or in Node. d3-random's LCG is specified by d3 (not by the JS engine).
import { randomLcg, randomNormal, randomUniform } from 'd3-random';

export type Rng = () => number;

export function assertSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${String(seed)}`);
}

/** A generator of uniform [0, 1) numbers fixed by `seed`. */
export function seededRng(seed: number): Rng {
  assertSeed(seed);
  return randomLcg(seed);
}

export function uniformSampler(rng: Rng, low: number, high: number): Rng {
  return randomUniform.source(rng)(low, high);
}

export function normalSampler(rng: Rng, mean: number, std: number): Rng {
  return randomNormal.source(rng)(mean, std);
}
