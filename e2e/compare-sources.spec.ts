// A from elsewhere than the cell on screen: a checkpoint file (through the Import panel's pipeline) or a pasted
// GRU Explorer link. B stays exactly as it was: same h′, same undo history.
import { readFileSync } from 'node:fs';
import { compareCells, decodeState, getGrid, TENSORS, type GruModel } from '../src';
import { expect, test, type ExplorerPage } from './fixtures';

const expected = JSON.parse(readFileSync('src/formats/fixtures/expected.json', 'utf8')) as {
  files: Record<string, { tensors: { name: string; values: number[] }[] }>;
};
const fromFile = (name: string) => Float32Array.from(expected.files['gru_cell.pt'].tensors.find((t) => t.name === name)!.values);

/** B as the page's own link carries it, once the address shows weight_hh[index] = value. */
async function linkedB(explorer: ExplorerPage, index: number, value: number): Promise<GruModel> {
  let model: GruModel | null = null;
  await expect
    .poll(() => {
      const text = new URLSearchParams(explorer.page.url().split('#')[1] ?? '').get('s');
      const result = text ? decodeState(text) : null;
      model = result?.ok && getGrid(result.state.model, 'weight_hh')[index] === Math.fround(value) ? result.state.model : null;
      return model !== null;
    })
    .toBe(true);
  return model!;
}

const GATES = ['r', 'z', 'n'] as const;

test('A from a checkpoint file: B keeps its values and its undo history; the panel names the file; a refused file keeps A', async ({
  explorer,
}) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Compare A and B' });
  const undo = explorer.toolbar.getByRole('button', { name: 'Undo' });
  await explorer.apply('Brush', 0.75, 'weight_hh', 5, 2);
  const b = await linkedB(explorer, 5 * 4 + 2, 0.75);
  const hBefore = await explorer.output('h′ (output)').getAttribute('data-values');
  await expect(undo).toBeEnabled();

  await panel.getByLabel('A from a file').setInputFiles('src/formats/fixtures/gru_cell.pt');
  await expect(panel.getByRole('heading', { name: /Compare/ })).toContainText('A from gru_cell.pt');
  await expect(page.getByRole('region', { name: 'Import checkpoint' })).toContainText(
    'Loaded nn.GRUCell from gru_cell.pt as A to compare: I = 3, H = 4.',
  );

  // B untouched: the same h′, and its one undo step (the stroke) is still the only one.
  await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', hBefore!);
  await expect(undo).toBeEnabled();

  // The comparison is the one of these two cells: the cause the core finds, and per band the count of cells that
  // are not equal, counted here from PyTorch's values (A) and the page's link (B).
  const a = {
    ...b.weights,
    weightIh: fromFile('weight_ih'),
    weightHh: fromFile('weight_hh'),
    biasIh: fromFile('bias_ih'),
    biasHh: fromFile('bias_hh'),
  };
  const cause = compareCells(a, b.weights, false)!.cause;
  await expect(panel.locator('.compare-cause')).toHaveAttribute('data-cause', cause.kind);
  await expect(panel.locator('.compare-cause strong')).toHaveText(cause.text);
  const aModel: GruModel = { ...b, weights: a };
  for (const t of TENSORS) {
    const [av, bv] = [getGrid(aModel, t), getGrid(b, t)];
    const band = av.length / 3; // r, z, n row blocks of H rows each
    for (const [g, gate] of GATES.entries()) {
      let notEqual = 0;
      for (let i = g * band; i < (g + 1) * band; i++) if (av[i] !== bv[i]) notEqual++;
      const cells = panel.locator(`tr[data-band="${t}:${gate}"] td`);
      const [tiny, differ] = [Number(await cells.nth(3).textContent()), Number(await cells.nth(4).textContent())];
      expect(tiny + differ, `${t} ${gate}`).toBe(notEqual);
    }
  }
  const cause0 = await panel.locator('.compare-cause').textContent();

  // Undo moves B only: back to before the stroke, with no step left (loading A made none).
  await undo.click();
  await expect(undo).toBeDisabled();
  await expect(panel.getByRole('heading', { name: /Compare/ })).toContainText('A from gru_cell.pt');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', hBefore!);

  // A refused file: the Import panel says why, as for B; A and B stay.
  await panel.getByLabel('A from a file').setInputFiles({
    name: 'broken.pt',
    mimeType: 'application/octet-stream',
    buffer: readFileSync('src/formats/fixtures/gru_cell.pt').subarray(0, 400),
  });
  await expect(page.getByRole('region', { name: 'Import checkpoint' }).getByRole('alert')).toContainText('broken.pt was not imported.');
  await expect(panel.getByRole('heading', { name: /Compare/ })).toContainText('A from gru_cell.pt');
  await expect(panel.locator('.compare-cause')).toHaveText(cause0!);
  await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', hBefore!);

  // A from a file is pinned like any A: a visit without a link brings it back.
  await page.goto('/');
  await explorer.waitForState();
  await expect(panel.getByRole('heading', { name: /Compare/ })).toContainText('A from gru_cell.pt');
  await expect(panel.locator('.compare-cause')).toHaveText(cause0!);
  expect(explorer.errors).toEqual([]);
});

