import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { gruCell } from '../gru/cell';
import { defaultModel, defaultRecipe } from '../model/defaults';
import { emptyModel } from '../model/model';
import { seededRng } from '../init/random';
import { bytesToBase64url } from './bytes';
import { decodeState, encodeState, MAX_INFLATED_BYTES, type SharedState } from './codec';
import { bandOp, pytorchDefaultOps, replayWeights, type WeightOp } from './recipe';
import { DEFAULT_VIEW } from './schema';
import { REPLAY_BUDGET_MS, replayMilliseconds } from './replayCost';

/** Index of the first value whose float32 bits differ (−1 when identical), fast on 3M values. */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return i;
  return -1;
}

function expectSameState(a: SharedState, b: SharedState) {
  expect(b.model.batch).toBe(a.model.batch);
  expect(b.model.weights.inputSize).toBe(a.model.weights.inputSize);
  expect(b.model.weights.hiddenSize).toBe(a.model.weights.hiddenSize);
  for (const key of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const)
    expect(firstBitDifference(b.model.weights[key], a.model.weights[key])).toBe(-1);
  expect(firstBitDifference(b.model.x, a.model.x)).toBe(-1);
  expect(firstBitDifference(b.model.h, a.model.h)).toBe(-1);
  expect(b.view).toEqual({ ...DEFAULT_VIEW, ...a.view }); // fields a view leaves out decode as their defaults
}

function roundTrip(state: SharedState): { text: string; back: SharedState } {
  const text = encodeState(state);
  const result = decodeState(text);
  if (!result.ok) throw new Error(result.error);
  expectSameState(state, result.state);
  return { text, back: result.state };
}

function stateFrom(recipe: WeightOp[], batch: number, x: number[] | Float32Array, h: number[] | Float32Array): SharedState {
  const weights = replayWeights(recipe);
  return { model: { weights, batch, x: Float32Array.from(x), h: Float32Array.from(h) }, recipe, view: DEFAULT_VIEW };
}

/** The forum probe: zeros, h rows 1..4, one bias_hh block = 20. */
const probe = (gate: 'r' | 'z' | 'n') =>
  stateFrom(
    [{ k: 'zeros', I: 3, H: 4 }, bandOp('bias_hh', gate, 4, 20)],
    4,
    new Float32Array(12),
    Array.from({ length: 16 }, (_, i) => Math.floor(i / 4) + 1),
  );

