// One zustand store in three slices: the model (weights, x, h — the only part undo/redo tracks),
// the view (tool, palette, selection) and transient UI (hover, messages). Canvases subscribe to it
// directly (store.subscribe) so painting never re-renders React per cell.
import { create, type StateCreator } from 'zustand';
import { temporal } from 'zundo';
import { NO_ZOOM, type Zoom } from '../canvas/viewport';
import {
  DEFAULT_SEQUENCE_STEPS,
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

export type Tool = 'brush' | 'eyedropper' | 'band' | 'row' | 'column' | 'select' | 'pan';

export interface CellRef {
  grid: GridName;
  row: number;
  col: number;
}

export interface CellEdit {
  grid: GridName;
  indices: number[];
  /** |value| written (one value per event). */
  maxAbs: number;
  previous: Float32Array;
  next: Float32Array;
}

export interface ModelSlice {
  model: GruModel;
  /** Ops that rebuild model.weights exactly (links carry these), or null when unknown. */
  recipe: WeightOp[] | null;
  /**
   * A hint from the last brush event: it replaced grid `previous` by `next`, which differ only at `indices`
   * (flat), so canvases and caches that hold `previous` patch those cells instead of rescanning.
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
  palette: 'RdBu',
  fixedRange: null,
  selectedBatch: 0,
  selectedUnit: 0,
  selectedCell: null,
  sequenceSteps: DEFAULT_SEQUENCE_STEPS,
  sequencePattern: 'constant',
  zoom: NO_ZOOM,
  lensFramework: 'keras',
  cellSemantics: 'reset-after',
});

const createTransientSlice: StateCreator<ExplorerState, [], [], TransientSlice> = () => ({
  hover: null,
  embed: false,
  readonly: false,
  restorable: false,
  message: null,
  lesson: null,
  lessonReveal: 0,
});

/** Undo steps kept; at H = 1024 one step can hold a 12 MB weight_hh copy. */
export const HISTORY_LIMIT = 60;

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
    },
  ),
);

export const explorer = useExplorer;
export const history = () => useExplorer.temporal.getState();
