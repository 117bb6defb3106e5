// The live cell: h', r, z, n and the pre-activations, derived from the model. Memoised on the model's
// identity (every edit makes a new model), so every subscriber shares one computation per edit.
import { gruCell, type GruCellOutputs } from '../../src';
import type { ExplorerState } from './store';

let last: { model: ExplorerState['model']; outputs: GruCellOutputs } | null = null;

export function selectOutputs(state: Pick<ExplorerState, 'model'>): GruCellOutputs {
  if (last && last.model === state.model) return last.outputs;
  const { weights, x, h, batch } = state.model;
  const outputs = gruCell(weights, x, h, batch);
  last = { model: state.model, outputs };
  return outputs;
}
