// Real checkpoints into the page: files made by PyTorch (scripts/make_checkpoints.py).
import { readFileSync } from 'node:fs';
import { encodeNpz } from '../src';
import { expect, test } from './fixtures';

const expected = JSON.parse(readFileSync('src/formats/fixtures/expected.json', 'utf8')) as {
  files: Record<string, { tensors: { name: string; values: number[] }[] }>;
};
const tensor = (file: string, name: string) => expected.files[file].tensors.find((t) => t.name === name)!.values;
/** The details panel shows float32 values to 9 significant digits. */
const shown = (v: number) => String(Number(Math.fround(v).toPrecision(9)));

for (const file of ['gru_cell.pt', 'gru_cell.safetensors']) {
  test(`importing ${file} shows its tensors and the h′ they give`, async ({ explorer }) => {
    const page = explorer.page;
    await page.getByLabel('Checkpoint file').setInputFiles(`src/formats/fixtures/${file}`);
    await expect(page.getByText(/^Loaded /)).toBeVisible();
    // Tensors exactly as PyTorch saved them.
    await explorer.expectCellValue('weight_hh', 5, 2, shown(tensor(file, 'weight_hh')[5 * 4 + 2]));
    await explorer.expectCellValue('bias_hh', 9, 0, shown(tensor(file, 'bias_hh')[9]));
    // h′ from the equations with x = [1, 0, −1], h = 0 (the default inputs are kept).
    const W = tensor(file, 'weight_ih');
    const bi = tensor(file, 'bias_ih');
    const bh = tensor(file, 'bias_hh');
    const sig = (a: number) => 1 / (1 + Math.exp(-a));
    const want = [0, 1, 2, 3].map((j) => {
      const gi = (row: number) => W[row * 3] - W[row * 3 + 2] + bi[row];
      const r = sig(gi(j) + bh[j]);
      const z = sig(gi(4 + j) + bh[4 + j]);
      const n = Math.tanh(gi(8 + j) + r * bh[8 + j]);
      return (1 - z) * n;
    });
    const got = await explorer.values('h′ (output)');
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });
}

test('a hostile or broken file changes nothing and says why', async ({ explorer }) => {
  const page = explorer.page;
  const before = await explorer.values('h′ (output)');
  await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/whole_model.pt');
  await expect(page.getByRole('alert')).toContainText('Nothing was changed');
  await page.getByLabel('Checkpoint file').setInputFiles({
    name: 'broken.pt',
    mimeType: 'application/octet-stream',
    buffer: readFileSync('src/formats/fixtures/gru_cell.pt').subarray(0, 400),
  });
  await expect(page.getByRole('alert')).toContainText('broken.pt');
  expect(await explorer.values('h′ (output)')).toEqual(before);
});

test('a checkpoint dropped onto the page is imported like a picked one', async ({ explorer }) => {
  const page = explorer.page;
  const bytes = [...readFileSync('src/formats/fixtures/gru_cell.safetensors')];
  // A real drop event carrying the file, on the heatmaps (the page accepts drops anywhere).
  const target = page.getByRole('region', { name: 'Weights' });
  const dataTransfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'gru_cell.safetensors', { type: 'application/octet-stream' }));
    return dt;
  }, bytes);
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText(/^Loaded /)).toBeVisible();
  const file = 'gru_cell.safetensors';
  await explorer.expectCellValue('weight_ih', 7, 1, shown(tensor(file, 'weight_ih')[7 * 3 + 1]));
  await explorer.expectCellValue('bias_ih', 2, 0, shown(tensor(file, 'bias_ih')[2]));
});

test('a two-layer bidirectional nn.GRU: pick layer 1 reverse and its tensors are shown', async ({ explorer }) => {
  const page = explorer.page;
  const file = 'gru_2layer_bidir.pt';
  await page.getByLabel('Checkpoint file').setInputFiles(`src/formats/fixtures/${file}`);
  const pick = page.getByLabel('GRU in file');
  await expect(pick.locator('option')).toHaveCount(4);
  await pick.selectOption({ label: '(nn.GRU) layer 1 reverse — I = 8, H = 4' });
  await page.getByRole('button', { name: 'Use this GRU' }).click();
  await expect(page.getByText(/^Loaded /)).toHaveText('Loaded (nn.GRU) layer 1 reverse from gru_2layer_bidir.pt: I = 8, H = 4.');
  // Layer 1 reads both directions of layer 0: input size 2·H = 8.
  await expect(explorer.canvases('weight_ih').first()).toHaveAttribute('data-cols', '8');
  await explorer.expectCellValue('weight_ih', 10, 7, shown(tensor(file, 'weight_ih_l1_reverse')[10 * 8 + 7]));
  await explorer.expectCellValue('weight_hh', 3, 1, shown(tensor(file, 'weight_hh_l1_reverse')[3 * 4 + 1]));
});

