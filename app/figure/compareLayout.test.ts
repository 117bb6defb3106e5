import { describe, expect, it } from 'vitest';
import { compareCells, type GruWeights } from '../../src';
import {
  compareCaptions,
  compareCell,
  compareFigureLayout,
  COMPARE_VECTORS,
  SIDE_LABEL,
  type CellSize,
  type CompareLayout,
} from './compareLayout';
import { CELL_VECTORS, FONT, figureLayout, sansWidth, type Rect } from './layout';

const inside = (r: Rect, l: CompareLayout) => r.x >= 0 && r.y >= 0 && r.x + r.width <= l.width && r.y + r.height <= l.height;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const size = (inputSize: number, hiddenSize: number): CellSize => ({ inputSize, hiddenSize });
const CAPTIONS = [
  'A: pinned at 09:14 · B: the cell on screen',
  'B differs from A only in weight_hh z (update) · 1 of 108 cells differ · max |Δ| 0.7500',
];

/** Every image, live-cell strip and legend bar of the figure, named for messages. */
function boxes(l: CompareLayout): { name: string; rect: Rect }[] {
  return [
    ...l.bands.flatMap((band) => band.images.map((image) => ({ name: `${band.gate} ${image.tensor} ${image.side}`, rect: image as Rect }))),
    ...l.cell.vectors.map((v) => ({ name: `cell ${v.name}`, rect: { x: v.x, y: v.y, width: v.cellWidth * v.count, height: v.height } })),
    ...l.legends.map((legend) => ({ name: `legend ${legend.kind}`, rect: legend.bar })),
    ...l.legends.flatMap((legend) => legend.swatches.map((s) => ({ name: `swatch ${s.label}`, rect: s.box }))),
  ];
}

function expectSound(l: CompareLayout) {
  const all = boxes(l);
  const outside = all.filter((b) => !inside(b.rect, l)).map((b) => b.name);
  expect(outside, 'drawn outside the figure').toEqual([]);
  const clashes: string[] = [];
  all.forEach((a, i) => all.slice(i + 1).forEach((b) => overlap(a.rect, b.rect) && clashes.push(`${a.name} × ${b.name}`)));
  expect(clashes, 'overlapping').toEqual([]);
  for (const band of l.bands) {
    for (const image of band.images) {
      expect(Number.isInteger(image.cellWidth) && Number.isInteger(image.cellHeight) && image.cellWidth >= 1 && image.cellHeight >= 1).toBe(
        true,
      );
      // Labels start under every image of the band and end before the next band (or the legends).
      expect(band.labelY).toBeGreaterThanOrEqual(image.y + image.height);
    }
    expect(band.labelY + 2 * FONT.slice * 1.3 * l.scale).toBeLessThanOrEqual(band.y + band.height + 1);
  }
  l.bands.slice(1).forEach((band, i) => expect(band.y).toBeGreaterThan(l.bands[i].y + l.bands[i].height));
  // Header lines top to bottom, all above the first band; captions between the subtitle and the headers.
  expect([l.subtitleY, ...l.captionY, l.headerY, l.shapeY, l.sideY, l.ticksY, l.bands[0].y]).toEqual(
    [l.subtitleY, ...l.captionY, l.headerY, l.shapeY, l.sideY, l.ticksY, l.bands[0].y].sort((a, b) => a - b),
  );
  // Columns left to right, apart; in each, A, B and B − A left to right, apart, each slot as wide as its image.
  l.columns.slice(1).forEach((c, i) => expect(c.x).toBeGreaterThan(l.columns[i].x + l.columns[i].width));
  for (const [i, column] of l.columns.entries()) {
    expect(column.slots.map((s) => s.side)).toEqual(l.delta ? ['a', 'b', 'delta'] : ['a', 'b']);
    column.slots.slice(1).forEach((s, k) => expect(s.x).toBeGreaterThan(column.slots[k].x + column.slots[k].width));
    for (const slot of column.slots) {
      const image = l.bands[0].images.find((im) => im.side === slot.side && im.tensor === column.tensor)!;
      expect(image.x).toBe(slot.x);
      expect(slot.width).toBeGreaterThanOrEqual(image.width);
      expect(slot.width).toBeGreaterThanOrEqual(Math.round(sansWidth(SIDE_LABEL[slot.side], FONT.head) * l.scale));
    }
    expect(column.tensor).toBe(['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'][i]);
  }
  // The legends lie below the bands, the live cell right of every column.
  expect(l.legends[0].bar.y).toBeGreaterThan(l.bands[2].y + l.bands[2].height);
  const last = l.columns[l.columns.length - 1];
  expect(l.cell.x).toBeGreaterThan(last.x + last.width);
  l.legends.flatMap((legend) => legend.swatches).forEach((s, i, list) => i > 0 && expect(s.box.x).toBeGreaterThan(list[i - 1].textX));
}

