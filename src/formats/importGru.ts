// One entry point for "a file dropped on the page": any supported checkpoint → the GRUs in it,
// in PyTorch layout, each with notes to show (e.g. ONNX's linear_before_reset = 0).
import type { GruWeights } from '../gru/weights';
import { readTensorFile } from './detect';
import { findGrus } from './gru';
import { kerasGruFromFile } from './kerasList';
import { looksLikeOnnx, readOnnxGru } from './onnx';
import type { ProgressCallback } from './types';

export interface ImportedGru {
  label: string;
  weights: GruWeights;
  notes: string[];
}

/** `onProgress` hears coarse stages (and fractions where known); it never slows the readers down. */
export function importGrus(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback): ImportedGru[] {
  if (/\.onnx$/i.test(fileName) || looksLikeOnnx(bytes)) {
    onProgress?.('Reading the ONNX graph');
    const model = readOnnxGru(bytes);
    return model.cells.map((c) => ({
      label: `${c.nodeName || `GRU node ${c.gruIndex}`} (ONNX) ${c.direction}`,
      weights: c.weights,
      notes: c.warnings,
    }));
  }
  const file = readTensorFile(bytes, fileName, onProgress);
  onProgress?.('Finding the GRU weights');
  const keras = kerasGruFromFile(file);
  if (keras) return [{ label: 'Keras GRU (get_weights list)', ...keras }];
  return findGrus(file).map((c) => ({ label: c.label, weights: c.weights, notes: [...(file.notes ?? []), ...c.notes] }));
}
