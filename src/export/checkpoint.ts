// One entry point for "download the current weights as a checkpoint": the bytes, a file name and a MIME type
// for each format. Every file reads back through importGrus (src/formats/importGru.ts) to the identical float32s.
import { validateWeights, type GruWeights } from '../gru/weights';
import { encodeKerasWeightsJson } from './kerasWeights';
import { encodeOnnxGru } from './onnxModel';
import { encodeNpz } from '../formats/npy';
import { encodeStateDictJson, encodeStateDictSafetensors, stateDictTensors, type PytorchNames } from './stateDict';
import { encodeTorchSave } from './torchSave';

export type CheckpointFormat = 'pt' | 'safetensors' | 'npz' | 'state-dict-json' | 'keras-json' | 'onnx';

export const CHECKPOINT_FORMATS: readonly CheckpointFormat[] = ['pt', 'safetensors', 'npz', 'state-dict-json', 'keras-json', 'onnx'];

export interface CheckpointOptions {
  /** PyTorch parameter names for .pt, safetensors, .npz and state_dict JSON: nn.GRUCell (default) or nn.GRU layer 0. */
  names?: PytorchNames;
}

export interface CheckpointFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export function exportCheckpoint(weights: GruWeights, format: CheckpointFormat, options: CheckpointOptions = {}): CheckpointFile {
  validateWeights(weights);
  const names = options.names ?? 'GRUCell';
  const stem = names === 'GRU' ? 'gru_l0' : 'gru_cell';
  switch (format) {
    case 'pt':
      return { fileName: `${stem}.pt`, mimeType: 'application/octet-stream', bytes: encodeTorchSave(stateDictTensors(weights, names)) };
    case 'npz':
      return { fileName: `${stem}.npz`, mimeType: 'application/octet-stream', bytes: encodeNpz(stateDictTensors(weights, names)) };
    case 'safetensors':
      return { fileName: `${stem}.safetensors`, mimeType: 'application/octet-stream', bytes: encodeStateDictSafetensors(weights, names) };
    case 'state-dict-json':
      return { fileName: `${stem}.state_dict.json`, mimeType: 'application/json', bytes: encodeStateDictJson(weights, names) };
    case 'keras-json':
      return { fileName: 'gru.keras_weights.json', mimeType: 'application/json', bytes: encodeKerasWeightsJson(weights) };
    case 'onnx':
      return { fileName: 'gru.onnx', mimeType: 'application/octet-stream', bytes: encodeOnnxGru(weights) };
  }
}