describe('links round-trip exactly', () => {
  it('the default cell, with its view', () => {
    const state: SharedState = {
      model: defaultModel(),
      recipe: defaultRecipe(),
      view: { palette: 'PuOr', fixedRange: 2.5, selectedUnit: 3, selectedBatch: 0 },
    };
    const { text } = roundTrip(state);
    expect(text.length).toBeLessThan(200);
  });

  it('the sequence and layout-lens settings', () => {
    const view = {
      ...DEFAULT_VIEW,
      sequenceSteps: 30,
      sequencePattern: 'impulse',
      lensFramework: 'onnx',
      cellSemantics: 'reset-before',
    } as const;
    roundTrip({ model: defaultModel(), recipe: defaultRecipe(), view });
  });

  it('a link from before the sequence panel opens with its default T and pattern', () => {
    const older: SharedState = {
      model: defaultModel(),
      recipe: defaultRecipe(),
      view: { palette: 'PuOr', fixedRange: null, selectedUnit: 1, selectedBatch: 0 },
    };
    const result = decodeState(encodeState(older));
    if (!result.ok) throw new Error(result.error);
    expect(result.state.view).toEqual({ ...DEFAULT_VIEW, palette: 'PuOr', selectedUnit: 1 });
  });

  it('the forum probes in under 200 characters, with the same h′', () => {
    for (const gate of ['r', 'z', 'n'] as const) {
      const state = probe(gate);
      const { text, back } = roundTrip(state);
      expect(text.length).toBeLessThan(200);
      expect(gruCell(back.model.weights, back.model.x, back.model.h, 4).h).toEqual(
        gruCell(state.model.weights, state.model.x, state.model.h, 4).h,
      );
    }
  });

  it('initializers plus 100 painted cells at H = 1024 in under 2,000 characters', () => {
    const rng = seededRng(9);
    const cells: WeightOp = {
      k: 'cells',
      t: 'weight_hh',
      i: Array.from({ length: 100 }, () => Math.floor(rng() * 3 * 1024 * 1024)),
      v: Array.from({ length: 100 }, () => Math.fround(Math.round(rng() * 40 - 20))),
    };
    const recipe: WeightOp[] = [
      { k: 'zeros', I: 16, H: 1024 },
      ...pytorchDefaultOps(3),
      { k: 'init', t: 'weight_ih', g: 'r', spec: { kind: 'orthogonal', gain: 1 }, seed: 1 },
      { k: 'init', t: 'weight_hh', g: 'n', spec: { kind: 'xavierUniform', gain: 1 }, seed: 2 },
      bandOp('bias_hh', 'z', 1024, 1),
      cells,
    ];
    const { text } = roundTrip(stateFrom(recipe, 1, new Float32Array(16), new Float32Array(1024)));
    expect(text.length).toBeLessThan(2000);
  });

  it('raw floats (no recipe), including NaN, ±Infinity and −0, bit for bit', () => {
    const model = emptyModel(3, 4, 2);
    const rng = seededRng(4);
    model.weights.weightHh.forEach((_, i) => (model.weights.weightHh[i] = rng() * 2 - 1));
    model.weights.biasIh.set([Number.NaN, Infinity, -Infinity, -0]);
    model.h.set([0.1, 1 / 3, 1e-30, 3.4e38]);
    roundTrip({ model, recipe: null, view: DEFAULT_VIEW });
  });

  it('chooses the recipe when it is shorter, raw floats otherwise', () => {
    const decoded = (state: SharedState) => {
      const r = decodeState(encodeState(state));
      if (!r.ok) throw new Error(r.error);
      return r.state;
    };
    expect(decoded(probe('z')).recipe).not.toBeNull();
    // 600 painted cells on a 3×4 cell: the raw 96 floats are shorter than the recipe.
    const cells: WeightOp = {
      k: 'cells',
      t: 'weight_hh',
      i: Array.from({ length: 600 }, (_, i) => i % 48),
      v: Array.from({ length: 600 }, (_, i) => Math.fround(i / 7)),
    };
    expect(decoded(stateFrom([{ k: 'zeros', I: 3, H: 4 }, cells, cells], 1, [0, 0, 0], [0, 0, 0, 0])).recipe).toBeNull();
  });
});

