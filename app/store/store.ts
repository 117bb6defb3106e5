// One zustand store in three slices: the model (weights, x, h — the only part undo/redo tracks),
// the view (tool, palette, selection) and transient UI (hover, messages). Canvases subscribe to it
// directly (store.subscribe) so painting never re-renders React per cell.
import { create, type StateCreator } from 'zustand';
import { temporal } from 'zundo';
import { NO_ZOOM, type Zoom } from '../canvas/viewport';
import {
  DEFAULT_VIEW,
  defaultModel,
  defaultRecipe,
  type CellSemantics,
  type GridName,
  type GruModel,
  type LensFramework,
  type PaletteName,
  type SequencePattern,
  type WeightOp,
} from '../../src';
import type { WorkEntry } from './savedWork';

export type Tool = 'brush' | 'eyedropper' | 'band' | 'row' | 'column' | 'select' | 'pan';

export interface CellRef {
  grid: GridName;
  row: number;
  col: number;
}

/** One brush event: model `before` became model `after` by rewriting `indices` (flat) of `grid`, nothing else. */
export interface CellEdit {
  grid: GridName;
  indices: number[];
  /** The values those cells held in `before` (a stroke may have rewritten its own copy of the grid in place). */
  was: Float32Array;
  /** |value| written (one value per event). */
  maxAbs: number;
  before: GruModel;
  after: GruModel;
}

export interface ModelSlice {
  model: GruModel;
  /** Ops that rebuild model.weights exactly (links carry these), or null when unknown. */
  recipe: WeightOp[] | null;
  /**
   * A hint from the last brush event: model `before` became `after` by rewriting a few cells of one grid, so
   * canvases and caches that hold `before` patch those cells instead of rescanning. Stale once the model moves on.
   */
  lastEdit: CellEdit | null;
}

export interface ViewSlice {
  tool: Tool;
  brushValue: number;
  /** Band fills apply to all four tensors at once. */
  fillAllTensors: boolean;
  palette: PaletteName;
  /** Colour range ±range; null follows the largest |value|. */
  fixedRange: number | null;
  /** Batch row and hidden unit whose equations are shown. */
  selectedBatch: number;
  selectedUnit: number;
  selectedCell: CellRef | null;
  /** The sequence panel: T steps from h_0 = h, x_t from a pattern. */
  sequenceSteps: number;
  sequencePattern: SequencePattern;
  /** Heatmap zoom and pan, shared by every band (app/components/viewport.ts). */
  zoom: Zoom;
  /** The layout lens: the framework shown, and the formula the h′ comparison uses. */
  lensFramework: LensFramework;
  cellSemantics: CellSemantics;
}

export interface TransientSlice {
  hover: CellRef | null;
  /** Embed mode (course pages): editing chrome hidden. */
  embed: boolean;
  /** No painting at all (an embed that only shows). */
  readonly: boolean;
  /** A link replaced autosaved work that can be brought back. */
  restorable: boolean;
  /** A link or saved work being read (off the main thread); the state on screen stays until it is ready. */
  loading: 'link' | 'saved work' | null;
  /** Saved work other than the one being edited, newest first (restorable from the Earlier work menu). */
  earlier: WorkEntry[];
  /** News from other tabs (their saves), shown beside the message bar. */
  notice: string | null;
  /** A problem to show inline; the state it concerns was left as it was. */
  message: string | null;
  /** The lesson whose guide is open (its link was opened), or null. */
  lesson: string | null;
  /** Bumped each time a lesson is opened (or its state loaded), so its guide scrolls into view. */
  lessonReveal: number;
}

export type ExplorerState = ModelSlice & ViewSlice & TransientSlice;

const createModelSlice: StateCreator<ExplorerState, [], [], ModelSlice> = () => ({
  model: defaultModel(),
  recipe: defaultRecipe(),
  lastEdit: null,
});

const createViewSlice: StateCreator<ExplorerState, [], [], ViewSlice> = () => ({
  tool: 'brush',
  brushValue: 1,
  fillAllTensors: false,
  ...DEFAULT_VIEW, // the fields a link carries, declared once in src/share/schema.ts
  selectedCell: null,
  zoom: NO_ZOOM,
});

const createTransientSlice: StateCreator<ExplorerState, [], [], TransientSlice> = () => ({
  hover: null,
  embed: false,
  readonly: false,
  restorable: false,
  loading: null,
  earlier: [],
  notice: null,
  message: null,
  lesson: null,
  lessonReveal: 0,
});

/** Undo steps kept at most. */
export const HISTORY_LIMIT = 60;
/**
 * Bytes of tensors the undo history may hold beyond the state on screen: one step at H = 1024 can hold a 12.6 MB
 * weight_hh copy (a resize, ~25 MB), so 60 steps would hold ~750 MB. The oldest steps go first; one always stays.
 */
export const HISTORY_BYTES = 128 * 1024 * 1024;

type HistoryEntry = Partial<Pick<ExplorerState, 'model' | 'recipe'>>;

const arraysOf = (model: GruModel | undefined) =>
  model ? [model.weights.weightIh, model.weights.weightHh, model.weights.biasIh, model.weights.biasHh, model.x, model.h] : [];

/** Bytes the entries hold that `current` does not (steps share unchanged tensors, so each buffer counts once). */
export function historyBytes(entries: HistoryEntry[], current: GruModel): number {
  const counted = new Set<ArrayBufferLike>(arraysOf(current).map((a) => a.buffer));
  let bytes = 0;
  for (const entry of entries) {
    for (const a of arraysOf(entry.model)) {
      if (counted.has(a.buffer)) continue;
      counted.add(a.buffer);
      bytes += a.buffer.byteLength;
    }
  }
  return bytes;
}

/** Drops the oldest undo steps until the history holds at most `maxBytes` (keeping at least one step). */
function capHistoryBytes(maxBytes = HISTORY_BYTES) {
  const temporalStore = useExplorer.temporal;
  const { pastStates, futureStates } = temporalStore.getState();
  const current = useExplorer.getState().model;
  let drop = 0;
  while (pastStates.length - drop > 1 && historyBytes([...pastStates.slice(drop), ...futureStates], current) > maxBytes) drop++;
  if (drop > 0) temporalStore.setState({ pastStates: pastStates.slice(drop) });
}

export const useExplorer = create<ExplorerState>()(
  temporal(
    (...a) => ({
      ...createModelSlice(...a),
      ...createViewSlice(...a),
      ...createTransientSlice(...a),
    }),
    {
      // Only the model is history; hover, tool and selection never make an undo step.
      partialize: (state) => ({ model: state.model, recipe: state.recipe }),
      equality: (past, current) => past.model === current.model,
      limit: HISTORY_LIMIT,
      handleSet: (handleSet) => (pastState, replace, currentState, deltaState) => {
        (handleSet as (...args: unknown[]) => void)(pastState, replace, currentState, deltaState);
        capHistoryBytes();
      },
    },
  ),
);

/** @alias The store outside React (getState, setState, subscribe): the same object as the hook. */
export const explorer = useExplorer;
export const history = () => useExplorer.temporal.getState();
