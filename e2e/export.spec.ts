// Checkpoint export in the page: each download, dropped back into the Import panel after the weights were
// zeroed, brings back exactly the weights and the h′ it was made from.
import { expect, test, type ExplorerPage, type GridName } from './fixtures';

const FORMATS = [
  { button: '.safetensors', names: 'nn.GRUCell (weight_ih …)', file: 'gru_cell.safetensors' },
  { button: '.safetensors', names: 'nn.GRU layer 0 (weight_ih_l0 …)', file: 'gru_l0.safetensors' },
  { button: 'state_dict JSON', names: 'nn.GRUCell (weight_ih …)', file: 'gru_cell.state_dict.json' },
  { button: 'state_dict JSON', names: 'nn.GRU layer 0 (weight_ih_l0 …)', file: 'gru_l0.state_dict.json' },
  { button: 'Keras set_weights JSON', names: null, file: 'gru.keras_weights.json' },
  { button: 'ONNX model', names: null, file: 'gru.onnx' },
];

/** One cell in each tensor and gate band, plus the painted one. */
const CELLS: [GridName, number, number][] = [
  ['weight_ih', 0, 0],
  ['weight_ih', 6, 2],
  ['weight_hh', 5, 2],
  ['weight_hh', 11, 3],
  ['bias_ih', 3, 0],
  ['bias_hh', 9, 0],
];

async function snapshot(explorer: ExplorerPage) {
  const cells: number[] = [];
  for (const [grid, row, col] of CELLS) cells.push(await explorer.cellValue(grid, row, col));
  return { h: await explorer.output('h′ (output)').getAttribute('data-values'), cells };
}

for (const { button, names, file } of FORMATS) {
  test(`${button}${names ? ` with ${names.replace(/ \(.*/, '')} names` : ''} downloads and reads back exactly`, async ({ explorer }, testInfo) => {
    const page = explorer.page;
    await explorer.initialize({ kind: 'Normal N(μ, σ)', params: { mean: '0', std: '1.5' }, seed: '31' });
    await explorer.setExact('weight_hh', 5, 2, '0.1');
    // The details panel shows float32 values to 9 significant digits.
    await explorer.expectCellValue('weight_hh', 5, 2, String(Number(Math.fround(0.1).toPrecision(9))));
    const before = await snapshot(explorer);
    expect(before.h).toBeTruthy();
    expect(new Set(before.cells).size, 'non-trivial weights').toBe(CELLS.length);

    const panel = page.getByRole('region', { name: 'Export checkpoint' });
    if (names) await panel.getByLabel('PyTorch names').selectOption({ label: names });
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: button, exact: true }).click()]);
    expect(download.suggestedFilename()).toBe(file);
    const saved = testInfo.outputPath(file);
    await download.saveAs(saved);

    await explorer.zeroAll();
    await expect(explorer.output('h′ (output)')).not.toHaveAttribute('data-values', before.h!);

    await page.getByLabel('Checkpoint file').setInputFiles(saved);
    await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', before.h!);
    expect(await snapshot(explorer)).toEqual(before);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}
