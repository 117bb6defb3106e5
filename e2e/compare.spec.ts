// Compare A and B in the page: pin, edit, and see exactly the edited cells in B − A; a checkpoint against its
// own Keras export is "identical"; an r/z swap is named and undone with one click.
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeState, getGrid } from '../src';
import { expect, test } from './fixtures';

test('pin A, paint two cells: B − A lists exactly those cells with their values, draws only them, and names the band', async ({
  explorer,
}) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Compare A and B' });
  const before = [await explorer.cellValue('weight_hh', 5, 2), await explorer.cellValue('weight_hh', 6, 1)];
  await panel.getByRole('button', { name: 'Pin as A' }).click();
  await expect(panel.locator('.compare-cause')).toHaveAttribute('data-cause', 'identical');

  await explorer.apply('Brush', 0.75, 'weight_hh', 5, 2);
  await explorer.apply('Brush', -2, 'weight_hh', 6, 1);
  await expect(panel.locator('.compare-cause')).toHaveText('B differs from A only in weight_hh z (update)');

  const rows = panel.getByRole('table', { name: 'Cells that differ' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('th')).toHaveText('weight_hh[5, 2]');
  await expect(rows.nth(1).locator('th')).toHaveText('weight_hh[6, 1]');
  const deltas = await rows.locator('td[data-delta]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-delta'))));
  expect(deltas[0]).toBe(Math.fround(Math.fround(0.75) - Math.fround(before[0])));
  expect(deltas[1]).toBe(Math.fround(Math.fround(-2) - Math.fround(before[1])));

  const z = panel.locator('tr[data-band="weight_hh:z"]');
  await expect(z.locator('td').nth(2)).toHaveText('14'); // equal
  await expect(z.locator('td').nth(4)).toHaveText('2'); // differ
  await expect(panel.locator('tr[data-band="weight_hh:r"] td').nth(4)).toHaveText('0');

  // In the Δ view of weight_hh's z band only the two painted cells have a colour; every other cell is "equal" grey.
  const colours = await panel.locator('canvas[data-compare="weight_hh:z"]').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const H = 4;
    const out: string[] = [];
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < H; c++) {
        const p = ctx.getImageData(Math.floor(((c + 0.5) / H) * canvas.width), Math.floor(((r + 0.5) / H) * canvas.height), 1, 1).data;
        out.push(`${p[0]},${p[1]},${p[2]}`);
      }
    }
    return out;
  });
  const equal = '236,236,236';
  expect(colours.filter((c) => c !== equal)).toHaveLength(2);
  expect(colours[1 * 4 + 2]).not.toBe(equal); // row 5 = z unit 1, column 2
  expect(colours[2 * 4 + 1]).not.toBe(equal); // row 6 = z unit 2, column 1

  // The sequence panel draws A's hₜ under B's, on the same inputs: equal at t = 0 (same h₀), apart once h ≠ 0.
  const sequence = page.getByRole('region', { name: 'Sequence' });
  const hA = sequence.locator('[data-series="hA"]');
  await expect(hA).toHaveCount(1);
  const [aValues, bValues] = await Promise.all([
    hA.getAttribute('data-values'),
    sequence.locator('[data-series="h"]').getAttribute('data-values'),
  ]);
  const [av, bv] = [aValues!.split(' ').map(Number), bValues!.split(' ').map(Number)];
  expect(av[0]).toBe(bv[0]);
  expect(av.some((v, t) => v !== bv[t])).toBe(true);

  await panel.getByRole('button', { name: 'Clear A' }).click();
  await expect(panel.getByRole('button', { name: 'Pin as A' })).toBeVisible();
  await expect(hA).toHaveCount(0);
  expect(explorer.errors).toEqual([]);
});