describe('compareFigureLayout', () => {
  for (const [I, H] of [
    [3, 4],
    [3, 64],
    [1, 1],
    [1024, 1024],
  ]) {
    it(`A and B both I = ${I}, H = ${H}: three images per tensor of one size, nothing overlaps, labels placed`, () => {
      const l = compareFigureLayout({ a: size(I, H), b: size(I, H), delta: size(I, H), captions: CAPTIONS });
      expectSound(l);
      // A, B and B − A of a tensor are drawn alike, at the single figure's cell sizes.
      const single = figureLayout(I, H);
      for (const band of l.bands) {
        expect(band.images).toHaveLength(12);
        for (const t of ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'] as const) {
          const [a, b, d] = (['a', 'b', 'delta'] as const).map((side) => band.images.find((im) => im.side === side && im.tensor === t)!);
          const one = single.bands[0].images.find((im) => im.tensor === t)!;
          for (const image of [a, b, d])
            expect(image).toMatchObject({
              width: one.width,
              height: one.height,
              cellWidth: one.cellWidth,
              cellHeight: one.cellHeight,
              y: band.y,
            });
        }
      }
      // B's live cell, with A's h′ and Δh′ after it.
      expect(l.cell.vectors.map((v) => v.name)).toEqual([...COMPARE_VECTORS]);
      expect(l.legends.map((legend) => legend.kind)).toEqual(['values', 'delta']);
      expect(l.legends[1].swatches.map((s) => s.label)).toEqual(['equal', 'differs below 1e-6', 'not finite']);
      expect(l.legends[1].bar.y).toBeGreaterThan(l.legends[0].lineY[1]);
      // Under A the slice label; under B none (A's says it); under B − A the band's max |Δ|.
      for (const column of l.columns) expect(column.slots.map((s) => s.sliceLines > 0)).toEqual([true, false, false]);
    });
  }

  it('maps a cell of each side to its image: the same cell sits at the same place in A, B and B − A, shifted by the slot', () => {
    const l = compareFigureLayout({ a: size(3, 4), b: size(3, 4), delta: size(3, 4), captions: CAPTIONS });
    const [a, b, d] = (['a', 'b', 'delta'] as const).map((side) => compareCell(l, side, 'weight_hh', 5, 2)!);
    const column = l.columns[1];
    expect(a.y).toBe(l.bands[1].y + 1 * a.height); // z band, unit 1
    expect([b.y, d.y]).toEqual([a.y, a.y]);
    expect(b.x - column.slots[1].x).toBe(a.x - column.slots[0].x);
    expect(d.x - column.slots[2].x).toBe(a.x - column.slots[0].x);
    expect(compareCell(l, 'a', 'weight_hh', 12, 0)).toBeNull();
  });

  it('each caption line takes room above the headers', () => {
    const one = compareFigureLayout({ a: size(3, 4), b: size(3, 4), delta: size(3, 4), captions: CAPTIONS.slice(0, 1) });
    const two = compareFigureLayout({ a: size(3, 4), b: size(3, 4), delta: size(3, 4), captions: CAPTIONS });
    expect(two.headerY - one.headerY).toBe(Math.round(FONT.subtitle * 1.4 * 2));
    expect(two.captionY).toHaveLength(2);
    // A caption longer than the columns widens the figure instead of running off it.
    const long = compareFigureLayout({ a: size(1, 1), b: size(1, 1), delta: size(1, 1), captions: ['x'.repeat(400)] });
    expect(long.width).toBeGreaterThanOrEqual(long.pad + Math.round(sansWidth('x'.repeat(400), FONT.subtitle) * 2));
  });

  it('A and B of other sizes: each at its own size, no B − A, B labelled with its own rows, B’s live cell alone', () => {
    const l = compareFigureLayout({ a: size(3, 4), b: size(5, 64), delta: null, captions: CAPTIONS });
    expectSound(l);
    expect(l.sameShape).toBe(false);
    expect(l.legends.map((legend) => legend.kind)).toEqual(['values']);
    const hh = (side: 'a' | 'b') => l.bands[0].images.find((im) => im.side === side && im.tensor === 'weight_hh')!;
    expect([hh('a').r1 - hh('a').r0, hh('a').c1 - hh('a').c0]).toEqual([4, 4]);
    expect([hh('b').r1 - hh('b').r0, hh('b').c1 - hh('b').c0]).toEqual([64, 64]);
    expect(hh('a')).toMatchObject({
      width: figureLayout(3, 4).bands[0].images[1].width,
      height: figureLayout(3, 4).bands[0].images[1].height,
    });
    expect(hh('b')).toMatchObject({
      width: figureLayout(5, 64).bands[0].images[1].width,
      height: figureLayout(5, 64).bands[0].images[1].height,
    });
    for (const column of l.columns) expect(column.slots.map((s) => s.sliceLines > 0)).toEqual([true, true]);
    expect(compareCell(l, 'delta', 'weight_hh', 0, 0)).toBeNull();
    expect(compareCell(l, 'b', 'weight_hh', 3 * 64 - 1, 63)).not.toBeNull();
    expect(compareCell(l, 'a', 'weight_hh', 3 * 4 - 1, 3)).not.toBeNull();
    expect(l.cell.vectors.map((v) => v.name)).toEqual([...CELL_VECTORS]);
    expect(l.cell.vectors.map((v) => v.count)).toEqual([5, 64, 64, 64, 64, 64]);
  });

  it('A and B of other sizes compared on their common part: B − A drawn at the common size', () => {
    const l = compareFigureLayout({ a: size(3, 64), b: size(5, 4), delta: size(3, 4), captions: [...CAPTIONS, 'a third line'] });
    expectSound(l);
    const ih = l.bands[2].images.find((im) => im.side === 'delta' && im.tensor === 'weight_ih')!;
    expect([ih.r1 - ih.r0, ih.c1 - ih.c0]).toEqual([4, 3]);
    expect(compareCell(l, 'delta', 'weight_ih', 2 * 4 + 3, 2)).not.toBeNull();
    expect(compareCell(l, 'delta', 'weight_ih', 2 * 4 + 3, 3)).toBeNull();
  });

  it('follows the zoom: the same window of A, B and B − A', () => {
    const l = compareFigureLayout({
      a: size(3, 256),
      b: size(3, 256),
      delta: size(3, 256),
      captions: CAPTIONS,
      zoom: { k: 4, cx: 0.5, cy: 0.5 },
    });
    expectSound(l);
    expect(l.zoomed).toBe(true);
    const windows = l.bands[0].images.filter((im) => im.tensor === 'weight_hh').map((im) => [im.r0, im.r1, im.c0, im.c1]);
    expect(windows).toEqual([
      [96, 160, 96, 160],
      [96, 160, 96, 160],
      [96, 160, 96, 160],
    ]);
    expect(compareCell(l, 'delta', 'weight_hh', 10, 10)).toBeNull();
  });
});

