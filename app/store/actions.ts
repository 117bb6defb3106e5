// Actions as plain module functions over the store (zustand's "no store actions" practice).
// Every weight edit is a recipe op applied with the core's applyWeightOp, so the weights on screen
// and the recipe a link carries are the same thing.
import {
  applyWeightOp,
  bandOp,
  defaultModel,
  defaultRecipe,
  DEFAULT_VIEW,
  getGrid,
  gridShape,
  isTensorName,
  resizeModel,
  restoreView,
  TENSORS,
  withGrid,
  type Gate,
  type GridName,
  type GruModel,
  type CellSemantics,
  type Initializer,
  type LensFramework,
  type PaletteName,
  type SequencePattern,
  type SharedState,
  type TensorName,
  type WeightOp,
} from '../../src';
import { explorer, history, type CellRef, type Tool } from './store';
import { endStroke } from './stroke';
import { axisZoom, clampZoom, NO_ZOOM, panBy, zoomAt, type Zoom } from '../canvas/viewport';

const get = () => explorer.getState();

export function showMessage(message: string | null) {
  explorer.setState({ message });
}

/** Runs an edit; a thrown Error becomes the inline message and the model is left as it was. */
function attempt(edit: () => { model: GruModel; recipe: WeightOp[] | null }): boolean {
  endStroke();
  try {
    explorer.setState({ ...edit(), message: null });
    return true;
  } catch (error) {
    showMessage(error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** Applies weight ops to the model and appends them to the recipe (if the recipe is known). */
function withOps(ops: WeightOp[]) {
  const { model, recipe } = get();
  const weights = ops.reduce<GruModel['weights']>((w, op) => applyWeightOp(w, op), model.weights);
  return { model: { ...model, weights }, recipe: recipe ? [...recipe, ...ops] : null };
}

function withInput(grid: 'x' | 'h', values: Float32Array) {
  return { model: withGrid(get().model, grid, values), recipe: get().recipe };
}

// ---- fills ----------------------------------------------------------------------------------
function filledInputRow(grid: 'x' | 'h', row: number, value: number) {
  const { cols } = gridShape(get().model, grid);
  const values = getGrid(get().model, grid).slice();
  values.fill(value, row * cols, (row + 1) * cols);
  return withInput(grid, values);
}

/** Sets every value of x or h (every batch row) to `value`; undoable. */
export function setInput(grid: 'x' | 'h', value: number) {
  attempt(() => withInput(grid, new Float32Array(getGrid(get().model, grid).length).fill(value)));
}

export function fillBand(grid: GridName, gate: Gate, value: number) {
  attempt(() => {
    if (!isTensorName(grid)) return filledInputRow(grid, get().selectedBatch, value);
    const tensors: readonly TensorName[] = get().fillAllTensors ? TENSORS : [grid];
    return withOps(tensors.map((t) => bandOp(t, gate, get().model.weights.hiddenSize, value)));
  });
}

export function fillRow(cell: CellRef, value: number) {
  attempt(() => {
    if (!isTensorName(cell.grid)) return filledInputRow(cell.grid, cell.row, value);
    return withOps([{ k: 'rows', t: cell.grid, r0: cell.row, r1: cell.row + 1, v: value }]);
  });
}

export function fillColumn(cell: CellRef, value: number) {
  attempt(() => {
    if (isTensorName(cell.grid)) return withOps([{ k: 'col', t: cell.grid, c: cell.col, v: value }]);
    const { rows, cols } = gridShape(get().model, cell.grid);
    const values = getGrid(get().model, cell.grid).slice();
    for (let r = 0; r < rows; r++) values[r * cols + cell.col] = value;
    return withInput(cell.grid, values);
  });
}

export function applyInit(tensors: readonly TensorName[], gate: Gate | undefined, spec: Initializer, seed: number): boolean {
  // Each tensor gets its own stream from the one seed, so the four tensors differ.
  return attempt(() => withOps(tensors.map((t) => ({ k: 'init', t, g: gate, spec, seed: seed * 4 + TENSORS.indexOf(t) }))));
}

export function resize(inputSize: number, hiddenSize: number, batch: number): boolean {
  const { model, recipe } = get();
  const sizesChange = inputSize !== model.weights.inputSize || hiddenSize !== model.weights.hiddenSize;
  const ok = attempt(() => ({
    model: resizeModel(model, inputSize, hiddenSize, batch, 0),
    recipe: recipe && sizesChange ? [...recipe, { k: 'resize', I: inputSize, H: hiddenSize, seed: 0 }] : recipe,
  }));
  if (ok) {
    const s = get();
    explorer.setState({
      selectedUnit: Math.min(s.selectedUnit, hiddenSize - 1),
      selectedBatch: Math.min(s.selectedBatch, batch - 1),
      selectedCell: null,
      hover: null,
    });
  }
  return ok;
}

/** New weights of the same sizes from outside the recipe (a conversion, a comparison): one undo step. */
export function replaceWeights(weights: GruModel['weights']): boolean {
  return attempt(() => {
    const { model } = get();
    if (weights.inputSize !== model.weights.inputSize || weights.hiddenSize !== model.weights.hiddenSize) {
      throw new Error(
        `the new weights are I = ${weights.inputSize}, H = ${weights.hiddenSize} but the cell is I = ${model.weights.inputSize}, H = ${model.weights.hiddenSize}`,
      );
    }
    return { model: { ...model, weights }, recipe: null };
  });
}

export function resetToDefault() {
  explorer.setState({ model: defaultModel(), recipe: defaultRecipe(), ...DEFAULT_VIEW, message: null, selectedCell: null });
}

/** Replaces the whole state (a link, an autosave or a lesson); undoable like any edit. */
export function loadShared(state: SharedState) {
  endStroke();
  explorer.setState({
    model: state.model,
    recipe: state.recipe,
    ...restoreView(state.view),
    selectedCell: null,
    hover: null,
    message: null,
  });
}

// ---- view -----------------------------------------------------------------------------------
export function setTool(tool: Tool) {
  explorer.setState({ tool });
}

/** Zoom the heatmaps by `factor` about a point given as fractions of the view (default: its centre). */
export function zoomBy(factor: number, fx?: number, fy?: number) {
  const { inputSize: I, hiddenSize: H } = get().model.weights;
  // Past the point where the longest axis shows MIN_VISIBLE cells nothing would change on screen.
  const limit = axisZoom(Infinity, Math.max(I, H));
  const current = get().zoom;
  const zoom = zoomAt(current.k > limit ? { ...current, k: limit } : current, factor, fx, fy);
  explorer.setState({ zoom: zoom.k > limit ? clampZoom({ ...zoom, k: limit }) : zoom });
}

export function panView(dfx: number, dfy: number) {
  explorer.setState({ zoom: panBy(get().zoom, dfx, dfy) });
}

export function setZoom(zoom: Zoom) {
  explorer.setState({ zoom: clampZoom(zoom) });
}

export function resetZoom() {
  explorer.setState({ zoom: NO_ZOOM });
}

/** The layout lens's framework and candidate formula (view state: links carry it). */
export function setLens(lensFramework: LensFramework, cellSemantics: CellSemantics) {
  explorer.setState({ lensFramework, cellSemantics });
}

/** The sequence panel's T and input pattern (view state: links carry it, undo does not). */
export function setSequence(steps: number, pattern: SequencePattern) {
  explorer.setState({ sequenceSteps: steps, sequencePattern: pattern });
}

export function setFillAllTensors(fillAllTensors: boolean) {
  explorer.setState({ fillAllTensors });
}

export function setPalette(palette: PaletteName) {
  explorer.setState({ palette });
}

/** The colour range: ±range, or null to follow the values. */
export function setFixedRange(fixedRange: number | null) {
  explorer.setState({ fixedRange });
}

export function setBrushValue(value: number) {
  explorer.setState({ brushValue: value });
}

export function pickValue(cell: CellRef) {
  const { model } = get();
  setBrushValue(getGrid(model, cell.grid)[cell.row * gridShape(model, cell.grid).cols + cell.col]);
}

export function selectCell(cell: CellRef | null) {
  if (!cell) return explorer.setState({ selectedCell: null });
  const H = get().model.weights.hiddenSize;
  const isInput = cell.grid === 'x' || cell.grid === 'h';
  const unit = cell.grid === 'h' ? cell.col : cell.grid === 'x' ? get().selectedUnit : cell.row % H;
  explorer.setState({ selectedCell: cell, selectedUnit: unit, selectedBatch: isInput ? cell.row : get().selectedBatch });
}

export function selectUnit(unit: number, batchRow: number) {
  explorer.setState({ selectedUnit: unit, selectedBatch: batchRow });
}

export function setHover(cell: CellRef | null) {
  const prev = get().hover;
  if (prev === cell || (prev && cell && prev.grid === cell.grid && prev.row === cell.row && prev.col === cell.col)) return;
  explorer.setState({ hover: cell });
}

export function undo() {
  endStroke();
  history().undo();
}

export function redo() {
  endStroke();
  history().redo();
}
