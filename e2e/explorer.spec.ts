// GRU Explorer through its UI: painting, strokes and undo, the fill tools, the eyedropper, resizing,
// the keyboard, the cell details, bad typed values and the initializers. Every expected number is
// computed here from PyTorch's GRU equations and the values the test itself put in.
import { expect, sigmoid, test, TOOL_KEYS, type ToolName } from './fixtures';

// After Initialize → all four → Zeros the cell is all-zero with the default inputs x = [1, 0, −1],
// h = 0: r = z = σ(0) = 0.5, n = tanh(0) = 0, h′ = 0.
const X = [1, 0, -1];

test.describe('painting', () => {
  test('painting weights changes that cell and h′ exactly as the GRU equations predict', async ({ explorer }) => {
    await explorer.zeroAll();
    await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);

    // W_in[0, 0] = 2: the candidate of unit 0 sees 2·x[0] = 2.
    await explorer.apply('Brush', 2, 'weight_ih', 8, 0);
    await expect(explorer.hoverText).toContainText('weight_ih[8, 0] = 2');
    const n0 = Math.tanh(2 * X[0]);
    await explorer.expectValues('n (candidate)', [n0, 0, 0, 0]);
    await explorer.expectValues('h′ (output)', [0.5 * n0, 0, 0, 0]);

    // W_iz[0, 2] = 1: the update gate of unit 0 sees 1·x[2] = −1.
    await explorer.apply('Brush', 1, 'weight_ih', 4, 2);
    await expect(explorer.hoverText).toContainText('weight_ih[4, 2] = 1');
    await expect(explorer.hoverText).toContainText('W_iz[0, 2]: weight from x[2] into the update gate of unit 0');
    const z0 = sigmoid(1 * X[2]);
    await explorer.expectValues('z (update gate)', [z0, 0.5, 0.5, 0.5]);
    await explorer.expectValues('r (reset gate)', [0.5, 0.5, 0.5, 0.5]);
    await explorer.expectValues('h′ (output)', [(1 - z0) * n0 + z0 * 0, 0, 0, 0]);

    // The equations panel follows the painted unit (0) with 4-decimal results.
    await expect(explorer.equations.getByLabel('z0', { exact: true })).toHaveText(`= ${z0.toFixed(4)}`);
    await expect(explorer.equations.getByLabel('n0', { exact: true })).toHaveText(`= ${n0.toFixed(4)}`);
    await expect(explorer.equations.getByLabel('h′0', { exact: true })).toHaveText(`= ${((1 - z0) * n0).toFixed(4)}`);

    // A painted h[0, 1] = 3 with W_hz[1, 1] = −1 (z1 = σ(−3)) gives h′[1] = z1·3 (n1 = 0).
    await explorer.apply('Brush', 3, 'h', 0, 1);
    await expect(explorer.hoverText).toContainText('h[0, 1] = 3');
    await explorer.apply('Brush', -1, 'weight_hh', 5, 1);
    const z1 = sigmoid(-3);
    await explorer.expectValues('h (previous state)', [0, 3, 0, 0]);
    await explorer.expectValues('h′ (output)', [(1 - z0) * n0, z1 * 3, 0, 0]);
  });

  test('a drag stroke paints every cell it crosses, across a band edge, and is one undo step; undo/redo by buttons and keys', async ({
    explorer,
    page,
  }) => {
    await explorer.zeroAll();
    await explorer.setTool('Brush');
    await explorer.setBrushValue(2);
    // Down column 0 of weight_ih from row 6 (z band) to row 9 (n band): W_iz[2..3, 0] = 2 and
    // W_in[0..1, 0] = 2, so with x[0] = 1: z = [½, ½, σ(2), σ(2)], n = [tanh 2, tanh 2, 0, 0].
    await explorer.drag('weight_ih', [6, 0], [9, 0]);
    for (const row of [6, 7, 8, 9]) await explorer.expectCellValue('weight_ih', row, 0, 2);
    for (const row of [5, 10]) await explorer.expectCellValue('weight_ih', row, 0, 0);
    const n = Math.tanh(2);
    await explorer.expectValues('z (update gate)', [0.5, 0.5, sigmoid(2), sigmoid(2)]);
    await explorer.expectValues('n (candidate)', [n, n, 0, 0]);
    await explorer.expectValues('h′ (output)', [0.5 * n, 0.5 * n, 0, 0]);
    const after = await explorer.output('h′ (output)').getAttribute('data-values');

    const undo = explorer.toolbar.getByRole('button', { name: 'Undo' });
    const redo = explorer.toolbar.getByRole('button', { name: 'Redo' });
    await expect(redo).toBeDisabled();
    await undo.click(); // one click undoes the whole stroke …
    await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);
    await explorer.expectExactValues('z (update gate)', [0.5, 0.5, 0.5, 0.5]);
    for (const row of [6, 9]) await explorer.expectCellValue('weight_ih', row, 0, 0);
    await expect(redo).toBeEnabled();
    await redo.click();
    await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', after!);
    await explorer.expectCellValue('weight_ih', 7, 0, 2);

    // Keyboard: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y (focus is on a button, not in a text field).
    await page.keyboard.press('Control+z');
    await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);
    await explorer.expectCellValue('weight_ih', 8, 0, 0);
    await page.keyboard.press('Control+Shift+Z');
    await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', after!);
    await explorer.expectCellValue('weight_ih', 8, 0, 2);
    await page.keyboard.press('Control+z');
    await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);
    await page.keyboard.press('Control+y');
    await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', after!);

    // … and two more undos go back past the Zeros to the default cell.
    await undo.click();
    await undo.click();
    await expect(undo).toBeDisabled();
    await expect(explorer.output('h′ (output)')).not.toHaveAttribute('data-values', '0 0 0 0');
    await expect.poll(() => explorer.cellValue('weight_ih', 0, 0)).not.toBe(0);
  });

  test('a fast drag paints a continuous line, with no gaps between pointer samples', async ({ explorer, page }) => {
    await explorer.zeroAll();
    await explorer.setBrushValue(3);
    // One quick move from column 0 to column 3 of weight_hh row 0, as a flick of the mouse
    // delivers it (a single pointermove): the cells in between are on the stroke too.
    const from = await explorer.cell('weight_hh', 0, 0);
    const to = await explorer.cell('weight_hh', 0, 3);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y);
    await page.mouse.up();
    for (const col of [0, 3]) await explorer.expectCellValue('weight_hh', 0, col, 3);
    // The stroke is over and its ends are painted, so the values are settled: read them once.
    for (const col of [1, 2]) expect.soft(await explorer.cellValue('weight_hh', 0, col), `weight_hh[0, ${col}]`).toBe(3);
  });

  test('the Exact value box shows the selected cell’s current value after undo, redo and painting', async ({ explorer, page }) => {
    await explorer.zeroAll();
    await explorer.setExact('weight_hh', 5, 2, 0.25);
    await explorer.expectCellValue('weight_hh', 5, 2, 0.25);
    await expect(explorer.exactValue).toHaveValue('0.25');
    await page.mouse.move(0, 0); // stop hovering: the details show the selected cell
    await page.keyboard.press('Control+z');
    await expect(explorer.hoverText).toContainText('weight_hh[5, 2] = 0 (selected)');
    await expect.soft(explorer.exactValue, 'after undo the box must not keep the undone value').toHaveValue('0');
    await page.keyboard.press('Control+y');
    await expect(explorer.hoverText).toContainText('weight_hh[5, 2] = 0.25 (selected)');
    await expect.soft(explorer.exactValue).toHaveValue('0.25');

    // Painting the selected cell with the brush (value 1) selects it again: the box shows 1.
    await explorer.setTool('Brush');
    await explorer.paint('weight_hh', 5, 2);
    await page.mouse.move(0, 0);
    await expect(explorer.hoverText).toContainText('weight_hh[5, 2] = 1 (selected)');
    await expect.soft(explorer.exactValue, 'after painting the selected cell the box must show its new value').toHaveValue('1');
  });

  test('Reset goes back to the default cell', async ({ explorer }) => {
    const initial = await explorer.output('h′ (output)').getAttribute('data-values');
    await explorer.zeroAll();
    await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);
    await explorer.toolbar.getByRole('button', { name: 'Reset' }).click();
    await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', initial!);
  });
});