test('a .pt imported as A and its Keras export re-imported as B are identical; an r/z swap is named and put back', async ({
  explorer,
}, testInfo) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Compare A and B' });
  await page.getByLabel('Checkpoint file').setInputFiles('src/formats/fixtures/gru_cell.pt');
  await expect(page.getByRole('region', { name: 'Import checkpoint' })).toContainText(/Loaded/);
  await panel.getByRole('button', { name: 'Pin as A' }).click();

  const exportPanel = page.getByRole('region', { name: 'Export checkpoint' });
  const download = async (button: string, file: string) => {
    const [d] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: button, exact: true }).click()]);
    const saved = testInfo.outputPath(file);
    await d.saveAs(saved);
    return saved;
  };
  const keras = await download('Keras set_weights JSON', 'gru.keras_weights.json');
  const stateDict = await download('state_dict JSON', 'gru_cell.state_dict.json');

  await explorer.zeroAll();
  await expect(panel.locator('.compare-cause')).not.toHaveAttribute('data-cause', 'identical');
  await page.getByLabel('Checkpoint file').setInputFiles(keras);
  await expect(panel.locator('.compare-cause')).toHaveAttribute('data-cause', 'identical');
  await expect(panel.locator('.compare-cause')).toHaveText('A and B are identical, bit for bit');

  // The same state_dict with the r and z row blocks swapped in every tensor: the classic port bug.
  const dict = JSON.parse(readFileSync(stateDict, 'utf8')) as Record<string, number[] | number[][]>;
  const swapped = Object.fromEntries(
    Object.entries(dict).map(([name, rows]) => {
      const H = rows.length / 3;
      return [name, [...rows.slice(H, 2 * H), ...rows.slice(0, H), ...rows.slice(2 * H)]];
    }),
  );
  const swappedFile = testInfo.outputPath('swapped.state_dict.json');
  writeFileSync(swappedFile, JSON.stringify(swapped));
  await page.getByLabel('Checkpoint file').setInputFiles(swappedFile);
  await expect(panel.locator('.compare-cause')).toHaveText(/^B is A with r and z swapped, exactly/);
  await panel.getByRole('button', { name: "Put B in A's layout" }).click();
  await expect(panel.locator('.compare-cause')).toHaveAttribute('data-cause', 'identical');
  expect(explorer.errors).toEqual([]);
});

/** The states a link carries as B (`s=`) and A (`a=`), read with the link codec. */
function linkStates(url: string) {
  const params = new URLSearchParams(url.split('#')[1] ?? '');
  const read = (key: string) => {
    const text = params.get(key);
    const result = text ? decodeState(text) : null;
    return result?.ok ? result.state : null;
  };
  return { b: read('s'), a: read('a') };
}

test('a link carries A and B: a fresh browser reopens both exactly; with no link, the pinned A is back after a reload', async ({
  explorer,
  browser,
}) => {
  const page = explorer.page;
  const panel = page.getByRole('region', { name: 'Compare A and B' });
  const original = await explorer.cellValue('weight_hh', 5, 2);
  await panel.getByRole('button', { name: 'Pin as A' }).click();
  await explorer.apply('Brush', 0.75, 'weight_hh', 5, 2);
  await expect(panel.locator('.compare-cause')).toHaveText('B differs from A only in weight_hh z (update)');
  const index = 5 * 4 + 2;
  await expect
    .poll(() => {
      const { a, b } = linkStates(page.url());
      return a && b ? [getGrid(a.model, 'weight_hh')[index], getGrid(b.model, 'weight_hh')[index]] : null;
    })
    .toEqual([Math.fround(original), Math.fround(0.75)]);
  const link = page.url();
  const delta = await panel.locator('td[data-delta]').first().getAttribute('data-delta');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  const otherPanel = other.getByRole('region', { name: 'Compare A and B' });
  await expect(otherPanel).toContainText('A from the link');
  await expect(otherPanel.locator('.compare-cause')).toHaveText('B differs from A only in weight_hh z (update)');
  await expect(otherPanel.locator('td[data-delta]')).toHaveCount(1);
  await expect(otherPanel.locator('td[data-delta]').first()).toHaveAttribute('data-delta', delta!);
  await fresh.close();

  // The same browser with no link in the address: the saved work (B) and the pinned A both come back.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-state-load', 'done');
  await expect(panel.locator('.compare-cause')).toHaveText('B differs from A only in weight_hh z (update)');
  await panel.getByRole('button', { name: 'Clear A' }).click();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-state-load', 'done');
  await expect(panel.getByRole('button', { name: 'Pin as A' })).toBeVisible();
  expect(explorer.errors).toEqual([]);
});
