// The live cell: h', r, z, n and the pre-activations, derived from the model. Memoised on the
// model's identity and the in-place version, so every subscriber shares one computation per edit.
import { gruCell, type GruCellOutputs } from '../../src';
import type { ExplorerState } from './store';

let last: { model: ExplorerState['model']; version: number; outputs: GruCellOutputs } | null = null;

export function selectOutputs(state: Pick<ExplorerState, 'model' | 'version'>): GruCellOutputs {
  if (last && last.model === state.model && last.version === state.version) return last.outputs;
  const { weights, x, h, batch } = state.model;
  const outputs = gruCell(weights, x, h, batch);
  last = { model: state.model, version: state.version, outputs };
  return outputs;
}
