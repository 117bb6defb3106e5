import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { LESSONS } from '../lessons/lessons';
import { defaultRecipe } from '../model/defaults';
import { bytesToBase64url } from './bytes';
import { decodeState, encodeState } from './codec';
import fixtures from './fixtures/links.json';
import { pytorchDefaultOps, replayWeights, type WeightOp } from './recipe';
import { REPLAY_BUDGET_MS, REPLAY_LIMIT_MS, replayMilliseconds } from './replayCost';
import { DEFAULT_VIEW } from './schema';

const link = (payload: unknown) => bytesToBase64url(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }));
const N = 1024;

describe('links the explorer writes replay within a second on a slow laptop; opening refuses anything over five', () => {
  it('refuses 100 default inits at H = 1024 (a 379-character link) before replaying any', () => {
    const ops = [['z', 16, N], ...Array.from({ length: 100 }, (_, i) => ['i', 1, -1, 0, [], i])];
    const text = link({ v: 1, I: 16, H: N, b: 1, w: { ops }, x: 0, h: 0 });
    expect(text.length).toBeLessThan(400);
    const r = decodeState(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/too long to replay: about \d+ s on a slow laptop, over the 5 s limit/);
  });

  it('refuses 600 resizes between H = 1024 and 1023', () => {
    const ops = [['z', N, N], ...Array.from({ length: 600 }, (_, i) => ['s', N, i % 2 ? N : N - 1, 0])];
    const r = decodeState(link({ v: 1, I: N, H: N, b: 1, w: { ops }, x: 0, h: 0 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/over the 5 s limit/);
  });

  it('opens the default, every lesson and every frozen link', () => {
    expect(replayMilliseconds(defaultRecipe())).toBeLessThan(1);
    for (const lesson of LESSONS) expect(decodeState(encodeState(lesson.build())).ok, lesson.id).toBe(true);
    for (const f of fixtures.links) expect(decodeState(f.link).ok, f.name).toBe(true);
  });

  it('prices what the app makes at the limits: a resize to 1024 and a few initializers open', () => {
    const recipe: WeightOp[] = [
      ...defaultRecipe(),
      { k: 'resize', I: N, H: N, seed: 0 },
      ...pytorchDefaultOps(3),
      { k: 'init', t: 'weight_hh', g: 'z', spec: { kind: 'xavierUniform', gain: 1 }, seed: 1 },
      { k: 'init', t: 'weight_ih', g: 'n', spec: { kind: 'normal', mean: 0, std: 0.1 }, seed: 2 },
    ];
    expect(replayMilliseconds(recipe)).toBeLessThan(REPLAY_BUDGET_MS);
    expect(
      replayMilliseconds([
        { k: 'zeros', I: N, H: 512 },
        { k: 'init', t: 'weight_ih', g: 'r', spec: { kind: 'orthogonal', gain: 1 }, seed: 1 },
      ]),
    ).toBeLessThan(REPLAY_BUDGET_MS);
  });

  it('a link written before the budget, with one orthogonal init on a 1024 × 1024 band as its recipe, still opens', () => {
    const text = link({
      v: 1,
      I: 1,
      H: N,
      b: 1,
      w: {
        ops: [
          ['z', 1, N],
          ['i', 1, 0, 7, [1], 1],
        ],
      },
      x: 0,
      h: 0,
    });
    const recipe: WeightOp[] = [
      { k: 'zeros', I: 1, H: N },
      { k: 'init', t: 'weight_hh', g: 'r', spec: { kind: 'orthogonal', gain: 1 }, seed: 1 },
    ];
    expect(replayMilliseconds(recipe)).toBeGreaterThan(REPLAY_BUDGET_MS);
    expect(replayMilliseconds(recipe)).toBeLessThan(REPLAY_LIMIT_MS);
    const r = decodeState(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.state.recipe).toEqual(recipe);
  }, 60_000);

  it('a state whose recipe is over budget (orthogonal on a 1024 × 1024 band) travels as raw floats and opens, bit for bit', () => {
    const recipe: WeightOp[] = [
      { k: 'zeros', I: 1, H: N },
      { k: 'init', t: 'weight_hh', g: 'r', spec: { kind: 'orthogonal', gain: 1 }, seed: 1 },
    ];
    expect(replayMilliseconds(recipe)).toBeGreaterThan(REPLAY_BUDGET_MS);
    const weights = replayWeights(recipe);
    const r = decodeState(
      encodeState({ model: { weights, batch: 1, x: new Float32Array(1), h: new Float32Array(N) }, recipe, view: DEFAULT_VIEW }),
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.state.recipe).toBeNull();
    const [a, b] = [new Uint32Array(r.state.model.weights.weightHh.buffer), new Uint32Array(weights.weightHh.buffer)];
    expect(a.length).toBe(b.length);
    expect(a.findIndex((bits, i) => bits !== b[i])).toBe(-1);
  }, 60_000);
});
