// GRU Explorer's cell as an `--extra` implementation for the peer benchmark (../shared/peers/bench.mjs):
//
//   npm run bench:peers            (builds build/core, then runs scripts/bench-peers.mjs, which uses this)
//
// Contract: makeGruCell({I, H, weight_ih, weight_hh, bias_ih, bias_hh}, maxBatch) returns
// (x, h, out, N) => out on Float32Arrays in PyTorch layout. Built on the compiled core
// (npx vite build --config vite.core.config.ts), so the import resolves next to this file.
// PEER_KERNEL picks the kernel: 'shipped' (default: WebAssembly SIMD for all but the smallest
// products, as the app runs it), 'wasm' (at every size) or 'js' (the plain-JS kernel).
import { affineRows, createGruWorkspace, gruCellInto, initKernels, simdKernels } from '../build/core/gru-explorer-core.js';

const KERNEL = process.env.PEER_KERNEL ?? 'shipped';
if (!['shipped', 'wasm', 'js'].includes(KERNEL)) throw new Error(`PEER_KERNEL=${KERNEL}: expected shipped, wasm or js`);
if (KERNEL !== 'js' && (await initKernels()) !== 'wasm') throw new Error('the WebAssembly kernels did not load');
const simd = simdKernels();
const kernel = KERNEL === 'js' ? affineRows : KERNEL === 'wasm' ? (w, r, c, b, x, n, o) => simd.affine(w, r, c, b, x, n, o) : undefined;

export function makeGruCell({ I, H, weight_ih, weight_hh, bias_ih, bias_hh }, maxBatch = 1) {
  const weights = { inputSize: I, hiddenSize: H, weightIh: weight_ih, weightHh: weight_hh, biasIh: bias_ih, biasHh: bias_hh };
  const ws = createGruWorkspace(I, H, maxBatch, kernel);
  return function gruExplorerCell(x, h, out, N) {
    gruCellInto(weights, x, h, N, ws);
    out.set(ws.h.subarray(0, N * H));
    return out;
  };
}
