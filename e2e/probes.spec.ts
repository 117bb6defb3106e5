// The forum's probes ("What is the layout of the GRU weights and bias?") done through the UI alone:
// Initialize → all four → Zeros, x and h painted with the Fill row tool, the batch set in the sizes
// form, biases set with the Fill band tool. The expected h′ are what real PyTorch printed for the
// same cells (src/gru/fixtures/forum-probes.json).
import { expect, test, type ExplorerPage } from './fixtures';

const H = 4;

/** All-zero cell with x = 0 in every batch row. */
async function zeroCell(explorer: ExplorerPage, batch: number) {
  await explorer.zeroAll();
  if (batch !== 1) await explorer.resize(3, H, batch);
  // The default x row 0 is [1, 0, −1]; new batch rows are 0.
  await explorer.apply('Fill row', 0, 'x', 0, 0);
  await explorer.expectExactValues('h′ (output)', new Array(batch * H).fill(0));
}

/** h row k = k + 1 for k = 0 … batch − 1, each row filled with the Fill row tool. */
async function paintHRows(explorer: ExplorerPage, batch: number) {
  await explorer.setTool('Fill row');
  for (let k = 0; k < batch; k++) {
    await explorer.setBrushValue(k + 1);
    await explorer.paint('h', k, k % H);
  }
  await explorer.expectExactValues(
    'h (previous state)',
    rows(batch, (k) => k + 1),
  );
}

/** A batch × H vector whose row k is all f(k). */
function rows(batch: number, f: (k: number) => number): number[] {
  return Array.from({ length: batch * H }, (_, i) => f(Math.floor(i / H)));
}

/** Fill band tool: bias row block `block` (rows [block·H, (block+1)·H)) of `grid` = value. */
async function fillBlock(explorer: ExplorerPage, grid: 'bias_ih' | 'bias_hh', block: number, value: number) {
  await explorer.apply('Fill band', value, grid, block * H + 1);
  // The click landed on the intended block (the details describe the cell under the pointer).
  await expect(explorer.hoverText).toContainText(`${grid}[${block * H + 1}] = ${value}`);
}

// Each probe fills one block, checks h′, then undoes the fill (one Undo) before the next block.
test('bias_hh block = 20, batch 4, x = 0, h row k = k + 1: block 0 is r, block 1 is z, block 2 is n', async ({ explorer }) => {
  await zeroCell(explorer, 4);
  await paintHRows(explorer, 4);
  const undo = async () => {
    await explorer.toolbar.getByRole('button', { name: 'Undo' }).click();
    // Back to the all-zero weights: r = z = ½, n = 0.
    await explorer.expectExactValues(
      'r (reset gate)',
      rows(4, () => 0.5),
    );
    await explorer.expectExactValues(
      'z (update gate)',
      rows(4, () => 0.5),
    );
  };

  await test.step('block 0 is r: h′ = 0.5·h (PyTorch [[0.5…], [1.0…], [1.5…], [2.0…]])', async () => {
    await fillBlock(explorer, 'bias_hh', 0, 20);
    // r = σ(20) = 1 in float32, but it only scales gh_n = 0; z = 0.5 and n = 0 halve h.
    await explorer.expectExactValues(
      'r (reset gate)',
      rows(4, () => 1),
    );
    await explorer.expectValues(
      'h′ (output)',
      rows(4, (k) => 0.5 * (k + 1)),
    );
    await explorer.expectExactValues(
      'z (update gate)',
      rows(4, () => 0.5),
    );
    await explorer.expectExactValues(
      'n (candidate)',
      rows(4, () => 0),
    );
    await undo();
  });

  await test.step('block 1 is z: h′ = h exactly (PyTorch [[1, 1, 1, 1], [2, …], [3, …], [4, …]])', async () => {
    await fillBlock(explorer, 'bias_hh', 1, 20);
    await explorer.expectExactValues(
      'h′ (output)',
      rows(4, (k) => k + 1),
    );
    await explorer.expectExactValues(
      'z (update gate)',
      rows(4, () => 1),
    );
    await undo();
  });

  await test.step('block 2 is n: h′ = 0.5 + 0.5·h (PyTorch [[1.0…], [1.5…], [2.0…], [2.5…]])', async () => {
    await fillBlock(explorer, 'bias_hh', 2, 20);
    await explorer.expectValues(
      'h′ (output)',
      rows(4, (k) => 0.5 + 0.5 * (k + 1)),
    );
    // n = tanh(r · 20) = tanh(10) with r = 0.5.
    await explorer.expectValues(
      'n (candidate)',
      rows(4, () => Math.tanh(10)),
    );
  });
});

test('bias_ih block = 20 with z off (bias_hh z band = −20), batch 1, x = 0, h = 0: only block 2 gives h′ = 1', async ({ explorer }) => {
  await zeroCell(explorer, 1);
  await fillBlock(explorer, 'bias_hh', 1, -20);
  for (const [block, expected] of [
    [0, 0],
    [1, 0],
    [2, 1],
  ] as const) {
    await test.step(`bias_ih block ${block} = 20 → h′ = ${expected}`, async () => {
      await fillBlock(explorer, 'bias_ih', block, 20);
      await explorer.expectExactValues('h′ (output)', [expected, expected, expected, expected]);
      await explorer.toolbar.getByRole('button', { name: 'Undo' }).click();
      await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);
      await explorer.expectCellValue('bias_ih', block * H, 0, 0);
    });
  }
});

test('reset probe: z off, b_hn = 20; b_hr = −100 gives h′ = 0 exactly, b_hr = 20 gives h′ = 1', async ({ explorer }) => {
  await zeroCell(explorer, 1);
  await fillBlock(explorer, 'bias_hh', 1, -20);
  await fillBlock(explorer, 'bias_hh', 2, 20);
  await fillBlock(explorer, 'bias_hh', 0, -100);
  // r = σ(−100) = 0 (exp overflows in float32), so r ⊙ (W_hn h + b_hn) = 0 and n = 0.
  await explorer.expectExactValues('r (reset gate)', [0, 0, 0, 0]);
  await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);

  await fillBlock(explorer, 'bias_hh', 0, 20);
  // r = 1 lets b_hn = 20 through: n = tanh(20) = 1, and z ≈ 0 so h′ = 1.
  await explorer.expectExactValues('r (reset gate)', [1, 1, 1, 1]);
  await explorer.expectExactValues('h′ (output)', [1, 1, 1, 1]);
  // The equations follow the last clicked unit (bias_hh row 1 is unit 1).
  await expect(explorer.equations.getByLabel('h′1', { exact: true })).toHaveText('= 1.0000');
});
