// Links: the whole explorer state — sizes, the four tensors, x, h, batch and the view — as a short
// string, exact to the float32 bit. Weights travel as a recipe (seeded initializers, fills and
// sparse painted cells) when one is known, else as raw float32 bytes; the JSON is deflated and
// base64url-encoded. Decoding never executes anything: it parses JSON and checks every field.
import { deflateSync, Inflate, strToU8, strFromU8 } from 'fflate';
import type { Gate } from '../gru/gates';
import type { GruWeights } from '../gru/weights';
import { checkInitializerTarget, type Initializer, type InitializerKind } from '../init/initializers';
import { checkLimits, LIMITS, type GruModel } from '../model/model';
import { base64urlToBytes, bytesToBase64url, bytesToFloat32, float32ToBytes, shortestFloat32 } from './bytes';
import { GATE_CODES, INITIALIZER_CODES, namesByCode, STEP_CODES, TENSOR_CODES, WHOLE_TENSOR } from './codes';
import { compactRecipe, replayWeights, type WeightOp } from './recipe';
import { checkJsonDepth, MAX_INFLATED_BYTES } from './payloadLimits';
import { replayMilliseconds, REPLAY_BUDGET_MS, REPLAY_LIMIT_MS } from './replayCost';

export { MAX_INFLATED_BYTES };
import { DEFAULT_VIEW, LINK_VERSION, MIGRATIONS, VIEW_FIELDS, type ViewState } from './schema';

export interface SharedState {
  model: GruModel;
  /** The ops that rebuild the weights exactly, or null when only the raw values are known. */
  recipe: WeightOp[] | null;
  view: ViewState;
}

export type DecodeResult = { ok: true; state: SharedState; version: number } | { ok: false; error: string };

const MAX_OPS = 20_000;

// ---- arrays: 0 (all zeros) | short decimals | base64url float32 --------------------------------
type PackedArray = 0 | number[] | string;

const isAllZero = (values: Float32Array) => values.every((v) => v === 0 && !Object.is(v, -0));
/** Past this many values decimal text is never tried: long arrays are initializer noise. */
const DECIMAL_LIMIT = 4096;

function packArray(values: Float32Array): PackedArray {
  if (isAllZero(values)) return 0;
  if (values.length > DECIMAL_LIMIT) return bytesToBase64url(float32ToBytes(values));
  const texts: string[] = [];
  let length = 0;
  for (const v of values) {
    if (!Number.isFinite(v) || Object.is(v, -0)) return bytesToBase64url(float32ToBytes(values));
    const t = shortestFloat32(v);
    length += t.length + 1;
    texts.push(t);
  }
  // Decimal text only while it is no longer than the bytes' base64 (4 bytes → 5.33 chars).
  if (length > values.length * 5.4) return bytesToBase64url(float32ToBytes(values));
  return texts.map(Number);
}