test.describe('fill tools', () => {
  test('Fill band, Fill row and Fill column fill exactly their cells', async ({ explorer }) => {
    await explorer.zeroAll();

    // Fill band on bias_hh's z band: bias_hh[4:8] = 20, so z = σ(20) = 1 (float32), r stays 0.5.
    // The value comes from the "+20" chip this time.
    await explorer.setTool('Fill band');
    await explorer.toolbar.getByRole('button', { name: 'Brush value 20', exact: true }).click();
    await expect(explorer.brushValue).toHaveValue('20');
    await explorer.paint('bias_hh', 5);
    for (const row of [4, 5, 6, 7]) await explorer.expectCellValue('bias_hh', row, 0, 20);
    for (const row of [3, 8]) await explorer.expectCellValue('bias_hh', row, 0, 0);
    await explorer.expectExactValues('z (update gate)', [1, 1, 1, 1]);
    await explorer.expectExactValues('r (reset gate)', [0.5, 0.5, 0.5, 0.5]);

    // Fill row on weight_hh row 6: the four columns of that row only.
    await explorer.apply('Fill row', -3, 'weight_hh', 6, 1);
    for (const col of [0, 1, 2, 3]) await explorer.expectCellValue('weight_hh', 6, col, -3);
    await explorer.expectCellValue('weight_hh', 5, 0, 0);
    await explorer.expectCellValue('weight_hh', 7, 3, 0);

    // Fill column on weight_ih column 1: all 12 rows, across the three bands.
    await explorer.apply('Fill column', 0.5, 'weight_ih', 2, 1);
    for (const row of [0, 5, 11]) await explorer.expectCellValue('weight_ih', row, 1, 0.5);
    await explorer.expectCellValue('weight_ih', 0, 0, 0);
    await explorer.expectCellValue('weight_ih', 11, 2, 0);
    // x[1] = 0, so the column changes nothing downstream; h′ is still 0.
    await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);
  });

  test('"band fill in all four tensors" fills the same gate in weight_ih, weight_hh, bias_ih and bias_hh in one undo step', async ({
    explorer,
  }) => {
    await explorer.zeroAll();
    await explorer.toolbar.getByRole('checkbox', { name: 'band fill in all four tensors' }).check();
    await explorer.apply('Fill band', 0.5, 'weight_ih', 9, 0);

    for (const [grid, row, col] of [
      ['weight_ih', 11, 2],
      ['weight_hh', 8, 3],
      ['bias_ih', 10, 0],
      ['bias_hh', 8, 0],
    ] as const) {
      await explorer.expectCellValue(grid, row, col, 0.5);
    }
    for (const [grid, row, col] of [
      ['weight_hh', 7, 3],
      ['bias_ih', 0, 0],
      ['bias_hh', 7, 0],
    ] as const) {
      await explorer.expectCellValue(grid, row, col, 0);
    }
    // gi_n = 0.5·(1 + 0 − 1) + 0.5 = 0.5, gh_n = 0 + 0.5, r = 0.5 ⇒ n = tanh(0.75), z = 0.5.
    const h = 0.5 * Math.tanh(0.5 + 0.5 * 0.5);
    await explorer.expectValues('h′ (output)', [h, h, h, h]);

    await explorer.toolbar.getByRole('button', { name: 'Undo' }).click();
    await explorer.expectExactValues('h′ (output)', [0, 0, 0, 0]);
    for (const grid of ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'] as const) await explorer.expectCellValue(grid, 8, 0, 0);
  });

  test('the Eyedropper picks a cell’s value into the brush value box', async ({ explorer }) => {
    // Default (PyTorch-initialised) weights: read a cell, pick it, paint it elsewhere.
    const picked = await explorer.cellValue('weight_hh', 5, 2);
    expect(picked).not.toBe(0);
    await explorer.setTool('Eyedropper');
    await explorer.paint('weight_hh', 5, 2);
    await expect(explorer.brushValue).toHaveValue(String(picked));
    await explorer.setTool('Brush');
    await explorer.paint('bias_ih', 0);
    await explorer.expectCellValue('bias_ih', 0, 0, picked);
  });
});