test('a GRU beyond the explorer (H = 2048) is refused with the limit named, and the weights on screen stay', async ({ explorer }) => {
  const page = explorer.page;
  await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/gru_cell.pt');
  await expect(page.getByText(/^Loaded /)).toHaveText('Loaded nn.GRUCell from gru_cell.pt: I = 3, H = 4.');
  const before = await explorer.values('h′ (output)');
  // nn.GRUCell(2, 2048) of zeros, compressed like numpy.savez_compressed: a small file that inflates to 50 MB.
  const H = 2048;
  const cell = [
    { name: 'weight_ih', shape: [3 * H, 2], data: new Float32Array(3 * H * 2) },
    { name: 'weight_hh', shape: [3 * H, H], data: new Float32Array(3 * H * H) },
    { name: 'bias_ih', shape: [3 * H], data: new Float32Array(3 * H) },
    { name: 'bias_hh', shape: [3 * H], data: new Float32Array(3 * H) },
  ];
  const buffer = Buffer.from(encodeNpz(cell, { compress: true }));
  await page.getByLabel('Checkpoint file').setInputFiles({ name: 'gru_2048.npz', mimeType: 'application/octet-stream', buffer });
  const alert = page.getByRole('alert');
  // Inflating and checking 50 MB takes seconds on a busy 2-core machine: wait for the parser's answer.
  await expect(alert).toContainText(
    'gru_2048.npz was not imported. The GRU in this file is larger than the explorer holds (I and H up to 1024)',
    { timeout: 60_000 },
  );
  await expect(alert).toContainText('Nothing was changed.');
  await expect(alert.locator('details')).toContainText('nn.GRUCell has I = 2, H = 2048; the explorer works with I ≤ 1024 and H ≤ 1024');
  // The panel is idle again (no bar, no Cancel) and still names the weights on screen, which are unchanged.
  await expect(page.getByLabel('Import progress')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(page.getByText(/^Loaded /)).toHaveText('Loaded nn.GRUCell from gru_cell.pt: I = 3, H = 4.');
  await expect(explorer.canvases('weight_hh').first()).toHaveAttribute('data-cols', '4');
  expect(await explorer.values('h′ (output)')).toEqual(before);
});

test('a refused file says what happened and what to do first, details folded, and clears the earlier picker', async ({
  explorer,
}, testInfo) => {
  const page = explorer.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/gru_2layer_bidir.pt');
  await expect(page.getByLabel('GRU in file').locator('option')).toHaveCount(4);
  const before = await explorer.values('h′ (output)');

  await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/whole_model.pt');
  const alert = page.getByRole('region', { name: 'Import checkpoint' }).getByRole('alert');
  await expect(alert.locator('p').first()).toHaveText(
    /^whole_model\.pt was not imported\. This file holds a whole pickled model, not a state_dict: save model\.state_dict\(\) instead \(torch\.save\(model\.state_dict\(\), path\)\)\. Nothing was changed\.$/,
  );
  await expect(alert.locator('code').first()).toHaveText('model.state_dict()');
  // The reader's internals are there, folded, after the advice.
  const internals = alert.getByText(/pickle opcode 0x63 \(GLOBAL\)/);
  await expect(internals).toBeHidden();
  await alert.getByText('Technical details').click();
  await expect(internals).toBeVisible();
  await expect(alert).toBeInViewport();
  await alert.screenshot({ path: testInfo.outputPath('import-refused.png') });
  // The earlier file's layer picker is gone; the weights are as they were.
  await expect(page.getByLabel('GRU in file')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Use this GRU' })).toHaveCount(0);
  expect(await explorer.values('h′ (output)')).toEqual(before);

  // A good file afterwards replaces the message.
  await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/gru_cell.safetensors');
  await expect(page.getByText(/^Loaded /)).toBeVisible();
  await expect(alert).toHaveCount(0);
});
