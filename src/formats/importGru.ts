// One entry point for "a file dropped on the page": any supported checkpoint → the GRUs in it,
// in PyTorch layout, each with notes to show (e.g. ONNX's linear_before_reset = 0). Only GRUs the explorer can
// hold (I and H within LIMITS) are returned: one limit for sizes, whichever way a model arrives.
import type { GruWeights } from '../gru/weights';
import { LIMITS } from '../model/model';
import { readTensorFile } from './detect';
import { findGrus } from './gru';
import { kerasGruFromFile } from './kerasList';
import { looksLikeOnnx, readOnnxGru } from './onnx';
import { FormatError, type ProgressCallback } from './types';

export interface ImportedGru {
  label: string;
  weights: GruWeights;
  notes: string[];
}

/** `onProgress` hears coarse stages (and fractions where known); it never slows the readers down. */
export function importGrus(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback): ImportedGru[] {
  return withinLimits(readGrus(bytes, fileName, onProgress), fileName);
}

function readGrus(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback): ImportedGru[] {
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

const LIMIT_TEXT = `I ≤ ${LIMITS.inputSize} and H ≤ ${LIMITS.hiddenSize}`;

/** "nn.GRUCell has I = 2, H = 2048" (a top-level cell's label is just "(nn.GRUCell)"). */
function sizes(g: ImportedGru): string {
  return `${g.label.replace(/^\((.*)\)$/, '$1')} has I = ${g.weights.inputSize}, H = ${g.weights.hiddenSize}`;
}

/** Keeps the GRUs within LIMITS; refuses the file when none is, naming the sizes and the limit. */
function withinLimits(grus: ImportedGru[], fileName: string): ImportedGru[] {
  const fits = (g: ImportedGru) => g.weights.inputSize <= LIMITS.inputSize && g.weights.hiddenSize <= LIMITS.hiddenSize;
  const over = grus.filter((g) => !fits(g));
  if (over.length === 0) return grus;
  const label = fileName ? `${fileName}: ` : '';
  const kept = grus.filter(fits);
  if (kept.length === 0) {
    const more = over.length > 1 ? ` (and ${over.length - 1} more GRU${over.length > 2 ? 's' : ''} of that size)` : '';
    throw new FormatError(`${label}${sizes(over[0])}${more}; the explorer works with ${LIMIT_TEXT}`);
  }
  const note = `skipped ${over.length} GRU${over.length > 1 ? 's' : ''} beyond the explorer's limits (${LIMIT_TEXT}): ${over.slice(0, 3).map(sizes).join('; ')}`;
  return kept.map((g) => ({ ...g, notes: [...g.notes, note] }));
}
