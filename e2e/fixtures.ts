// The GRU Explorer page object, served to every browser test as the `explorer` fixture.
//
// Everything goes through the real UI: cells are painted with the mouse at the centre of the
// cell's rectangle on its gate-band canvas (the same pointer path a person uses), values are typed
// into the labelled fields, and results are read back from what the page shows — the outputs'
// `data-values` attributes and the "Cell details" text. The fixture also collects console errors
// and uncaught page errors and fails the test if there were any.
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect };

export type GridName = 'weight_ih' | 'weight_hh' | 'bias_ih' | 'bias_hh' | 'x' | 'h';
export type ToolName = 'Brush' | 'Fill band' | 'Fill row' | 'Fill column' | 'Eyedropper' | 'Select' | 'Pan';
export type OutputLabel = 'h′ (output)' | 'h (previous state)' | 'z (update gate)' | 'r (reset gate)' | 'n (candidate)';

/** Shortcut letter of each tool, as printed on its button ("Brush B"). */
export const TOOL_KEYS: Record<ToolName, string> = {
  Brush: 'B',
  'Fill band': 'F',
  'Fill row': 'R',
  'Fill column': 'C',
  Eyedropper: 'I',
  Select: 'V',
  Pan: 'H',
};

export interface Point {
  x: number;
  y: number;
}

export interface InitOptions {
  /** Option label of "Initializer tensor": 'all four', 'both weights', 'both biases', or a tensor name. */
  tensor?: string;
  /** Option label of "Initializer gate": 'all (whole tensor)', 'r — reset', 'z — update', 'n — new'. */
  gate?: string;
  /** Option label of "Initializer", e.g. 'Zeros', 'Constant'. */
  kind: string;
  /** Parameter fields by name, e.g. { value: '0.5' } fills "Initializer value". */
  params?: Record<string, string>;
  seed?: string;
}

/** The logistic σ in plain float64 JS, for predicting what the page should show. */
export const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