test('A from a file with several GRUs: the layer picker loads the chosen one as A, named by file and layer; B stays', async ({
  explorer,
}) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Compare A and B' });
  const hBefore = await explorer.output('h′ (output)').getAttribute('data-values');
  await panel.getByLabel('A from a file').setInputFiles('src/formats/fixtures/gru_2layer_bidir.pt');
  const pick = page.getByLabel('GRU in file');
  await expect(pick.locator('option')).toHaveCount(4);
  await pick.selectOption({ label: '(nn.GRU) layer 1 reverse — I = 8, H = 4' });
  await page.getByRole('button', { name: 'Use this GRU as A' }).click();
  await expect(panel.getByRole('heading', { name: /Compare/ })).toContainText('A from gru_2layer_bidir.pt, layer 1 reverse');
  await expect(panel.locator('.compare-shape')).toContainText('A is I = 8, H = 4; B is I = 3, H = 4.');
  await expect(explorer.canvases('weight_ih').first()).toHaveAttribute('data-cols', '3');
  await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', hBefore!);
  await expect(explorer.toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();
  expect(explorer.errors).toEqual([]);
});

test('A from a pasted link: the Δ view shows exactly the repainted cell; a malformed link is refused inline and A is kept', async ({
  explorer,
}) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Compare A and B' });
  const linkField = panel.getByLabel('Link for A');
  const useLink = panel.getByRole('button', { name: 'Use as A' });

  await explorer.apply('Brush', 0.75, 'weight_hh', 5, 2);
  await linkedB(explorer, 5 * 4 + 2, 0.75);
  const link = page.url();
  await explorer.apply('Brush', -2, 'weight_hh', 5, 2);
  await linkedB(explorer, 5 * 4 + 2, -2);
  const hB = await explorer.output('h′ (output)').getAttribute('data-values');

  await linkField.fill(link);
  await useLink.click();
  await expect(panel.getByRole('heading', { name: /Compare/ })).toContainText('A from a pasted link');
  await expect(linkField).toHaveValue('');
  await expect(panel.locator('.compare-cause')).toHaveText('B differs from A only in weight_hh z (update)');
  const rows = panel.getByRole('table', { name: 'Cells that differ' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('th')).toHaveText('weight_hh[5, 2]');
  await expect(rows.locator('td[data-delta]')).toHaveAttribute('data-delta', String(Math.fround(Math.fround(-2) - Math.fround(0.75))));
  await expect(panel.locator('tr[data-band="weight_hh:z"] td').nth(4)).toHaveText('1');

  // In the Δ view of weight_hh's z band only that cell (z unit 1, column 2) has a colour.
  const colours = await panel.locator('canvas[data-compare="weight_hh:z"]').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const out: string[] = [];
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        const p = ctx.getImageData(Math.floor(((c + 0.5) / 4) * canvas.width), Math.floor(((r + 0.5) / 4) * canvas.height), 1, 1).data;
        out.push(`${p[0]},${p[1]},${p[2]}`);
      }
    }
    return out;
  });
  const equal = '236,236,236';
  expect(colours.filter((c) => c !== equal)).toHaveLength(1);
  expect(colours[1 * 4 + 2]).not.toBe(equal);

  // Refused links: said inline, as text; A, B and the comparison stay.
  const cases: [string, string | RegExp][] = [
    ['hello, not a link', /^This is not a GRU Explorer link: it has no s= part\. .* A was kept\.$/],
    [
      `${link.split('#')[0]}#s=<img src=x onerror="document.title='owned'">`,
      /^This link could not be read: .+ not base64url.* A was kept\.$/,
    ],
    [`${link.split('#')[0]}#s=AAAA${'_'.repeat(40)}`, /^This link could not be read: (?!.*base64url).+ A was kept\.$/],
  ];
  for (const [text, message] of cases) {
    await linkField.fill(text);
    await useLink.click();
    await expect(panel.getByRole('alert')).toHaveText(message);
    await expect(linkField).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByRole('heading', { name: /Compare/ })).toContainText('A from a pasted link');
    await expect(rows).toHaveCount(1);
  }
  await expect(panel.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('owned');
  await expect(explorer.output('h′ (output)')).toHaveAttribute('data-values', hB!);
  expect(explorer.errors).toEqual([]);
});
