// Actions as plain module functions over the store (zustand's "no store actions" practice).
import {
  applyInitializer,
  defaultModel,
  fillBand as fillTensorBand,
  fillColumn as fillTensorColumn,
  fillRows,
  getGrid,
  gridShape,
  isTensorName,
  resizeModel,
  TENSORS,
  withGrid,
  type Gate,
  type GridName,
  type GruModel,
  type Initializer,
  type TensorName,
} from '../../src';
import { explorer, history, type CellRef, type Tool } from './store';

const get = () => explorer.getState();

function setModel(model: GruModel) {
  explorer.setState({ model, message: null });
}

/** Runs an edit; a thrown Error becomes the inline message and the model is left as it was. */
function attempt(edit: () => GruModel): boolean {
  try {
    setModel(edit());
    return true;
  } catch (error) {
    showMessage(error instanceof Error ? error.message : String(error));
    return false;
  }
}

export function showMessage(message: string | null) {
  explorer.setState({ message });
}

// ---- brush strokes: one stroke is one undo step --------------------------------------------
let stroke: { grid: GridName; values: Float32Array } | null = null;

/** Starts a stroke: the grid is copied once (the undo step), then painted in place. */
export function beginStroke(cell: CellRef, value: number) {
  const values = getGrid(get().model, cell.grid).slice();
  stroke = { grid: cell.grid, values };
  values[cell.row * gridShape(get().model, cell.grid).cols + cell.col] = value;
  setModel(withGrid(get().model, cell.grid, values));
}

export function continueStroke(cell: CellRef, value: number) {
  if (!stroke || stroke.grid !== cell.grid || getGrid(get().model, cell.grid) !== stroke.values) return;
  const i = cell.row * gridShape(get().model, cell.grid).cols + cell.col;
  if (stroke.values[i] === Math.fround(value)) return;
  stroke.values[i] = value;
  explorer.setState((s) => ({ version: s.version + 1, editedGrid: cell.grid }));
}

export function endStroke() {
  stroke = null;
}

// ---- fills ----------------------------------------------------------------------------------
export function setCell(cell: CellRef, value: number) {
  beginStroke(cell, value);
  endStroke();
}

export function fillBand(grid: GridName, gate: Gate, value: number) {
  const { fillAllTensors } = get();
  attempt(() => {
    const model = get().model;
    if (!isTensorName(grid)) return fillGridRow(model, grid, get().selectedBatch, value);
    const tensors: readonly TensorName[] = fillAllTensors ? TENSORS : [grid];
    let weights = model.weights;
    for (const t of tensors) weights = fillTensorBand(weights, t, gate, value);
    return { ...model, weights };
  });
}

function fillGridRow(model: GruModel, grid: GridName, row: number, value: number): GruModel {
  const { cols } = gridShape(model, grid);
  const values = getGrid(model, grid).slice();
  values.fill(value, row * cols, (row + 1) * cols);
  return withGrid(model, grid, values);
}

export function fillRow(cell: CellRef, value: number) {
  attempt(() => {
    const model = get().model;
    if (!isTensorName(cell.grid)) return fillGridRow(model, cell.grid, cell.row, value);
    return { ...model, weights: fillRows(model.weights, cell.grid, cell.row, cell.row + 1, value) };
  });
}

export function fillColumn(cell: CellRef, value: number) {
  attempt(() => {
    const model = get().model;
    if (isTensorName(cell.grid)) return { ...model, weights: fillTensorColumn(model.weights, cell.grid, cell.col, value) };
    const { rows, cols } = gridShape(model, cell.grid);
    const values = getGrid(model, cell.grid).slice();
    for (let r = 0; r < rows; r++) values[r * cols + cell.col] = value;
    return withGrid(model, cell.grid, values);
  });
}

export function applyInit(tensors: readonly TensorName[], gate: Gate | undefined, spec: Initializer, seed: number): boolean {
  return attempt(() => {
    const model = get().model;
    let weights = model.weights;
    // Each tensor gets its own stream from the one seed, so r, z, n and the four tensors differ.
    tensors.forEach((tensor) => {
      weights = applyInitializer(weights, { tensor, gate }, spec, seed * 4 + TENSORS.indexOf(tensor));
    });
    return { ...model, weights };
  });
}

export function resize(inputSize: number, hiddenSize: number, batch: number): boolean {
  const ok = attempt(() => resizeModel(get().model, inputSize, hiddenSize, batch));
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

export function resetToDefault() {
  setModel(defaultModel());
  explorer.setState({ selectedUnit: 0, selectedBatch: 0, selectedCell: null, fixedRange: null });
}

// ---- view -----------------------------------------------------------------------------------
export function setTool(tool: Tool) {
  explorer.setState({ tool });
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
  const unitOf = (): number => {
    if (cell.grid === 'h') return cell.col;
    if (cell.grid === 'x') return get().selectedUnit;
    return cell.row % H;
  };
  explorer.setState({
    selectedCell: cell,
    selectedUnit: unitOf(),
    selectedBatch: cell.grid === 'x' || cell.grid === 'h' ? cell.row : get().selectedBatch,
  });
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
