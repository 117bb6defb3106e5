// The seeded streams are part of the link format (a link's initializers replay through them), so their first
// values are pinned here. The numbers come from scripts/random_reference.py, which re-implements d3-random's
// published algorithms (Numerical Recipes LCG, uniform scaling, Marsaglia's polar method) in Python.
import { describe, expect, it } from 'vitest';
import { sampleInitializer } from './initializers';
import { normalSampler, seededRng, uniformSampler, type Rng } from './random';

const take = (rng: Rng, n: number) => Array.from({ length: n }, () => rng());

describe('seeded streams are frozen', () => {
  it.each([
    [0, [0.23606797284446657, 0.278566908556968, 0.8195337599609047]],
    [1, [0.23645552527159452, 0.3692706737201661, 0.5042420323006809]],
    [0.5, [0.7360679728444666, 0.778566908556968, 0.3195337599609047]],
    [-3, [0.23723063012585044, 0.5506782040465623, 0.8736585769802332]],
    [123456789, [0.2142903469502926, 0.8758254086133093, 0.5243400414474308]],
    [2 ** 40 + 5, [0.23800573498010635, 0.7320857343729585, 0.2430751216597855]],
  ])('seededRng(%s)', (seed, first) => {
    expect(take(seededRng(seed), 3)).toEqual(first);
  });

  it('uniform and normal samplers', () => {
    expect(take(uniformSampler(seededRng(7), -0.5, 0.5), 3)).toEqual([-0.26121916016563773, 0.41349326469935477, 0.11249166633933783]);
    expect(take(normalSampler(seededRng(0), 0, 1), 4)).toEqual([
      -0.7845147595019211, -0.9350841351643581, 0.5309887117911354, 1.010734229500226,
    ]);
  });

  it("PyTorch's default initializer (U(−1/√H, 1/√H) as float32)", () => {
    const values = sampleInitializer({ kind: 'pytorch' }, 12, 3, false, 4, 0);
    expect(Array.from(values.subarray(0, 4))).toEqual([-0.2639320194721222, -0.22143308818340302, 0.3195337653160095, 0.16786690056324005]);
  });
});
