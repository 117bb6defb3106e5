// GRU Explorer's cell as an `--extra` implementation for the peer benchmark (../shared/peers/bench.mjs):
//
//   npm run bench:peers            (builds build/core first, then runs the peers bench with this module)
//
// Contract: makeGruCell({I, H, weight_ih, weight_hh, bias_ih, bias_hh}, maxBatch) returns
// (x, h, out, N) => out on Float32Arrays in PyTorch layout. Built on the compiled core
// (npx vite build --config vite.core.config.ts), so the import resolves next to this file.
import { createGruWorkspace, gruCellInto } from '../build/core/gru-explorer-core.js';

export function makeGruCell({ I, H, weight_ih, weight_hh, bias_ih, bias_hh }, maxBatch = 1) {
  const weights = { inputSize: I, hiddenSize: H, weightIh: weight_ih, weightHh: weight_hh, biasIh: bias_ih, biasHh: bias_hh };
  const ws = createGruWorkspace(I, H, maxBatch);
  return function gruExplorerCell(x, h, out, N) {
    gruCellInto(weights, x, h, N, ws);
    const hNext = ws.h;
    const n = N * H;
    for (let i = 0; i < n; i++) out[i] = hNext[i];
    return out;
  };
}