export class ExplorerPage {
  /** Console errors and uncaught exceptions seen so far. */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`pageerror: ${error.message}`));
  }

  // ---- regions and controls ----------------------------------------------------------------
  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Paint tools' });
  }
  get brushValue(): Locator {
    return this.page.getByRole('textbox', { name: 'Brush value', exact: true });
  }
  get sizes(): Locator {
    return this.page.getByRole('form', { name: 'Sizes' });
  }
  get initForm(): Locator {
    return this.page.getByRole('form', { name: 'Initialize' });
  }
  get details(): Locator {
    return this.page.getByRole('region', { name: 'Cell details' });
  }
  /** The hovered (or selected) cell's description, e.g. "weight_hh[5, 2] = 0.25 … W_hz[1, 2]: …". */
  get hoverText(): Locator {
    return this.details.getByRole('status');
  }
  get exactValue(): Locator {
    return this.details.getByRole('textbox', { name: 'Exact value' });
  }
  get equations(): Locator {
    return this.page.getByRole('region', { name: 'Equations' });
  }
  toolButton(tool: ToolName): Locator {
    return this.toolbar.getByRole('button', { name: `${tool} ${TOOL_KEYS[tool]}`, exact: true });
  }
  /** An output vector ("h′ (output)", "z (update gate)", …): a group carrying data-values. */
  output(label: OutputLabel): Locator {
    return this.page.getByRole('group', { name: label, exact: true });
  }
  /** Every gate-band canvas of a grid (weight tensors have three: r, z, n). */
  canvases(grid: GridName): Locator {
    return this.page.locator(`canvas[data-grid="${grid}"]`);
  }

  // ---- navigation ----------------------------------------------------------------------------
  /**
   * Opens the app and waits until all 14 grid canvases (4 tensors × 3 bands, x, h) show pixels.
   * The canvas carrying data-grid may be a transparent overlay (for the hover outline) stacked on
   * an image canvas, so the pixel is looked for in any canvas of its stack (its parent element).
   */
  async goto() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'GRU Explorer' })).toBeVisible();
    await this.waitForCanvases();
  }

  /** Waits until the link or saved work the page opened with has been read and applied (or refused). */
  async waitForState() {
    await expect(this.page.locator('html')).toHaveAttribute('data-state-load', 'done');
  }

  async waitForCanvases() {
    await this.waitForState();
    await expect(this.page.locator('canvas[data-grid]')).toHaveCount(14);
    await this.page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas[data-grid]')).every((grid) => {
        const stack = grid.parentElement ? Array.from(grid.parentElement.querySelectorAll('canvas')) : [grid];
        return stack.some((c) => {
          const ctx = c.getContext('2d');
          return !!ctx && c.width > 0 && c.height > 0 && ctx.getImageData(c.width >> 1, c.height >> 1, 1, 1).data[3] > 0;
        });
      }),
    );
  }

  // ---- geometry --------------------------------------------------------------------------------
  /** The canvas holding `row` of `grid`, with its band's first row, row count and column count. */
  async band(grid: GridName, row: number): Promise<{ canvas: Locator; rowStart: number; rows: number; cols: number }> {
    const all = this.canvases(grid);
    await expect(all.first()).toBeAttached();
    const bands = await all.evaluateAll((els) =>
      els.map((e) => ({ rowStart: Number(e.dataset.rowStart), rows: Number(e.dataset.rows), cols: Number(e.dataset.cols) })),
    );
    const index = bands.findIndex((b) => row >= b.rowStart && row < b.rowStart + b.rows);
    if (index < 0) throw new Error(`${grid} has no row ${row} (bands: ${JSON.stringify(bands)})`);
    return { canvas: all.nth(index), ...bands[index] };
  }

  /**
   * Viewport point at the centre of cell (row, col) of `grid`: inside the canvas whose
   * data-row-start ≤ row < data-row-start + data-rows, at the cell's fraction of the band's view
   * (data-view: the rows and columns on screen, all of them unless zoomed). The canvas is scrolled into view when that point
   * is not on it (one round trip: this runs for every cell a test touches).
   */
  async cell(grid: GridName, row: number, col = 0): Promise<Point> {
    const found = await this.page.evaluate(
      ({ grid, row, col }) => {
        const all = Array.from(document.querySelectorAll<HTMLCanvasElement>(`canvas[data-grid="${grid}"]`));
        const bands = all.map((el) => ({
          el,
          rowStart: Number(el.dataset.rowStart),
          rows: Number(el.dataset.rows),
          cols: Number(el.dataset.cols),
        }));
        const band = bands.find((b) => row >= b.rowStart && row < b.rowStart + b.rows);
        if (!band)
          return { error: `${grid} has no row ${row} (bands ${JSON.stringify(bands.map(({ rowStart, rows }) => [rowStart, rows]))})` };
        if (col < 0 || col >= band.cols) return { error: `${grid} has no column ${col} (${band.cols} columns)` };
        // A zoomed band shows rows [r0, r1) and columns [c0, c1) of itself (data-view, in cells).
        const [r0, r1, c0, c1] = (band.el.dataset.view ?? `0 ${band.rows} 0 ${band.cols}`).split(' ').map(Number);
        const fx = (col + 0.5 - c0) / (c1 - c0);
        const fy = (row - band.rowStart + 0.5 - r0) / (r1 - r0);
        if (fx < 0 || fx >= 1 || fy < 0 || fy >= 1) return { error: `${grid}[${row}, ${col}] is outside the zoomed view` };
        const point = () => {
          const box = band.el.getBoundingClientRect();
          return { x: box.left + fx * box.width, y: box.top + fy * box.height };
        };
        let p = point();
        if (document.elementFromPoint(p.x, p.y) !== band.el) {
          band.el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
          p = point();
        }
        return document.elementFromPoint(p.x, p.y) === band.el ? p : { error: `${grid}[${row}, ${col}] is covered or off screen` };
      },
      { grid, row, col },
    );
    if ('error' in found) throw new Error(found.error);
    return found;
  }

  /** Moves the mouse over a cell (the "Cell details" then describe it). */
  async hover(grid: GridName, row: number, col = 0) {
    const p = await this.cell(grid, row, col);
    await this.page.mouse.move(p.x, p.y);
  }

  /** One click on a cell with the current tool (press and release on the cell). */
  async paint(grid: GridName, row: number, col = 0) {
    const p = await this.cell(grid, row, col);
    await this.page.mouse.move(p.x, p.y);
    await this.page.mouse.down();
    await this.page.mouse.up();
  }

  /** A stroke: press on `from`, move through every cell on the way to `to`, release on `to`. */
  async drag(grid: GridName, from: [number, number], to: [number, number]) {
    const steps = Math.max(Math.abs(to[0] - from[0]), Math.abs(to[1] - from[1]));
    const start = await this.cell(grid, from[0], from[1]);
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    for (let i = 1; i <= steps; i++) {
      const row = Math.round(from[0] + ((to[0] - from[0]) * i) / steps);
      const col = Math.round(from[1] + ((to[1] - from[1]) * i) / steps);
      const p = await this.cell(grid, row, col);
      await this.page.mouse.move(p.x, p.y, { steps: 2 });
    }
    await this.page.mouse.up();
  }

  // ---- tools -----------------------------------------------------------------------------------
  async setTool(tool: ToolName) {
    await this.toolButton(tool).click();
    await expect(this.toolButton(tool)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Types a brush value and commits it with Enter. */
  async setBrushValue(value: number | string) {
    await this.brushValue.fill(String(value));
    await this.brushValue.press('Enter');
    await expect(this.brushValue).not.toHaveAttribute('aria-invalid', 'true');
  }

  /** Paints one cell with a given tool and value. */
  async apply(tool: ToolName, value: number, grid: GridName, row: number, col = 0) {
    await this.setTool(tool);
    await this.setBrushValue(value);
    await this.paint(grid, row, col);
  }

  /** Selects a cell with the Select tool and types its exact value. */
  async setExact(grid: GridName, row: number, col: number, value: number | string) {
    await this.setTool('Select');
    await this.paint(grid, row, col);
    await this.exactValue.fill(String(value));
    await this.details.getByRole('button', { name: 'Set', exact: true }).click();
  }

  // ---- sizes and initializers -------------------------------------------------------------------
  /** Submits the sizes form (no waiting: invalid sizes are expected to be refused). */
  async submitSizes(I: number | string, H: number | string, batch: number | string) {
    await this.sizes.getByRole('textbox', { name: 'I', exact: true }).fill(String(I));
    await this.sizes.getByRole('textbox', { name: 'H', exact: true }).fill(String(H));
    await this.sizes.getByRole('textbox', { name: 'batch', exact: true }).fill(String(batch));
    await this.sizes.getByRole('button', { name: 'Resize' }).click();
  }

  /** Resizes and waits for the new shapes to be on screen. */
  async resize(I: number, H: number, batch: number) {
    await this.submitSizes(I, H, batch);
    // Outputs list their numbers up to H = 256 (beyond, they are a colour strip).
    if (H <= 256) await expect(this.output('h′ (output)')).toHaveAttribute('data-values', new RegExp(`^\\S+(?: \\S+){${batch * H - 1}}$`));
    await expect(this.canvases('weight_hh').first()).toHaveAttribute('data-rows', String(H));
    await expect(this.canvases('weight_ih').first()).toHaveAttribute('data-cols', String(I));
    await expect(this.canvases('x')).toHaveAttribute('data-rows', String(batch));
    await this.waitForCanvases();
  }

  async initialize({ tensor = 'all four', gate = 'all (whole tensor)', kind, params = {}, seed }: InitOptions) {
    const form = this.initForm;
    await form.getByRole('combobox', { name: 'Initializer tensor' }).selectOption({ label: tensor });
    await form.getByRole('combobox', { name: 'Initializer gate' }).selectOption({ label: gate });
    await form.getByRole('combobox', { name: 'Initializer', exact: true }).selectOption({ label: kind });
    for (const [name, value] of Object.entries(params))
      await form.getByRole('textbox', { name: `Initializer ${name}`, exact: true }).fill(value);
    if (seed !== undefined) await form.getByRole('textbox', { name: 'Seed' }).fill(seed);
    await form.getByRole('button', { name: 'Apply' }).click();
  }

  /** Initialize → all four tensors, whole tensor, Zeros; waits until h′ is 0 (x = [1, 0, −1], h = 0 ⇒ n = 0). */
  async zeroAll() {
    await this.initialize({ kind: 'Zeros' });
    await expect(this.initForm.getByRole('alert')).toHaveCount(0);
    await this.expectCellValue('weight_ih', 0, 0, 0);
  }

  // ---- reading what the page shows --------------------------------------------------------------
  /** The numbers of an output vector (batch × H, row-major) from its data-values attribute. */
  async values(label: OutputLabel): Promise<number[]> {
    const text = await this.output(label).getAttribute('data-values');
    if (text === null) throw new Error(`${label} has no data-values`);
    return text.split(' ').map(Number);
  }

  /** Web-first: waits until the output's numbers are close to `expected` (6 decimals by default). */
  async expectValues(label: OutputLabel, expected: number[], digits = 6) {
    await expect
      .poll(() => this.values(label), { message: `${label} data-values` })
      .toEqual(expected.map((v) => expect.closeTo(v, digits)));
  }

  /** Web-first: the output's data-values attribute is exactly these numbers (float32 printed by JS). */
  async expectExactValues(label: OutputLabel, expected: number[]) {
    await expect(this.output(label)).toHaveAttribute('data-values', expected.map(String).join(' '));
  }

  /** Hovers a cell and returns the value the "Cell details" show for it. */
  async cellValue(grid: GridName, row: number, col = 0): Promise<number> {
    await this.hover(grid, row, col);
    const index = this.indexText(grid, row, col);
    await expect(this.hoverText).toContainText(`${index} = `);
    const text = (await this.hoverText.textContent()) ?? '';
    const match = text.match(new RegExp(`${escapeRegExp(index)} = (-?(?:\\d+\\.?\\d*|\\.\\d+)(?:e[-+]?\\d+)?)`));
    if (!match) throw new Error(`no value for ${index} in "${text}"`);
    return Number(match[1]);
  }

  /** Hovers a cell and waits until its details read `index = value`. */
  async expectCellValue(grid: GridName, row: number, col: number, value: number | string) {
    await this.hover(grid, row, col);
    await expect(this.hoverText).toContainText(
      new RegExp(`^${escapeRegExp(this.indexText(grid, row, col))} = ${escapeRegExp(String(value))}(?![\\d.e])`),
    );
  }

  /** PyTorch-style index text of a cell: weight_hh[5, 2], bias_hh[6], h[0, 3]. */
  indexText(grid: GridName, row: number, col = 0): string {
    return grid.startsWith('bias') ? `${grid}[${row}]` : `${grid}[${row}, ${col}]`;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const test = base.extend<{ explorer: ExplorerPage }>({
  explorer: async ({ page }, use) => {
    const explorer = new ExplorerPage(page);
    await explorer.goto();
    await use(explorer);
    expect(explorer.errors, 'no console errors or uncaught page errors').toEqual([]);
  },
});
