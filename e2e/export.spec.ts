// Checkpoint export in the page: each download, dropped back into the Import panel after the weights were
// zeroed, brings back exactly the weights and the h′ it was made from.
import { spawnSync } from 'node:child_process';
import { expect, test, type ExplorerPage, type GridName } from './fixtures';

const FORMATS = [
  { button: '.pt (torch.save)', names: 'nn.GRUCell (weight_ih …)', file: 'gru_cell.pt' },
  { button: '.pt (torch.save)', names: 'nn.GRU layer 0 (weight_ih_l0 …)', file: 'gru_l0.pt' },
  { button: '.npz', names: 'nn.GRUCell (weight_ih …)', file: 'gru_cell.npz' },
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

// One page for all nine formats: each download is read back over zeroed weights, which brings the page back to
// exactly the state the next format starts from (asserted), so the state is set up once.
test('every export format downloads and reads back exactly', async ({ explorer }, testInfo) => {
  test.slow(); // nine downloads and imports
  const page = explorer.page;
  await explorer.initialize({ kind: 'Normal N(μ, σ)', params: { mean: '0', std: '1.5' }, seed: '31' });
  await explorer.setExact('weight_hh', 5, 2, '0.1');
  // The details panel shows float32 values to 9 significant digits.
  await explorer.expectCellValue('weight_hh', 5, 2, String(Number(Math.fround(0.1).toPrecision(9))));
  const before = await snapshot(explorer);
  expect(before.h).toBeTruthy();
  expect(new Set(before.cells).size, 'non-trivial weights').toBe(CELLS.length);
  const panel = page.getByRole('region', { name: 'Export checkpoint' });

  for (const { button, names, file } of FORMATS) {
    await test.step(`${button}${names ? ` with ${names.replace(/ \(.*/, '')} names` : ''}`, async () => {
      if (names) await panel.getByLabel('PyTorch names').selectOption({ label: names });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('button', { name: button, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(file);
      const saved = testInfo.outputPath(file);
      await download.saveAs(saved);

      await explorer.zeroAll();
      await expect(explorer.output('h′ (output)')).not.toHaveAttribute('data-values', before.h!);

      await page.getByLabel('Checkpoint file').setInputFiles(saved);
      await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', before.h!);
      expect(await snapshot(explorer), `${file} read back`).toEqual(before);
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  }
});

// Real PyTorch (/usr/bin/python3 with python3-torch; TORCH_PYTHON overrides): skipped with a notice only off CI.
const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
const torchFound = spawnSync(PYTHON, ['-c', 'import torch'], { timeout: 60_000 }).status === 0;

test("the .pt download loads with torch.load(weights_only=True) into nn.GRUCell and gives the page's h′", async ({
  explorer,
}, testInfo) => {
  test.skip(!torchFound && !process.env.CI, `needs ${PYTHON} with torch (apt-get install python3-torch)`);
  test.slow(); // a run of real PyTorch
  const page = explorer.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await explorer.initialize({ kind: 'Normal N(μ, σ)', params: { mean: '0', std: '1' }, seed: '8' });
  await explorer.apply('Fill row', 0.5, 'h', 0);
  const hNext = await explorer.values('h′ (output)');
  const panel = page.getByRole('region', { name: 'Export checkpoint' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: '.pt (torch.save)', exact: true }).click(),
  ]);
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  // The page's inputs: x = [1, 0, −1] (the default), h = 0.5 everywhere.
  const script = [
    'import json, torch',
    `state = torch.load(${JSON.stringify(saved)}, weights_only=True)`,
    'cell = torch.nn.GRUCell(3, 4)',
    'cell.load_state_dict(state)',
    'with torch.no_grad():',
    '    h_next = cell(torch.tensor([[1.0, 0.0, -1.0]]), torch.full((1, 4), 0.5))',
    "print('H_NEXT=' + json.dumps(h_next.flatten().tolist()))",
  ].join('\n');
  const run = spawnSync(PYTHON, ['-'], { input: script, encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  const line = run.stdout.split('\n').find((l) => l.startsWith('H_NEXT='))!;
  const fromTorch = JSON.parse(line.slice(7)) as number[];
  expect(fromTorch).toHaveLength(4);
  fromTorch.forEach((v, i) => expect(Math.abs(v - hNext[i])).toBeLessThanOrEqual(1e-6));
});