function unpackArray(raw: unknown, length: number, name: string): Float32Array {
  if (raw === 0) return new Float32Array(length);
  let out: Float32Array;
  if (typeof raw === 'string') {
    out = bytesToFloat32(base64urlToBytes(raw));
  } else if (Array.isArray(raw)) {
    if (!raw.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new Error(`${name} holds something that is not a number`);
    out = Float32Array.from(raw);
  } else {
    throw new Error(`${name} is missing or of the wrong kind`);
  }
  if (out.length !== length) throw new Error(`${name} has ${out.length} values but needs ${length}`);
  return out;
}

// ---- recipe ops as compact tuples (codes from ./codes) --------------------------------------------
const STEP_KINDS = namesByCode(STEP_CODES);
const TENSOR_NAMES = namesByCode(TENSOR_CODES);
const GATE_NAMES = namesByCode(GATE_CODES);
const INITIALIZER_KINDS = namesByCode(
  Object.fromEntries(Object.entries(INITIALIZER_CODES).map(([k, { code }]) => [k, code])) as Record<InitializerKind, number>,
);

function packOp(op: WeightOp): unknown[] {
  const step = STEP_CODES[op.k];
  switch (op.k) {
    case 'zeros':
      return [step, op.I, op.H];
    case 'init': {
      const { code, params } = INITIALIZER_CODES[op.spec.kind];
      const values = params.map((p) => (op.spec as unknown as Record<string, number>)[p]);
      return [step, TENSOR_CODES[op.t], op.g ? GATE_CODES[op.g] : WHOLE_TENSOR, code, values, op.seed];
    }
    case 'rows':
      return [step, TENSOR_CODES[op.t], op.r0, op.r1, op.v];
    case 'col':
      return [step, TENSOR_CODES[op.t], op.c, op.v];
    case 'cells':
      return [step, TENSOR_CODES[op.t], op.i, op.v];
    case 'resize':
      return [step, op.I, op.H, op.seed];
  }
}

const num = (v: unknown, what: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what} must be a finite number`);
  return v;
};
const int = (v: unknown, what: string, min: number, max: number): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new Error(`${what} must be a whole number in ${min}..${max}`);
  return v;
};
/** A name from its numeric code, or a clear error. */
function coded<T>(names: ReadonlyMap<unknown, T>, v: unknown, what: string): T {
  const codes = [...names.keys()] as number[];
  const name = names.get(int(v, what, Math.min(...codes), Math.max(...codes)));
  if (name === undefined) throw new Error(`${what} has no code ${String(v)}`);
  return name;
}

// Bounds from the explorer's limits: rows of a (3H, ·) tensor, columns (I or H), cells of weight_ih or weight_hh.
const MAX_ROWS = 3 * LIMITS.hiddenSize;
const MAX_COLS = Math.max(LIMITS.inputSize, LIMITS.hiddenSize);
const MAX_CELLS = MAX_ROWS * MAX_COLS;

function unpackOp(raw: unknown, n: number): WeightOp {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string') throw new Error(`recipe step ${n} is not a step`);
  const at = `recipe step ${n}`;
  const tensorAt = (v: unknown) => coded(TENSOR_NAMES, v, 'tensor');
  switch (STEP_KINDS.get(raw[0])) {
    case 'zeros':
      return { k: 'zeros', I: int(raw[1], `${at}: I`, 1, LIMITS.inputSize), H: int(raw[2], `${at}: H`, 1, LIMITS.hiddenSize) };
    case 'init': {
      const kind = coded(INITIALIZER_KINDS, raw[3], `${at}: initializer`);
      const values = raw[4];
      const names = INITIALIZER_CODES[kind].params;
      if (!Array.isArray(values) || values.length !== names.length) throw new Error(`${at}: ${kind} needs ${names.length} parameters`);
      const spec = { kind } as Record<string, unknown>;
      names.forEach((name, i) => (spec[name] = num(values[i], `${at}: ${name}`)));
      const g: Gate | undefined = raw[2] === WHOLE_TENSOR ? undefined : coded(GATE_NAMES, raw[2], `${at}: gate`);
      const t = tensorAt(raw[1]);
      checkInitializerTarget(kind, t === 'bias_ih' || t === 'bias_hh'); // before any step replays, not after
      return { k: 'init', t, g, spec: spec as unknown as Initializer, seed: num(raw[5], `${at}: seed`) };
    }
    case 'rows':
      return {
        k: 'rows',
        t: tensorAt(raw[1]),
        r0: int(raw[2], `${at}: first row`, 0, MAX_ROWS),
        r1: int(raw[3], `${at}: end row`, 1, MAX_ROWS),
        v: num(raw[4], `${at}: value`),
      };
    case 'col':
      return { k: 'col', t: tensorAt(raw[1]), c: int(raw[2], `${at}: column`, 0, MAX_COLS - 1), v: num(raw[3], `${at}: value`) };
    case 'cells': {
      const [, t, i, v] = raw;
      if (!Array.isArray(i) || !Array.isArray(v) || i.length !== v.length)
        throw new Error(`${at}: painted cells need matching index and value lists`);
      return { k: 'cells', t: tensorAt(t), i: i.map((x) => int(x, `${at}: index`, 0, MAX_CELLS)), v: v.map((x) => num(x, `${at}: value`)) };
    }
    case 'resize':
      return {
        k: 'resize',
        I: int(raw[1], `${at}: I`, 1, LIMITS.inputSize),
        H: int(raw[2], `${at}: H`, 1, LIMITS.hiddenSize),
        seed: num(raw[3], `${at}: seed`),
      };
    default:
      throw new Error(`${at} is of an unknown kind "${String(raw[0]).slice(0, 12)}"`);
  }
}

// ---- whole state ---------------------------------------------------------------------------
function weightsPayload(weights: GruWeights, recipe: WeightOp[] | null): Record<string, unknown> {
  const tensors = [weights.weightIh, weights.weightHh, weights.biasIh, weights.biasHh];
  // A recipe too slow to replay within a link's budget travels as raw floats (exact too).
  if (recipe && replayMilliseconds(recipe) <= REPLAY_BUDGET_MS) {
    const ops = compactRecipe(recipe).map(packOp);
    // A recipe wins when shorter than the raw floats would be (≈ 4 characters per non-zero
    // tensor value after deflate and base64), which it always is for initializer states.
    const rawEstimate = tensors.reduce((sum, t) => sum + (isAllZero(t) ? 2 : 4 * t.length), 0);
    if (JSON.stringify(ops).length < rawEstimate) return { ops };
  }
  return { raw: tensors.map(packArray) };
}

export function encodeState(state: SharedState): string {
  const { model, view } = state;
  const payload: Record<string, unknown> = {
    v: LINK_VERSION,
    I: model.weights.inputSize,
    H: model.weights.hiddenSize,
    b: model.batch,
    w: weightsPayload(model.weights, state.recipe),
    x: packArray(model.x),
    h: packArray(model.h),
  };
  for (const spec of Object.values(VIEW_FIELDS)) {
    const value = view[spec.field];
    if (value !== DEFAULT_VIEW[spec.field]) payload[spec.key] = value;
  }
  return bytesToBase64url(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }));
}

/** Inflates in chunks and stops as soon as the output passes the limit (a deflate bomb never fills memory). */
function inflateLimited(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > MAX_INFLATED_BYTES)
      throw new Error(`unpacks to more than ${(MAX_INFLATED_BYTES / 1e6).toFixed(1)} MB, the size of the largest state`);
    chunks.push(chunk);
    ended ||= final;
  });
  inflater.push(bytes, true);
  if (!ended) throw new Error('ends early');
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function readState(payload: Record<string, unknown>): SharedState {
  const I = int(payload.I, 'input size I', 1, LIMITS.inputSize);
  const H = int(payload.H, 'hidden size H', 1, LIMITS.hiddenSize);
  const batch = int(payload.b, 'batch', 1, LIMITS.batch);
  checkLimits(I, H, batch);
  const w = payload.w as Record<string, unknown> | undefined;
  if (!w || typeof w !== 'object') throw new Error('the weights are missing');
  let weights: GruWeights;
  let recipe: WeightOp[] | null = null;
  if (Array.isArray(w.ops)) {
    if (w.ops.length > MAX_OPS) throw new Error(`the recipe has ${w.ops.length} steps (at most ${MAX_OPS})`);
    recipe = w.ops.map(unpackOp);
    const ms = replayMilliseconds(recipe);
    if (ms > REPLAY_LIMIT_MS)
      throw new Error(
        `the recipe would take too long to replay: about ${(ms / 1000).toPrecision(2)} s on a slow laptop, over the ${REPLAY_LIMIT_MS / 1000} s limit`,
      );
    weights = replayWeights(recipe);
    if (weights.inputSize !== I || weights.hiddenSize !== H)
      throw new Error(`the recipe builds I = ${weights.inputSize}, H = ${weights.hiddenSize} but the link says I = ${I}, H = ${H}`);
  } else if (Array.isArray(w.raw) && w.raw.length === 4) {
    const g = 3 * H;
    weights = {
      inputSize: I,
      hiddenSize: H,
      weightIh: unpackArray(w.raw[0], g * I, 'weight_ih'),
      weightHh: unpackArray(w.raw[1], g * H, 'weight_hh'),
      biasIh: unpackArray(w.raw[2], g, 'bias_ih'),
      biasHh: unpackArray(w.raw[3], g, 'bias_hh'),
    };
  } else {
    throw new Error('the weights are neither a recipe nor raw values');
  }
  const model: GruModel = { weights, batch, x: unpackArray(payload.x, batch * I, 'x'), h: unpackArray(payload.h, batch * H, 'h') };
  const view = { ...DEFAULT_VIEW };
  for (const spec of Object.values(VIEW_FIELDS)) {
    if (spec.key in payload) (view as Record<string, unknown>)[spec.field] = spec.read(payload[spec.key], { H, batch });
  }
  return { model, recipe, view };
}

/** Restore step: check the version, migrate older payloads, then read every field. */
export function decodeState(text: string, migrations = MIGRATIONS, currentVersion = LINK_VERSION): DecodeResult {
  try {
    if (typeof text !== 'string' || text.length === 0) return { ok: false, error: 'The link holds no state.' };
    let payload: unknown;
    try {
      const json = inflateLimited(base64urlToBytes(text));
      checkJsonDepth(json);
      payload = JSON.parse(strFromU8(json));
    } catch (e) {
      return { ok: false, error: `The link is damaged or truncated (${e instanceof Error ? e.message : 'unreadable'}).` };
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload))
      return { ok: false, error: 'The link is not a GRU Explorer state.' };
    let p = payload as Record<string, unknown>;
    const version = p.v;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
      return { ok: false, error: 'The link has no valid version.' };
    if (version > currentVersion) {
      return {
        ok: false,
        error: `The link was made by a newer GRU Explorer (link version ${version}; this one reads up to ${currentVersion}).`,
      };
    }
    for (let v = version; v < currentVersion; v++) p = migrations[v](p);
    return { ok: true, state: readState(p), version };
  } catch (e) {
    return { ok: false, error: `The link's state is invalid: ${e instanceof Error ? e.message : String(e)}.` };
  }
}
