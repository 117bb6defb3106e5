// The page computes h′ with the WebAssembly SIMD kernels: its numbers are those of the same kernels run
// here in Node, bit for bit, before and after brush strokes (which rewrite single laid-out cells).
import type { Page } from '@playwright/test';
import { decodeState, gruCell, initKernels, useKernels, type SharedState } from '../src';
import { expect, test } from './fixtures';

function linkState(url: string): SharedState | null {
  const encoded = new URLSearchParams(url.split('#')[1] ?? '').get('s');
  const result = encoded ? decodeState(encoded) : null;
  return result?.ok ? result.state : null;
}

/** The state of the address bar's link once it carries `weight_hh[index] === value` (links follow edits after a pause). */
async function stateWith(page: Page, index: number, value: number): Promise<SharedState> {
  await expect.poll(() => linkState(page.url())?.model.weights.weightHh[index]).toBe(value);
  return linkState(page.url())!;
}

function hNext(state: SharedState, kernels: 'wasm' | 'js'): number[] {
  useKernels(kernels);
  const { weights, x, h, batch } = state.model;
  return Array.from(gruCell(weights, x, h, batch).h);
}

test('h′ comes from the WebAssembly kernels, also after painting', async ({ explorer }) => {
  expect(await initKernels()).toBe('wasm');
  await expect(explorer.page.locator('html')).toHaveAttribute('data-kernels', 'wasm');
  const H = 64;
  await explorer.resize(H, H, 1);
  await explorer.initialize({ kind: 'PyTorch default U(−1/√H, 1/√H)', seed: '5' });
  await explorer.apply('Fill row', 0.5, 'x', 0);
  await explorer.apply('Fill row', -0.25, 'h', 0);

  // One cell (a stroke's first cell: the weights are copied), then a stroke over several (painted in place).
  await explorer.apply('Brush', 0.75, 'weight_hh', 70, 3);
  let state = await stateWith(explorer.page, 70 * H + 3, 0.75);
  const afterCell = hNext(state, 'wasm');
  await explorer.expectExactValues('h′ (output)', afterCell);
  // float32 sums (wasm) and float64 sums (JS) round apart somewhere in 64 units: the page ran the wasm kernel
  expect(hNext(state, 'js')).not.toEqual(afterCell);

  await explorer.setBrushValue(-2);
  await explorer.drag('weight_hh', [130, 10], [136, 16]);
  state = await stateWith(explorer.page, 136 * H + 16, -2);
  await explorer.expectExactValues('h′ (output)', hNext(state, 'wasm'));
  useKernels('fastest');
});
