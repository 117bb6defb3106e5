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
  initKernels,
  kernelsInUse,
  useKernels,
  simdKernels,
  affine,
  productGW,
  accumulateOuter,
  noteWeightCells,
  noteWeightsChanged,
  WASM_MIN_PRODUCT,
  type KernelKind,
  type KernelChoice,
  type KernelSource,
} from './kernels';
export { productGWRows, accumulateOuterRows } from './kernels/jsProducts';
export {
  gruCell,
  gruCellInto,
  createGruWorkspace,
  type GruCellOutputs,
  type GruWorkspace,
} from './gru/cell';
export { gruSequence, type GruSequenceResult } from './gru/sequence';
export { maxAbsDiff } from './gru/compare';
export { gatePreActivations, gateTerms, type GatePreActivations, type GateTerms } from './gru/terms';
export {
  applyInitializer,
  sampleInitializer,
  pytorchDefaultWeights,
  defaultInitializer,
  targetRows,
  INITIALIZER_LABELS,
  INITIALIZER_PARAMS,
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
export { parseValue, parseInteger, parseNumberList, printedDecimals, halfUnit, type Parsed, type ParsedList } from './model/values';
export { describeCell, type CellDescription } from './model/describe';
export {
  sequenceInputs,
  unrollModel,
  SEQUENCE_PATTERNS,
  SEQUENCE_PATTERN_LABELS,
  MAX_SEQUENCE_STEPS,
  DEFAULT_SEQUENCE_STEPS,
  type SequencePattern,
} from './model/sequence';
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
export { configFileText, readConfigFile, CONFIG_FORMAT, MAX_CONFIG_BYTES } from './share/configFile';
export { opWork, workNanoseconds, replayMilliseconds, NS_PER_ELEMENT, SLOW_LAPTOP_FACTOR, REPLAY_BUDGET_MS, REPLAY_LIMIT_MS } from './share/replayCost';
export { LINK_VERSION, PALETTE_NAMES, DEFAULT_VIEW, VIEW_KEYS, restoreView, pickView, type ViewState, type PaletteName } from './share/schema';
export { LESSONS, type Lesson } from './lessons/lessons';
export { pytorchExact, pytorchRecipe, recipeIsExact } from './export/pytorch';
export {
  exportCheckpoint,
  CHECKPOINT_FORMATS,
  type CheckpointFormat,
  type CheckpointOptions,
  type CheckpointFile,
} from './export/checkpoint';
export type { PytorchNames } from './export/stateDict';
export {
  PYTORCH_ORDER,
  ZRN_ORDER,
  ALL_BLOCK_ORDERS,
  blockPermutation,
  parseBlockOrder,
  formatBlockOrder,
  permuteRowBlocks,
  transposeMatrix,
  type BlockOrder,
} from './layouts/blocks';
export { toKeras, fromKeras, type KerasGruWeights, type KerasGruInput, type FromKerasResult } from './layouts/keras';
export { toOnnx, fromOnnx, type OnnxGruTensors, type OnnxGruInput } from './layouts/onnx';
export { toTfjs, fromTfjs, type TfjsGruWeights, type TfjsGruInput, type ToTfjsOptions, type FromTfjsResult } from './layouts/tfjs';
export { toFlax, fromFlax, FLAX_BLOCKS, type FlaxBlock, type FlaxGruParams, type FlaxGruInput, type ToFlaxResult } from './layouts/flax';
export {
  FRAMEWORKS,
  FRAMEWORK_LAYOUTS,
  parameterViews,
  blockMap,
  type Framework,
  type FrameworkLayout,
  type ParameterLocation,
  type ParameterViews,
  type BlockMapEntry,
} from './layouts/views';
export {
  frameworkTensors,
  lensValues,
  lensLocate,
  lensSource,
  lensIndex,
  lensStart,
  lensCellValue,
  LENS_FRAMEWORKS,
  CELL_SEMANTICS,
  type LensFramework,
  type CellSemantics,
  type LensTensor,
  type LensBlock,
  type LensCell,
  type LensSource,
} from './layouts/lens';
export {
  gruCellVariant,
  normalizeLayout,
  describeVariant,
  recurrentActivationFn,
  RECURRENT_ACTIVATIONS,
  type RecurrentActivation,
  type LayoutOptions,
  type VariantOptions,
  type VariantOutputs,
} from './layouts/variants';
export {
  detectGruLayout,
  describeHypothesis,
  frameworksFor,
  formatMaxError,
  type Observation,
  type Hypothesis,
  type DetectiveCandidate,
  type DetectiveReport,
  type DetectiveOptions,
} from './layouts/detective';
export {
  readOnnxGru,
  looksLikeOnnx,
  LINEAR_BEFORE_RESET_WARNING,
  type OnnxGruModel,
  type OnnxGruCell,
  type OnnxDirection,
} from './formats/onnx';
export { FormatError, FORMAT_LIMITS, type NamedTensor, type TensorFile, type TensorFileFormat } from './formats/types';
export { readTensorFile, sniffFormat, type SniffedFormat } from './formats/detect';
export { readTorch } from './formats/torch';
export { readSafetensors, encodeSafetensors, type TensorToWrite } from './formats/safetensors';
export { readNpy, readNpz, encodeNpy, encodeNpz } from './formats/npy';
export { readJson } from './formats/json';
export { findGrus, type GruCandidate } from './formats/gru';
export { importGrus, type ImportedGru } from './formats/importGru';
export {
  gruSequenceBackward,
  gruForwardTape,
  gruTapeBackward,
  type GruTape,
  type GruGradients,
  type GruSequenceGradients,
} from './train/backward';
export { createTrainKernels, transposeInto, type TrainKernels } from './train/kernels';
export { softmaxCrossEntropy, meanSquaredError, type LossResult, type ClassificationResult } from './train/losses';
export {
  createOptimizer,
  optimizerDefaults,
  clipGradNorm,
  totalNorm,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerKind,
} from './train/optim';
export { lossAndGradients, modelParams, type Readout, type TrainModel, type ModelGradients, type LossKind } from './train/model';
export { TASKS, TASK_IDS, type TaskId, type TaskSpec, type TaskBatch } from './train/tasks';
export {
  createTrainer,
  checkTrainConfig,
  meetsThreshold,
  applyStep,
  defaultReadout,
  DivergedError,
  DEFAULT_TRAIN_CONFIG,
  TRAIN_LIMITS,
  type TrainConfig,
  type Trainer,
  type StepReport,
  type FrozenGate,
} from './train/trainer';
export { weightDifference, commonPart, sameShape, TINY_DIFFERENCE, LISTED_CHANGES, type WeightDifference, type BandDifference } from './compare/difference';
export { compareCells, explainDifference, toLayoutOf, type Comparison, type DifferenceCause, type LayoutChange } from './compare/explain';