describe('compareCaptions', () => {
  const weights = (I: number, H: number, f: (i: number) => number = (i) => ((i % 7) - 3) / 8): GruWeights => {
    const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => f(i));
    return { inputSize: I, hiddenSize: H, weightIh: fill(3 * H * I), weightHh: fill(3 * H * H), biasIh: fill(3 * H), biasHh: fill(3 * H) };
  };
  const captions = (a: GruWeights, b: GruWeights, crop = false) => compareCaptions('pinned at 09:14', a, b, compareCells(a, b, crop));

  it('names A and B, then the cause with the count of changed cells and max |Δ|', () => {
    const a = weights(3, 4);
    const b = { ...a, biasHh: a.biasHh.slice() };
    b.biasHh[5] += 0.5; // z band
    expect(captions(a, b)).toEqual([
      'A: pinned at 09:14 · B: the cell on screen',
      'B differs from A only in bias_hh z (update) · 1 of 108 cells differ · max |Δ| 0.5000',
    ]);
    expect(captions(a, a)[1]).toBe('A and B are identical, bit for bit');
    // Unrelated cells are counted by the cause itself, once.
    const other = weights(3, 4, (i) => ((i * 5) % 11) / 4 - 1);
    expect(captions(a, other)[1]).toMatch(
      /^B differs from A in \d+ cells across \d+ gate bands; no block order or transpose explains it · max \|Δ\| \d/,
    );
  });

  it('says B − A is not drawn for cells of other sizes, or where it is drawn when the common part is compared', () => {
    const a = weights(3, 4);
    const b = weights(3, 8);
    expect(captions(a, b)).toEqual([
      'A: pinned at 09:14 · B: the cell on screen',
      'A is I = 3, H = 4; B is I = 3, H = 8: B − A is not drawn (the compare panel can compare their common part)',
    ]);
    const common = captions(a, b, true);
    expect(common).toHaveLength(3);
    expect(common[1]).toBe('A is I = 3, H = 4; B is I = 3, H = 8. B − A on the common part only: the first 4 units and 3 inputs');
    expect(common[2]).toMatch(/^On that part: /);
  });
});
