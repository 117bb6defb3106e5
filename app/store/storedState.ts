// States too large for link text are saved as themselves: IndexedDB keeps typed arrays by structured clone in
// tens of milliseconds, where the link text of a raw 1024-hidden cell (~34 M characters) takes tens of seconds to
// deflate and to read back. Reading one back checks every shape and view field as the link codec does.
import { DEFAULT_VIEW, LIMITS, LINK_VERSION, type SharedState } from '../../src';
import { VIEW_FIELDS } from '../../src/share/schema';

export interface StoredState {
  /** The link version whose meaning the fields have. */
  v: number;
  state: SharedState;
}

export const storedState = (state: SharedState): StoredState => ({ v: LINK_VERSION, state });

const isSize = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

function floats(raw: unknown, length: number, name: string): Float32Array {
  if (!(raw instanceof Float32Array) || raw.length !== length) throw new Error(`${name} is missing or of the wrong size`);
  return raw;
}

/** The state a stored value holds, or the reason it cannot be used. */
export function readStoredState(raw: unknown): { ok: true; state: SharedState } | { ok: false; error: string } {
  try {
    const stored = raw as Partial<StoredState> | null;
    if (!stored || typeof stored !== 'object' || !stored.state) throw new Error('it is not a saved state');
    if (stored.v !== LINK_VERSION) throw new Error(`it was saved by another version of GRU Explorer (version ${String(stored.v)})`);
    const { model, view } = stored.state;
    const w = model?.weights;
    const I = w?.inputSize;
    const H = w?.hiddenSize;
    const batch = model?.batch;
    if (!isSize(I, LIMITS.inputSize) || !isSize(H, LIMITS.hiddenSize) || !isSize(batch, LIMITS.batch))
      throw new Error('its sizes are out of range');
    const weights = {
      inputSize: I,
      hiddenSize: H,
      weightIh: floats(w.weightIh, 3 * H * I, 'weight_ih'),
      weightHh: floats(w.weightHh, 3 * H * H, 'weight_hh'),
      biasIh: floats(w.biasIh, 3 * H, 'bias_ih'),
      biasHh: floats(w.biasHh, 3 * H, 'bias_hh'),
    };
    const checkedView = { ...DEFAULT_VIEW };
    for (const spec of Object.values(VIEW_FIELDS)) {
      const value = (view as unknown as Record<string, unknown> | undefined)?.[spec.field];
      try {
        (checkedView as Record<string, unknown>)[spec.field] = spec.read(value, { H, batch });
      } catch {
        // a view field that does not fit keeps its default
      }
    }
    return {
      ok: true,
      state: {
        model: { weights, batch, x: floats(model.x, batch * I, 'x'), h: floats(model.h, batch * H, 'h') },
        // Kept only as raw values: a recipe is not replayed here, so it could not be checked against the weights.
        recipe: null,
        view: checkedView,
      },
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
