// GRU Explorer's framework-free core: GRU maths in PyTorch layout, gate bands and initializers.
// No React, no DOM: runs in Node and the browser.
export { GATES, GATE_NAMES, gateRows, gateOfRow, gateSlice, type Gate, type RowRange } from './gru/gates';
export {
  TENSORS,
  MAX_SIZE,
  zeroWeights,
  cloneWeights,
  validateWeights,
  getTensor,
  withTensor,
  tensorShape,
  type GruWeights,
  type TensorName,
} from './gru/weights';
export { fillBand, fillRows, fillColumn, setCells, tensorCols } from './gru/edit';
export { affineRows, type AffineKernel } from './gru/affine';
export {
  gruCell,
  gruCellInto,
  createGruWorkspace,
  type GruCellOutputs,
  type GruWorkspace,
} from './gru/cell';
export { gruSequence, type GruSequenceResult } from './gru/sequence';
export {
  applyInitializer,
  sampleInitializer,
  pytorchDefaultWeights,
  defaultInitializer,
  targetRows,
  INITIALIZER_LABELS,
  type Initializer,
  type InitializerKind,
  type InitTarget,
} from './init/initializers';
export { orthogonalMatrix } from './init/orthogonal';
export { seededRng } from './init/random';
export { defaultModel, defaultRecipe, DEFAULT_INPUT_SIZE, DEFAULT_HIDDEN_SIZE, DEFAULT_SEED } from './model/defaults';
export {
  GRIDS,
  LIMITS,
  isTensorName,
  gridShape,
  getGrid,
  withGrid,
  resizeModel,
  emptyModel,
  checkLimits,
  type GruModel,
  type GridName,
} from './model/model';
export { parseValue, parseInteger, type Parsed } from './model/values';
export { describeCell, type CellDescription } from './model/describe';
export {
  applyWeightOp,
  replayWeights,
  pytorchDefaultOps,
  bandOp,
  compactRecipe,
  writeCells,
  type WeightOp,
} from './share/recipe';
export { encodeState, decodeState, type SharedState, type DecodeResult } from './share/codec';
export { LINK_VERSION, PALETTE_NAMES, DEFAULT_VIEW, type ViewState, type PaletteName } from './share/schema';
export { LESSONS, type Lesson } from './lessons/lessons';
export { pytorchExact, pytorchRecipe } from './export/pytorch';
