// GRU Explorer's framework-free core: GRU maths in PyTorch layout, gate bands and initializers.
// No React, no DOM: runs in Node and the browser.
export { GATES, GATE_NAMES, gateRows, gateOfRow, gateSlice, type Gate } from './gru/gates';
export { TENSORS, getTensor, tensorShape, type GruWeights, type TensorName } from './gru/weights';
export { tensorCols } from './gru/edit';
export { affineRows } from './gru/affine';
export { initKernels, useKernels, simdKernels, affine, noteWeightCells } from './kernels';
export { gruCell, gruCellInto, createGruWorkspace, type GruCellOutputs } from './gru/cell';
export { gruSequence } from './gru/sequence';
export { maxAbsDiff } from './gru/compare';
export { gatePreActivations, gateTerms } from './gru/terms';
export { defaultInitializer, INITIALIZER_LABELS, INITIALIZER_PARAMS, type Initializer, type InitializerKind } from './init/initializers';
export { orthogonalMatrix } from './init/orthogonal';
export { seededRng } from './init/random';
export { defaultModel, defaultRecipe } from './model/defaults';
export { LIMITS, isTensorName, gridShape, getGrid, withGrid, resizeModel, emptyModel, type GruModel, type GridName } from './model/model';
export { parseValue, parseInteger, parseNumberList, halfUnit } from './model/values';
export { describeCell } from './model/describe';
export { lineCells } from './model/line';
export { unrollModel, SEQUENCE_PATTERNS, SEQUENCE_PATTERN_LABELS, MAX_SEQUENCE_STEPS, type SequencePattern } from './model/sequence';
export { applyWeightOp, replayWeights, pytorchDefaultOps, bandOp, type WeightOp } from './share/recipe';
export { encodeState, decodeState, type SharedState, type DecodeResult } from './share/codec';
export { configFileText, readConfigFile, MAX_CONFIG_BYTES } from './share/configFile';
export { opWork, replayMilliseconds, NS_PER_ELEMENT, SLOW_LAPTOP_FACTOR, REPLAY_BUDGET_MS } from './share/replayCost';
export { LINK_VERSION, DEFAULT_VIEW, VIEW_KEYS, restoreView, pickView, type ViewState, type PaletteName } from './share/schema';
export { LESSONS, type Lesson } from './lessons/lessons';
export { pytorchExact, pytorchRecipe, recipeIsExact } from './export/pytorch';
export { exportCheckpoint, type CheckpointFormat, type CheckpointFile } from './export/checkpoint';
export type { PytorchNames } from './export/stateDict';
export { ZRN_ORDER, formatBlockOrder } from './layouts/blocks';
export { fromOnnx } from './layouts/onnx';
export { FRAMEWORKS, FRAMEWORK_LAYOUTS, parameterViews, blockMap, type Framework } from './layouts/views';
export {
  frameworkTensors,
  lensValues,
  lensLocate,
  lensSource,
  lensStart,
  lensCellValue,
  LENS_FRAMEWORKS,
  type LensFramework,
  type CellSemantics,
  type LensTensor,
  type LensBlock,
} from './layouts/lens';
export { gruCellVariant, normalizeLayout, RECURRENT_ACTIVATIONS, type VariantOptions } from './layouts/variants';
export { detectGruLayout, formatMaxError, type DetectiveCandidate, type DetectiveReport } from './layouts/detective';
export { readOnnxGru } from './formats/onnx';
export { FormatError } from './formats/types';
export { readTensorFile } from './formats/detect';
export { encodeNpz } from './formats/npy';
export { importGrus } from './formats/importGru';
export type { GruGradients } from './train/backward';
export { meanSquaredError } from './train/losses';
export { TASKS, TASK_IDS, type TaskId, type TaskSpec } from './train/tasks';
export {
  createTrainer,
  checkTrainConfig,
  meetsThreshold,
  DivergedError,
  DEFAULT_TRAIN_CONFIG,
  TRAIN_LIMITS,
  type TrainConfig,
  type Trainer,
  type StepReport,
  type FrozenGate,
} from './train/trainer';
export { sameShape, TINY_DIFFERENCE, LISTED_CHANGES, type WeightDifference } from './compare/difference';
export { compareCells, toLayoutOf, type Comparison } from './compare/explain';