describe('bad links get a clear message', () => {
  const encodePayload = (payload: unknown) => bytesToBase64url(deflateSync(strToU8(JSON.stringify(payload))));
  const good = JSON.parse(JSON.stringify({ v: 1, I: 3, H: 4, b: 1, w: { ops: [['z', 3, 4]] }, x: 0, h: 0 }));

  it('accepts the minimal payload', () => {
    expect(decodeState(encodePayload(good)).ok).toBe(true);
  });

  it.each([
    ['', /no state/],
    ['%%%', /damaged or truncated/],
    ['abcde', /damaged or truncated/],
    [encodeState(probe('z')).slice(0, 40), /damaged or truncated/],
  ])('%s', (text, message) => {
    const r = decodeState(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it.each([
    [{ ...good, v: 99 }, /newer GRU Explorer \(link version 99/],
    [{ ...good, v: 'x' }, /no valid version/],
    [{ ...good, H: 5000 }, /hidden size H must be a whole number in 1..1024/],
    [{ ...good, b: 0 }, /batch must be a whole number/],
    [{ ...good, x: [1, 2] }, /x has 2 values but needs 3/],
    [{ ...good, h: ['<script>'] }, /h holds something that is not a number/],
    [
      {
        ...good,
        w: {
          ops: [
            ['z', 3, 4],
            ['eval', 'alert(1)'],
          ],
        },
      },
      /unknown kind "eval"/,
    ],
    [
      {
        ...good,
        w: {
          ops: [
            ['z', 3, 4],
            ['p', 1, [999], [1]],
          ],
        },
      },
      /index 999 is outside weight_hh/,
    ],
    [{ ...good, w: { ops: [['z', 3, 5]] } }, /recipe builds I = 3, H = 5 but the link says/],
    [
      {
        ...good,
        w: {
          ops: Array(30)
            .fill(['i', 1, -1, 7, [1], 0])
            .map((op, i) => (i ? op : ['z', 3, 1024])),
        },
        H: 1024,
      },
      /too long to replay/,
    ],
    [{ ...good, pal: 'Hot' }, /colour map must be one of/],
    [{ ...good, u: 4 }, /selected unit must be a whole number in 0..3/],
    [{ ...good, T: 1e9 }, /sequence steps must be a whole number in 1..200/],
    [{ ...good, T: 0 }, /sequence steps must be a whole number in 1..200/],
    [{ ...good, xp: '<img onerror>' }, /sequence input pattern must be one of/],
    [{ ...good, fw: 'caffe' }, /layout lens framework must be one of keras, onnx, tfjs, flax/],
    [{ ...good, sem: 1 }, /cell semantics must be one of/],
    [[1, 2, 3], /not a GRU Explorer state/],
  ])('payload %#', (payload, message) => {
    const r = decodeState(encodePayload(payload));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('refuses a payload that inflates past the size limit', () => {
    const bomb = bytesToBase64url(deflateSync(new Uint8Array(MAX_INFLATED_BYTES + 1024), { level: 1 }));
    const r = decodeState(bomb);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toMatch(/unpacks to more than 34.4 MB, the size of the largest state/);
  }, 60_000);

  it('migrates an older version through the migration table', () => {
    // A hypothetical version 2 renamed "b" to "batch": version-1 links must still open.
    const migrations = { 1: (p: Record<string, unknown>) => ({ ...p, v: 2, batch: p.b }) };
    const v1 = encodePayload({ ...good, b: 2, x: 0, h: 0 });
    const r = decodeState(v1, migrations, 2);
    expect(r.ok && r.state.model.batch).toBe(2);
    expect(r.ok && r.version).toBe(1);
  });
});

/**
 * Decodes and times it: wall time and this process's CPU time (on a busy machine other processes stretch
 * the wall time). Printed, never asserted: timing asserts are flaky.
 */
function timedDecode(text: string) {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const r = decodeState(text);
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  return { r, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Every accepted link must be within the cost model's budget: its recipe's replay, or raw floats under the size cap. */
function expectWithinBudget(r: ReturnType<typeof decodeState>) {
  if (!r.ok) return expect(r.error).toMatch(/^The link/);
  const { weights, x, h, batch } = r.state.model;
  expect(weights.weightHh.length).toBe(3 * weights.hiddenSize * weights.hiddenSize);
  expect(x.length).toBe(batch * weights.inputSize);
  expect(h.length).toBe(batch * weights.hiddenSize);
  if (r.state.recipe) expect(replayMilliseconds(r.state.recipe)).toBeLessThanOrEqual(REPLAY_BUDGET_MS);
}

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

/** A random recipe payload: sizes spread over 1..1024 (most small), 1–40 steps of every kind with arguments in and out of range. */
function randomRecipePayload(rng: () => number): Record<string, unknown> {
  const size = () => Math.max(1, Math.round(2 ** (rng() * 10.01)));
  let I = size();
  let H = size();
  const ops: unknown[] = [['z', I, H]];
  for (let n = Math.floor(rng() * 40); n > 0; n--) {
    const t = Math.floor(rng() * 4);
    const cols = t === 0 ? I : t === 1 ? H : 1;
    switch (pick(rng, ['i', 'i', 'r', 'c', 'p', 's'])) {
      case 'i': {
        const kind = Math.floor(rng() * 10);
        const params = [[], [-0.1, 0.1], [0, 0.1], [1], [1], [1], [1], [1], [0.5], []][kind];
        ops.push(['i', t, Math.floor(rng() * 4) - 1, kind, params, Math.floor(rng() * 100)]);
        break;
      }
      case 'r':
        ops.push(['r', t, 0, Math.max(1, Math.floor(rng() * 3 * H)), rng() * 4 - 2]);
        break;
      case 'c':
        ops.push(['c', t, Math.floor(rng() * cols), 1]);
        break;
      case 'p': {
        const k = Math.floor(rng() * 50);
        ops.push(['p', t, Array.from({ length: k }, () => Math.floor(rng() * 3 * H * cols)), Array.from({ length: k }, () => rng())]);
        break;
      }
      case 's':
        I = size();
        H = rng() < 0.5 ? H : size();
        ops.push(['s', I, H, 0]);
        break;
    }
  }
  return { v: 1, I, H, b: 1, w: { ops }, x: 0, h: 0 };
}

describe('fuzzing the decoder', () => {
  it('10,000 random, mutated and recipe links: never throws; each is a clear error or a state within the budget', () => {
    const rng = seededRng(2024);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const seeds = [
      encodeState(probe('z')),
      encodeState({ model: defaultModel(), recipe: defaultRecipe(), view: DEFAULT_VIEW }),
      encodeState({ model: defaultModel(), recipe: null, view: DEFAULT_VIEW }),
    ];
    const junk = [null, true, -1, 1e308, 'x', [], {}, [1, 'a'], Number.MAX_SAFE_INTEGER, 0.5];
    let valid = 0;
    let longest = { ms: 0, what: '' };
    for (let n = 0; n < 10_000; n++) {
      let text: string;
      const mode = n % 5;
      if (mode === 0) {
        text = Array.from({ length: Math.floor(rng() * 120) }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');
      } else if (mode === 1) {
        const s = seeds[n % seeds.length].split('');
        for (let k = 0; k < 1 + Math.floor(rng() * 4); k++) s[Math.floor(rng() * s.length)] = alphabet[Math.floor(rng() * alphabet.length)];
        text = s.join('');
      } else if (mode === 2) {
        const s = seeds[n % seeds.length];
        text = s.slice(0, Math.floor(rng() * s.length));
      } else if (mode === 3 || n % 50 !== 4) {
        // Structured: a well-formed container around a mutated payload (also in the mode-4 slots not used for recipes).
        const payload: Record<string, unknown> = {
          v: 1,
          I: 3,
          H: 4,
          b: 4,
          w: {
            ops: [
              ['z', 3, 4],
              ['r', 2, 4, 8, 20],
            ],
          },
          x: 0,
          h: Array.from({ length: 16 }, (_, i) => i),
        };
        const keys = [...Object.keys(payload), 'pal', 'u', 'ub', 'rng', 'T', 'xp', 'fw', 'sem'];
        const key = keys[Math.floor(rng() * keys.length)];
        payload[key] = junk[Math.floor(rng() * junk.length)];
        if (rng() < 0.3)
          payload.w = {
            ops: [
              ['z', 3, 4],
              [['i', 'r', 'c', 'p', 's'][Math.floor(rng() * 5)], ...junk.slice(0, 1 + Math.floor(rng() * 5))],
            ],
          };
        text = bytesToBase64url(deflateSync(strToU8(JSON.stringify(payload))));
      } else {
        // 200 random recipes up to H = 1024: replayed when the cost model allows, refused otherwise.
        text = bytesToBase64url(deflateSync(strToU8(JSON.stringify(randomRecipePayload(rng)))));
      }
      const { r, ms, cpuMs } = timedDecode(text);
      if (ms > longest.ms)
        longest = {
          ms,
          what: `(${cpuMs.toFixed(0)} ms CPU) input ${n} (mode ${mode}, ${text.length} characters): ${r.ok ? `H = ${r.state.model.weights.hiddenSize}, ${r.state.recipe?.length ?? 'raw'} steps` : r.error.slice(0, 80)}`,
        };
      if (r.ok) valid++;
      expectWithinBudget(r);
    }
    console.log(`link fuzz: ${valid} of 10,000 decoded; longest decode ${longest.ms.toFixed(0)} ms, ${longest.what}`);
    expect(valid).toBeGreaterThan(0);
  }, 300_000);

  it('hostile links are refused, or decoded within the budget (times printed)', () => {
    const deflated = (bytes: Uint8Array) => bytesToBase64url(deflateSync(bytes, { level: 9 }));
    const good = { v: 1, I: 3, H: 4, b: 1, w: { ops: [['z', 3, 4]] }, x: 0, h: 0 };
    const junkField = deflated(strToU8(JSON.stringify({ ...good, junk: 'a'.repeat(31_000_000) })));
    const nesting = deflated(strToU8('['.repeat(3_000_000)));
    const bomb = deflated(new Uint8Array(40_000_000));
    const cases = [
      ['31 MB junk field', junkField],
      ['3M-deep nesting', nesting],
      ['40 MB deflate bomb', bomb],
    ] as const;
    for (const [what, text] of cases) {
      const { r, ms, cpuMs } = timedDecode(text);
      console.log(
        `${what}: ${(text.length / 1000).toFixed(0)} kB link, ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU), ${r.ok ? 'decoded' : r.error}`,
      );
      expectWithinBudget(r);
    }
    expect(junkField.length).toBeLessThan(60_000);
    expect(decodeState(nesting)).toMatchObject({ ok: false, error: expect.stringMatching(/nests deeper than 5 levels/) });
    expect(decodeState(bomb)).toMatchObject({ ok: false, error: expect.stringMatching(/unpacks to more than 34.4 MB/) });
  }, 120_000);
});
