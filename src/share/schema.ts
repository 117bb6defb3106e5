// The link schema, declared once. View fields are a table (name in the link, type, default, check)
// that both directions of the codec loop over, in the spirit of TensorFlow Playground's state.ts.
// Bump LINK_VERSION when the meaning of a field or of a recipe op changes, and add a migration.
import { DEFAULT_SEQUENCE_STEPS, MAX_SEQUENCE_STEPS, SEQUENCE_PATTERNS, type SequencePattern } from '../model/sequence';
import { CELL_SEMANTICS, LENS_FRAMEWORKS, type CellSemantics, type LensFramework } from '../layouts/lens';

export const LINK_VERSION = 1;

export const PALETTE_NAMES = ['RdBu', 'PuOr', 'BrBG'] as const;
export type PaletteName = (typeof PALETTE_NAMES)[number];

export interface ViewState {
  palette: PaletteName;
  /** Fixed colour range ±r, or null for auto. */
  fixedRange: number | null;
  selectedUnit: number;
  selectedBatch: number;
  /** The sequence panel's T and input pattern (older links and callers may leave them out). */
  sequenceSteps?: number;
  sequencePattern?: SequencePattern;
  /** The framework layout lens: which framework, and which candidate formula the h′ comparison uses. */
  lensFramework?: LensFramework;
  cellSemantics?: CellSemantics;
}

export const DEFAULT_VIEW: Required<ViewState> = {
  palette: 'RdBu',
  fixedRange: null,
  selectedUnit: 0,
  selectedBatch: 0,
  sequenceSteps: DEFAULT_SEQUENCE_STEPS,
  sequencePattern: 'constant',
  lensFramework: 'keras',
  cellSemantics: 'reset-after',
};

interface FieldSpec<K extends keyof ViewState> {
  field: K;
  /** Key in the link. */
  key: string;
  /** Returns the value, or throws a clear Error. `sizes` bound the unit and batch row. */
  read: (raw: unknown, sizes: { H: number; batch: number }) => ViewState[K];
}

const oneOf =
  <T extends string>(name: string, values: readonly T[]) =>
  (raw: unknown): T => {
    if (!values.includes(raw as T)) throw new Error(`${name} must be one of ${values.join(', ')}`);
    return raw as T;
  };

const intIn = (name: string, max: number) => (raw: unknown) => {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw >= max)
    throw new Error(`${name} must be a whole number in 0..${max - 1}`);
  return raw;
};

export const VIEW_FIELDS: { [K in keyof ViewState]: FieldSpec<K> } = {
  palette: { field: 'palette', key: 'pal', read: oneOf('colour map', PALETTE_NAMES) },
  fixedRange: {
    field: 'fixedRange',
    key: 'rng',
    read: (raw) => {
      if (raw === null) return null;
      if (typeof raw !== 'number' || !(raw > 0) || !Number.isFinite(raw)) throw new Error('colour range must be a positive number');
      return raw;
    },
  },
  selectedUnit: { field: 'selectedUnit', key: 'u', read: (raw, { H }) => intIn('selected unit', H)(raw) },
  selectedBatch: { field: 'selectedBatch', key: 'ub', read: (raw, { batch }) => intIn('selected batch row', batch)(raw) },
  sequenceSteps: {
    field: 'sequenceSteps',
    key: 'T',
    read: (raw) => {
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > MAX_SEQUENCE_STEPS) {
        throw new Error(`sequence steps must be a whole number in 1..${MAX_SEQUENCE_STEPS}`);
      }
      return raw;
    },
  },
  sequencePattern: { field: 'sequencePattern', key: 'xp', read: oneOf('sequence input pattern', SEQUENCE_PATTERNS) },
  lensFramework: { field: 'lensFramework', key: 'fw', read: oneOf('layout lens framework', LENS_FRAMEWORKS) },
  cellSemantics: { field: 'cellSemantics', key: 'sem', read: oneOf('cell semantics', CELL_SEMANTICS) },
};

/** The view's fields, in one list (the store, the link key and the restore step loop over it). */
export const VIEW_KEYS = Object.keys(DEFAULT_VIEW) as (keyof ViewState)[];

/**
 * Restore step for a view from anywhere (a link, an autosave, a caller that sets only some fields):
 * every field present, a missing or undefined one from DEFAULT_VIEW — as excalidraw's restore fills
 * the fields older scenes lack.
 */
export function restoreView(view: Partial<ViewState> | undefined): Required<ViewState> {
  const out = { ...DEFAULT_VIEW } as Record<keyof ViewState, unknown>;
  for (const key of VIEW_KEYS) if (view?.[key] !== undefined) out[key] = view[key];
  return out as Required<ViewState>;
}

/** The view fields of a larger object that holds them all (the explorer's store state). */
export function pickView(source: Required<ViewState>): Required<ViewState> {
  return Object.fromEntries(VIEW_KEYS.map((key) => [key, source[key]])) as Required<ViewState>;
}

/**
 * Migrations from older link versions: MIGRATIONS[v] turns a version-v payload into version v+1.
 * Version 1 is the first; a later version adds its step here.
 */
export const MIGRATIONS: Record<number, (payload: Record<string, unknown>) => Record<string, unknown>> = {};
