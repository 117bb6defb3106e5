// The layout detective in the page: paste an observed h′, find the convention that produced it, convert.
// Expected numbers come from the GRU equations written out here in plain JS (gru-conventions.md), never from
// the page's own earlier output.
import { expect, sigmoid, test, type ExplorerPage } from './fixtures';

const panel = (explorer: ExplorerPage) => explorer.page.getByRole('region', { name: 'Layout detective' });
const observedBox = (explorer: ExplorerPage) => panel(explorer).getByRole('textbox', { name: 'Observed h′', exact: true });
/** The numbers in the observed-h′ box, read with a plain regex (not the page's parser). */
const numbersIn = (text: string) => (text.match(/-?\d+(?:\.\d*)?(?:e[-+]?\d+)?/gi) ?? []).map(Number);

/** Cells of the first hypothesis row (the best): fit, blocks, transposed, reset, gates, max |Δh′|. */
async function bestRow(explorer: ExplorerPage): Promise<string[]> {
  const row = panel(explorer).getByRole('table').getByRole('row').nth(1);
  return (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
}
/** The line under the best row naming the frameworks that store and run it natively. */
const bestFrameworks = (explorer: ExplorerPage) => panel(explorer).getByRole('table').getByRole('row').nth(2);

/**
 * A state to predict by hand: all weights 0 except weight_ih[1, 0] = 1.5; bias_ih blocks 2, −1, 0.5;
 * bias_hh block 2 = 1; x = [1, 0, −1] (the default), h = 0.5 everywhere.
 */
async function paintExample(explorer: ExplorerPage) {
  await explorer.zeroAll();
  await explorer.apply('Fill band', 2, 'bias_ih', 0);
  await explorer.apply('Fill band', -1, 'bias_ih', 4);
  await explorer.apply('Fill band', 0.5, 'bias_ih', 8);
  await explorer.apply('Fill band', 1, 'bias_hh', 8);
  await explorer.apply('Brush', 1.5, 'weight_ih', 1, 0);
  await explorer.apply('Fill row', 0.5, 'h', 0);
}

/** h′ of that state by the equations, reading stored block rBlock as r and zBlock as z (block 2 is n). */
function exampleHNext(rBlock: number, zBlock: number): number[] {
  // Stored block k, unit j, before the recurrent part: bias_ih block k + weight_ih[k·4 + j] · x (only [1, 0] ≠ 0).
  const block = [(j: number) => 2 + (j === 1 ? 1.5 : 0), () => -1, () => 0.5];
  const [hPrev, bhn] = [0.5, 1];
  return [0, 1, 2, 3].map((j) => {
    const r = sigmoid(block[rBlock](j));
    const z = sigmoid(block[zBlock](j));
    const n = Math.tanh(block[2](j) + r * bhn); // reset-after: r ⊙ (W_hn h + b_hn), W_hn = 0
    return (1 - z) * n + z * hPrev;
  });
}

test('the example is z|r|n storage: the detective says r and z are swapped, converting makes PyTorch print it, undo restores', async ({
  explorer,
}) => {
  const page = explorer.page;
  await paintExample(explorer);
  const asPytorch = exampleHNext(0, 1); // r | z | n
  const asZrn = exampleHNext(1, 0); // z | r | n: block 0 is z, block 1 is r
  await explorer.expectValues('h′ (output)', asPytorch);

  await panel(explorer).getByRole('button', { name: 'Try an example' }).click();
  await expect(panel(explorer).getByText(/^Example:/)).toBeVisible();
  const observed = numbersIn(await observedBox(explorer).inputValue());
  expect(observed).toEqual(asZrn.map((v) => expect.closeTo(v, 6)));

  await panel(explorer).getByRole('button', { name: 'Investigate', exact: true }).click();
  await expect(panel(explorer).getByRole('status')).toContainText('r and z are swapped');
  const [fit, blocks, transposed, reset, gates, maxError] = await bestRow(explorer);
  expect({ fit, blocks, transposed, reset, gates, maxError }).toEqual({
    fit: '✓',
    blocks: 'z|r|n',
    transposed: 'no',
    reset: 'after',
    gates: 'sigmoid',
    maxError: '0',
  });
  await expect(bestFrameworks(explorer)).toContainText('ONNX (linear_before_reset=1)');
  // Exactly one hypothesis fits, and it is marked by a ✓, not only by colour.
  await expect(panel(explorer).getByRole('img', { name: 'fits' })).toHaveCount(1);
  await expect(panel(explorer).getByText(/^\+ 66 more hypotheses/)).toBeVisible();

  await panel(explorer).getByRole('button', { name: 'Convert to PyTorch layout' }).click();
  await expect(panel(explorer).getByText(/^Converted: blocks are now r \| z \| n/)).toContainText(
    "PyTorch's cell now gives the observed h′",
  );
  // PyTorch's cell on the converted weights prints the observed h′ (float32 for float32).
  await expect.poll(() => explorer.values('h′ (output)')).toEqual(observed.map(Math.fround));
  // The blocks moved: stored block 1 (r) is now rows 0..3, stored block 0 (z) rows 4..7.
  await explorer.expectCellValue('bias_ih', 0, 0, -1);
  await explorer.expectCellValue('bias_ih', 5, 0, 2);
  await explorer.expectCellValue('weight_ih', 5, 0, 1.5);

  await page.keyboard.press('Control+z');
  await explorer.expectCellValue('bias_ih', 0, 0, 2);
  await explorer.expectCellValue('weight_ih', 1, 0, 1.5);
  await explorer.expectValues('h′ (output)', asPytorch);
  // The investigation is current again, so the conversion is offered again.
  await expect(panel(explorer).getByRole('button', { name: 'Convert to PyTorch layout' })).toBeVisible();
});

test('h′ pasted as PyTorch prints it by default (4 decimals) is read at that precision and converts', async ({ explorer }) => {
  await explorer.page.setViewportSize({ width: 1280, height: 800 });
  // The same hand-predictable state as above: the z|r|n reading of it, by the equations.
  await paintExample(explorer);
  const asZrn = exampleHNext(1, 0);
  // PyTorch's default print: 4 decimals, a space before positive numbers, two between values.
  const printed = `tensor([[${asZrn.map((v) => (v < 0 ? '' : ' ') + v.toFixed(4)).join(', ')}]], grad_fn=<AddBackward0>)`;
  expect(printed).toMatch(/^tensor\(\[\[ ?-?\d\.\d{4}, /);
  await observedBox(explorer).fill(printed);
  await panel(explorer).getByRole('button', { name: 'Investigate', exact: true }).click();
  await expect(panel(explorer).getByRole('status')).toContainText('r and z are swapped');
  await expect(panel(explorer).locator('p', { hasText: /^Precision assumed:/ })).toHaveText(
    'Precision assumed: printed to 4 decimals: each value is taken as ±5e-5 (half its last digit) + 1e-5 float error.',
  );
  const [fit, blocks, transposed, reset, gates] = await bestRow(explorer);
  expect({ fit, blocks, transposed, reset, gates }).toEqual({
    fit: '✓',
    blocks: 'z|r|n',
    transposed: 'no',
    reset: 'after',
    gates: 'sigmoid',
  });
  await panel(explorer).screenshot({ path: test.info().outputPath('detective-4-decimals.png') });
  await panel(explorer).getByRole('button', { name: 'Convert to PyTorch layout' }).click();
  await expect(panel(explorer).getByText(/^Converted: blocks are now r \| z \| n/)).toContainText(
    "PyTorch's cell now gives the observed h′",
  );
  // PyTorch's layout now gives the printed numbers, to their 4 decimals.
  const after = await explorer.values('h′ (output)');
  after.forEach((v, i) => expect(Math.abs(v - asZrn[i])).toBeLessThan(1e-6));
});

test("the page's own h′ is PyTorch's layout: nothing to convert", async ({ explorer }) => {
  const own = await explorer.values('h′ (output)');
  await observedBox(explorer).fill(`tensor([[${own.join(', ')}]], grad_fn=<AddBackward0>)`);
  await panel(explorer).getByRole('button', { name: 'Investigate', exact: true }).click();
  await expect(panel(explorer).getByRole('status')).toContainText(
    'Best fit: blocks in r|z|n order (PyTorch), not transposed, reset-after, sigmoid',
  );
  const [fit, blocks, transposed, reset, gates, maxError] = await bestRow(explorer);
  expect({ fit, blocks, transposed, reset, gates, maxError }).toEqual({
    fit: '✓',
    blocks: 'r|z|n',
    transposed: 'no',
    reset: 'after',
    gates: 'sigmoid',
    maxError: '0',
  });
  await expect(bestFrameworks(explorer)).toContainText('PyTorch');
  await expect(panel(explorer).getByText(/^Nothing to convert/)).toBeVisible();
  await expect(panel(explorer).getByRole('button', { name: 'Convert to PyTorch layout' })).toHaveCount(0);
});

test('a malformed paste says what is wrong and changes nothing', async ({ explorer }) => {
  const before = await explorer.values('h′ (output)');
  const box = observedBox(explorer);
  const investigate = panel(explorer).getByRole('button', { name: 'Investigate', exact: true });
  const alert = panel(explorer).getByRole('alert');

  await box.fill('1, 2, abc');
  await investigate.click();
  await expect(alert).toHaveText('Observed h′: "abc" is not a number');
  await expect(box).toHaveAttribute('aria-invalid', 'true');

  await box.fill('1, 2, 3');
  await expect(alert).toHaveCount(0); // editing clears the message
  await investigate.click();
  await expect(alert).toHaveText('Observed h′: expected 4 values (batch 1 × H 4), got 3');

  await box.fill('0.1, nan, 0.2, 0.3');
  await investigate.click();
  await expect(alert).toHaveText('Observed h′: value 2 is nan: only finite numbers are accepted');

  await expect(panel(explorer).getByRole('table')).toHaveCount(0);
  expect(await explorer.values('h′ (output)')).toEqual(before);
});