test.describe('sizes', () => {
  test('resizing to H = 6 keeps the values that fit, gate by gate', async ({ explorer }) => {
    await explorer.zeroAll();
    await explorer.apply('Fill band', 20, 'bias_hh', 4);
    await explorer.setExact('weight_hh', 5, 3, 1.5); // z band, unit 1 (H = 4), from h[3]
    await explorer.resize(3, 6, 1);

    await expect(explorer.sizes.getByRole('textbox', { name: 'H', exact: true })).toHaveValue('6');
    await expect(explorer.canvases('bias_hh')).toHaveCount(3);
    await expect(explorer.canvases('bias_hh').nth(1)).toHaveAttribute('data-row-start', '6');
    // The z band moved from rows 4..7 to rows 6..11; its first four units kept 20.
    for (const row of [6, 7, 8, 9]) await explorer.expectCellValue('bias_hh', row, 0, 20);
    for (const row of [0, 3, 12, 15]) await explorer.expectCellValue('bias_hh', row, 0, 0);
    // New units 4 and 5 get PyTorch's default init U(−1/√6, 1/√6), not 20.
    for (const row of [10, 11]) {
      const v = await explorer.cellValue('bias_hh', row);
      expect(Math.abs(v)).toBeLessThanOrEqual(1 / Math.sqrt(6));
    }
    // weight_hh z unit 1 (row 5 → row 7) keeps its h[3] column.
    await explorer.expectCellValue('weight_hh', 7, 3, 1.5);
    const z = await explorer.values('z (update gate)');
    expect(z).toHaveLength(6);
    expect(z.slice(0, 4)).toEqual([1, 1, 1, 1]);
  });

  test('invalid sizes show an inline alert and keep the state', async ({ explorer }) => {
    const before = await explorer.output('h′ (output)').getAttribute('data-values');
    const alert = explorer.sizes.getByRole('alert');
    const cases: [string, string, string, RegExp][] = [
      ['3', '0', '1', /hidden size H must be between 1 and 1024, got 0/],
      ['3', '2000', '1', /hidden size H must be between 1 and 1024, got 2000/],
      ['3', 'abc', '1', /hidden size H: "abc" is not a number/],
      ['0', '4', '1', /input size I must be between 1 and 1024, got 0/],
      ['3', '4', '2.5', /batch must be a whole number, got 2.5/],
    ];
    for (const [I, H, batch, message] of cases) {
      await explorer.submitSizes(I, H, batch);
      await expect(alert).toHaveText(message);
      await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', before!);
      await expect(explorer.canvases('weight_hh').first()).toHaveAttribute('data-rows', '4');
      await expect(explorer.canvases('weight_ih').first()).toHaveAttribute('data-cols', '3');
      await expect(explorer.canvases('x')).toHaveAttribute('data-rows', '1');
    }
    // Nothing to undo: a refused size made no history step.
    await expect(explorer.toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();
    // A valid size clears the alert.
    await explorer.resize(3, 5, 1);
    await expect(alert).toHaveCount(0);
  });

  test('H = 256 works: 256-wide outputs and heatmaps', async ({ explorer }) => {
    await explorer.resize(3, 256, 1);
    const h = await explorer.values('h′ (output)');
    expect(h).toHaveLength(256);
    expect(h.every(Number.isFinite)).toBe(true);
    await expect.poll(async () => (await explorer.values('z (update gate)')).length).toBe(256);
    await expect(explorer.canvases('weight_hh').nth(2)).toHaveAttribute('data-row-start', '512');
    await expect(explorer.canvases('weight_hh').nth(2)).toHaveAttribute('data-cols', '256');
    await expect(explorer.page.getByRole('img', { name: 'h′ (output) as colours' })).toBeVisible();
    // The last unit's bias is reachable by the pointer and described correctly.
    await explorer.hover('bias_hh', 767);
    await expect(explorer.hoverText).toContainText('bias_hh[767]');
    await expect(explorer.hoverText).toContainText('unit 255');
  });
});

test.describe('keyboard', () => {
  test('tool shortcuts B/F/R/C/I/V press the matching tool button, but not while typing', async ({ explorer, page }) => {
    const tools = Object.keys(TOOL_KEYS) as ToolName[];
    await expect(explorer.toolButton('Brush')).toHaveAttribute('aria-pressed', 'true');
    for (const tool of [...tools.slice(1), tools[0]]) {
      await page.keyboard.press(TOOL_KEYS[tool].toLowerCase());
      await expect(explorer.toolButton(tool)).toHaveAttribute('aria-pressed', 'true');
      for (const other of tools.filter((t) => t !== tool))
        await expect(explorer.toolButton(other)).toHaveAttribute('aria-pressed', 'false');
    }
    // Typing letters into a field does not switch tools.
    await explorer.brushValue.fill('');
    await explorer.brushValue.pressSequentially('fr');
    await expect(explorer.toolButton('Brush')).toHaveAttribute('aria-pressed', 'true');
  });

  test('arrow keys move the selection on a focused canvas, across band edges, and Enter applies the tool', async ({ explorer, page }) => {
    await explorer.zeroAll();
    await page.mouse.move(0, 0);
    const zBand = (await explorer.band('weight_hh', 4)).canvas;
    await zBand.focus();
    await page.keyboard.press('ArrowRight');
    await expect(explorer.hoverText).toContainText('weight_hh[4, 1] = 0 (selected)');
    await page.keyboard.press('ArrowDown');
    await expect(explorer.hoverText).toContainText('weight_hh[5, 1] = 0 (selected)');
    await expect(explorer.hoverText).toContainText('W_hz[1, 1]');

    await explorer.setBrushValue(3);
    await zBand.focus();
    await page.keyboard.press('Enter');
    await expect(explorer.hoverText).toContainText('weight_hh[5, 1] = 3 (selected)');
    await explorer.expectCellValue('weight_hh', 5, 1, 3);
    await page.mouse.move(0, 0);

    // Down past row 7 (the z band's last) hands focus to the n band's canvas.
    await zBand.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect(explorer.hoverText).toContainText('weight_hh[8, 1] = 0 (selected)');
    await expect((await explorer.band('weight_hh', 8)).canvas).toBeFocused();
    // The shortcut letters still work on a focused canvas: R then Enter fills row 8.
    await page.keyboard.press('r');
    await expect(explorer.toolButton('Fill row')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
    await expect(explorer.hoverText).toContainText('weight_hh[8, 1] = 3 (selected)');
    await explorer.expectCellValue('weight_hh', 8, 3, 3);
    await explorer.expectCellValue('weight_hh', 9, 3, 0);
  });
});

test.describe('cell details', () => {
  test('hovering a weight_hh cell names tensor, index, gate, unit, source and term', async ({ explorer }) => {
    await explorer.hover('weight_hh', 5, 2);
    const text = explorer.hoverText;
    await expect(text).toContainText(/weight_hh\[5, 2\] = -?\d/);
    await expect(text).toContainText('gate z update');
    await expect(text).toContainText('unit 1');
    await expect(text).toContainText('source h[2]');
    await expect(text).toContainText('W_hz[1, 2]: weight from h[2] into the update gate of unit 1');

    await explorer.hover('bias_hh', 9);
    await expect(text).toContainText('bias_hh[9] = ');
    await expect(text).toContainText('gate n new');
    await expect(text).toContainText('b_hn[1]: recurrent bias of the new gate of unit 1, inside r ⊙ (W_hn h + b_hn), so r scales it');

    await explorer.hover('weight_ih', 11, 2);
    await expect(text).toContainText('W_in[3, 2]: weight from x[2] into the new gate of unit 3');

    await explorer.hover('x', 0, 2);
    await expect(text).toContainText('x[0, 2] = -1');
    await explorer.hover('h', 0, 3);
    await expect(text).toContainText('h[0, 3] = 0');
    await expect(text).toContainText('is kept in h′[3] by z');
  });
});

test.describe('bad typed values', () => {
  const BAD: [string, string][] = [
    ['abc', '"abc" is not a number'],
    ['NaN', '"NaN" is not a number'],
    ['1e39', '1e39 is outside the float32 range'],
  ];

  test('Brush value refuses "abc", "NaN" and "1e39" with an inline alert and keeps painting its old value', async ({ explorer }) => {
    const before = await explorer.output('h′ (output)').getAttribute('data-values');
    const alert = explorer.toolbar.getByRole('alert');
    for (const [bad, message] of BAD) {
      await explorer.brushValue.fill(bad);
      await explorer.brushValue.press('Enter');
      await expect(alert).toContainText(`brush value: ${message}`);
      await expect(explorer.brushValue).toHaveAttribute('aria-invalid', 'true');
      await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', before!);
    }
    await expect(explorer.toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();
    // The brush still holds its previous value, 1.
    await explorer.paint('bias_ih', 0);
    await explorer.expectCellValue('bias_ih', 0, 0, 1);
    // A good value clears the alert.
    await explorer.setBrushValue(-0.5);
    await expect(alert).toHaveCount(0);
    await explorer.paint('bias_ih', 1);
    await explorer.expectCellValue('bias_ih', 1, 0, -0.5);
  });

  test('Exact value refuses "abc", "NaN" and "1e39" with an inline alert; the cell and h′ are unchanged', async ({ explorer }) => {
    const before = await explorer.output('h′ (output)').getAttribute('data-values');
    const cell = await explorer.cellValue('weight_ih', 4, 2);
    const alert = explorer.details.getByRole('alert');
    await explorer.setTool('Select');
    await explorer.paint('weight_ih', 4, 2);
    await expect(explorer.exactValue).toHaveValue(String(cell));
    for (const [bad, message] of BAD) {
      await explorer.exactValue.fill(bad);
      await explorer.details.getByRole('button', { name: 'Set', exact: true }).click();
      await expect(alert).toContainText(`cell value: ${message}`);
      await expect(explorer.exactValue).toHaveAttribute('aria-invalid', 'true');
      await explorer.expectCellValue('weight_ih', 4, 2, cell);
      await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', before!);
    }
    await expect(explorer.toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();
    // A good value goes through (Enter submits) and clears the alert: W_iz[0, 2]·x[2] changes z0.
    await explorer.exactValue.fill('0.125');
    await explorer.exactValue.press('Enter');
    await expect(alert).toHaveCount(0);
    await explorer.expectCellValue('weight_ih', 4, 2, 0.125);
    await expect(explorer.output('h′ (output)')).not.toHaveAttribute('data-values', before!);
  });
});

test.describe('initialize', () => {
  test('Constant 0.5 on weight_hh gate z changes only those rows and is undoable', async ({ explorer }) => {
    const probes = [
      ['weight_hh', 3, 0],
      ['weight_hh', 8, 0],
      ['weight_hh', 11, 3],
      ['weight_ih', 5, 0],
      ['bias_hh', 5, 0],
    ] as const;
    const before = new Map<string, number>();
    for (const [grid, row, col] of probes) before.set(`${grid}${row},${col}`, await explorer.cellValue(grid, row, col));
    const zBand = [
      [4, 0],
      [5, 2],
      [7, 3],
    ] as const;
    const zBefore: number[] = [];
    for (const [row, col] of zBand) zBefore.push(await explorer.cellValue('weight_hh', row, col));
    const hBefore = await explorer.output('h′ (output)').getAttribute('data-values');

    // A bad parameter is refused inline and changes nothing.
    await explorer.initialize({ tensor: 'weight_hh', gate: 'z — update', kind: 'Constant', params: { value: 'abc' } });
    await expect(explorer.initForm.getByRole('alert')).toHaveText('value: "abc" is not a number');
    await explorer.expectCellValue('weight_hh', 5, 2, zBefore[1]);
    await expect(explorer.toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();

    await explorer.initialize({ tensor: 'weight_hh', gate: 'z — update', kind: 'Constant', params: { value: '0.5' } });
    await expect(explorer.initForm.getByRole('alert')).toHaveCount(0);
    for (const [row, col] of zBand) await explorer.expectCellValue('weight_hh', row, col, 0.5);
    for (const [grid, row, col] of probes) await explorer.expectCellValue(grid, row, col, before.get(`${grid}${row},${col}`)!);
    // h = 0, so weight_hh does not change h′ here.
    await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', hBefore!);

    await explorer.toolbar.getByRole('button', { name: 'Undo' }).click();
    for (const [i, [row, col]] of zBand.entries()) await explorer.expectCellValue('weight_hh', row, col, zBefore[i]);
    await expect(explorer.toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();
  });
});

test('pre-activations appear when their section is opened, with a_n = W_in x + b_in + r ⊙ (W_hn h + b_hn)', async ({ explorer }) => {
  const page = explorer.page;
  await explorer.zeroAll();
  await explorer.setExact('bias_ih', 1, 0, 0.5); // b_ir of unit 1
  await explorer.setExact('bias_hh', 9, 0, 2); // b_hn of unit 1
  const group = (g: string) => page.getByRole('group', { name: `${g} pre-activation` });
  await expect(group('r')).toHaveCount(0); // not computed while closed
  await page.getByText('pre-activations (the arguments of σ and tanh)').click();
  const values = async (g: string) => ((await group(g).getAttribute('data-values')) ?? '').split(' ').map(Number);
  await expect.poll(() => values('r')).toEqual([0, 0.5, 0, 0]);
  const r1 = sigmoid(0.5);
  expect((await values('n')).map((v) => Number(v.toFixed(6)))).toEqual([0, Number((r1 * 2).toFixed(6)), 0, 0]);
});
