import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeF32 } from '../gru/fixtures/golden';
import { gruCell } from '../gru/cell';
import expected from '../formats/fixtures/onnx/expected.json';
import { readOnnxGru } from '../formats/onnx';
import { ALL_BLOCK_ORDERS, formatBlockOrder } from './blocks';
import { detectGruLayout, formatMaxError, type DetectiveCandidate } from './detective';
import { toKeras } from './keras';
import { toOnnx } from './onnx';
import { randomArray, randomWeights, sameBits } from './fixtures/testWeights';
import { normalizeLayout, variantStep, variantStepper, type RecurrentActivation } from './variants';
import type { GruWeights } from '../gru/weights';
import { halfUnit, parseNumberList } from '../model/values';
import prints from './fixtures/detective-prints.json';

const summary = (c: DetectiveCandidate): string =>
  `${formatBlockOrder(c.gateOrder)} ${c.transposed ? 'T' : '-'} ${c.resetAfter ? 'after' : 'before'} ${c.recurrentActivation}`;

const I = 3;
const H = 4;
const w = randomWeights(I, H, 81);
const x = randomArray(2 * I, 82);
const h = randomArray(2 * H, 83);
const hNext = gruCell(w, x, h, 2).h;

describe('detectGruLayout', () => {
  it('tries 6 orders × 2 × 2 × 3 activations and finds PyTorch weights as PyTorch', () => {
    const r = detectGruLayout(w, { x, h, hNext, batch: 2 });
    expect(r.candidates).toHaveLength(72);
    expect(summary(r.best)).toBe('r|z|n - after sigmoid');
    expect(r.best.maxError).toBe(0);
    expect(r.best.frameworks).toContain('PyTorch');
    expect(r.matching).toHaveLength(1);
    expect(r.best.description).toBe('blocks in r|z|n order (PyTorch), not transposed, reset-after, sigmoid: max error 0');
    expect(r.candidates[1].maxError).toBeGreaterThan(1e-3);
  });

  it('finds Keras storage and says r and z would be swapped if read as PyTorch', () => {
    const k = toKeras(w);
    const stored: GruWeights = {
      inputSize: I,
      hiddenSize: H,
      weightIh: k.kernel,
      weightHh: k.recurrentKernel,
      biasIh: k.bias.subarray(0, 3 * H),
      biasHh: k.bias.subarray(3 * H),
    };
    const r = detectGruLayout(stored, { x, h, hNext, batch: 2 });
    expect(summary(r.best)).toBe('z|r|n T after sigmoid');
    expect(r.best.frameworks).toContain('Keras / TF2 (reset_after=True)');
    expect(r.best.description).toMatch(/^blocks in z\|r\|n order \(Keras\/ONNX\/TF.js\), transposed, reset-after, sigmoid: max error/);
    expect(r.verdict).toMatch(/r and z are swapped/);
    expect(r.verdict).toMatch(/transpose/);
  });

  it('catches the classic bug: ONNX W, R, B loaded as if they were PyTorch tensors', () => {
    const o = toOnnx(w);
    const asIfPytorch: GruWeights = {
      inputSize: I,
      hiddenSize: H,
      weightIh: o.W,
      weightHh: o.R,
      biasIh: o.B.subarray(0, 3 * H),
      biasHh: o.B.subarray(3 * H),
    };
    const r = detectGruLayout(asIfPytorch, { x, h, hNext, batch: 2 });
    expect(summary(r.best)).toBe('z|r|n - after sigmoid');
    expect(r.best.frameworks).toContain('ONNX (linear_before_reset=1)');
    const pytorchReading = r.candidates.find((c) => summary(c) === 'r|z|n - after sigmoid')!;
    expect(pytorchReading.maxError).toBeGreaterThan(1e-3);
  });

  it('recognises real TF.js output as z|r|n, transposed, reset-before, hardSigmoid', () => {
    const t = expected.tfjs.find((c) => c.recurrentActivation === 'hardSigmoid')!;
    const stored: GruWeights = {
      inputSize: t.inputSize,
      hiddenSize: t.hiddenSize,
      weightIh: decodeF32(t.kernel.data),
      weightHh: decodeF32(t.recurrentKernel.data),
      biasIh: decodeF32(t.bias.data),
      biasHh: new Float32Array(3 * t.hiddenSize),
    };
    const r = detectGruLayout(stored, { x: decodeF32(t.x.data), h: decodeF32(t.h.data), hNext: decodeF32(t.hNext.data), batch: t.batch });
    expect(summary(r.best)).toBe('z|r|n T before hardSigmoid');
    expect(r.best.frameworks).toContain('TF.js (default)');
    expect(r.best.maxError).toBeLessThanOrEqual(1e-6);
    expect(r.matching).toHaveLength(1);
    expect(r.verdict).toMatch(/reset-before/);
    expect(r.verdict).toMatch(/hardSigmoid/);
  });

  it('recognises onnxruntime output of a linear_before_reset = 0 model as ONNX reset-before', () => {
    const m = expected.models.find((k) => k.file === 'gru_3_4_lbr0.onnx')!;
    const cell = readOnnxGru(readFileSync(new URL(`../formats/fixtures/onnx/${m.file}`, import.meta.url))).cells[0];
    const o = toOnnx(cell.weights);
    const stored: GruWeights = {
      inputSize: 3,
      hiddenSize: 4,
      weightIh: o.W,
      weightHh: o.R,
      biasIh: o.B.subarray(0, 12),
      biasHh: o.B.subarray(12),
    };
    const r = detectGruLayout(stored, {
      x: decodeF32(m.x.data),
      h: decodeF32(m.h0.data),
      hNext: decodeF32(m.onnxruntime.hn.data),
      batch: m.batch,
    });
    expect(summary(r.best)).toBe('z|r|n - before sigmoid');
    expect(r.best.frameworks[0]).toMatch(/linear_before_reset=0/);
  });

  it('says when an observation cannot tell hypotheses apart (h = 0 and b_hn = 0)', () => {
    const w0 = randomWeights(I, H, 84);
    w0.biasHh.fill(0, 2 * H);
    const h0 = new Float32Array(H);
    const x0 = randomArray(I, 85);
    const r = detectGruLayout(w0, { x: x0, h: h0, hNext: gruCell(w0, x0, h0).h });
    expect(r.matching.length).toBeGreaterThan(1);
    expect(r.matching.map(summary)).toContain('r|z|n - before sigmoid');
    expect(r.verdict).toMatch(/cannot tell them apart/);
    // a second observation with h ≠ 0 settles it
    const h1 = randomArray(H, 86);
    const r2 = detectGruLayout(w0, [
      { x: x0, h: h0, hNext: gruCell(w0, x0, h0).h },
      { x: x0, h: h1, hNext: gruCell(w0, x0, h1).h },
    ]);
    expect(r2.matching.map(summary)).toEqual(['r|z|n - after sigmoid']);
  });

  it('reports no match when h′ belongs to other weights', () => {
    const r = detectGruLayout(randomWeights(I, H, 99), { x, h, hNext, batch: 2 });
    expect(r.matching).toHaveLength(0);
    expect(r.verdict).toMatch(/^No hypothesis reproduces h′/);
  });

  it('formats errors as in its descriptions', () => {
    expect([0, 3.2e-8, 0.354, Infinity].map(formatMaxError)).toEqual(['0', '3e-8', '0.35', 'Infinity']);
  });

  it('throws clear errors for observations of the wrong size', () => {
    expect(() => detectGruLayout(w, { x, h, hNext })).toThrow(/observation 0: x has 6 values, expected 3/);
    expect(() => detectGruLayout(w, [])).toThrow(/at least one observation/);
  });
});

describe('shared affine products (one stepper per layout)', () => {
  const ACTS: RecurrentActivation[] = ['sigmoid', 'hardSigmoid', 'hardSigmoid6'];
  // H = 5 … 8 covers every 3H % 4 and 2H % 4 (the kernel tiles rows by 4); batch 1, 3 use the lone-row
  // tile, 4 and 5 the 4-row tile (plus a lone row for 5).
  const shapes: [number, number, number][] = [
    [3, 5, 1],
    [6, 6, 3],
    [7, 7, 4],
    [9, 8, 5],
    [1, 2, 2],
  ];
  for (const [I, H, batch] of shapes) {
    it(`gives variantStep's bits for every hypothesis, I = ${I}, H = ${H}, batch ${batch}`, () => {
      const w = randomWeights(I, H, 10 * I + H, 1.5);
      const x = randomArray(batch * I, 200 + H, 2);
      const h = randomArray(batch * H, 300 + H);
      for (const gateOrder of ALL_BLOCK_ORDERS) {
        for (const transposed of [false, true]) {
          const n = normalizeLayout(w, { gateOrder, transposed });
          const step = variantStepper(n, x, h, batch);
          // reset-before first, so neither variant can lean on the other's products
          for (const resetAfter of [false, true]) {
            for (const act of ACTS) {
              const a = step(resetAfter, act);
              const b = variantStep(n, x, h, batch, resetAfter, act);
              for (const k of ['h', 'r', 'z', 'n'] as const) expect(sameBits(a[k], b[k])).toBe(true);
            }
          }
        }
      }
    });
  }

  it('keeps the 2H-row recurrent product of reset-before apart from the 3H-row one', () => {
    // h entries of ±2^55 next to 1s: float64 sums of the same row then depend on the order of the adds,
    // so a row summed in another tile (the 3H-row call's instead of the 2H-row call's) shows.
    const I = 2;
    const H = 5;
    const w = randomWeights(I, H, 41);
    w.weightHh.fill(1);
    const x = randomArray(I, 42);
    const h = Float32Array.from([2 ** 55, 1, -(2 ** 55), 1, 0]);
    const step = variantStepper(w, x, h, 1);
    for (const resetAfter of [true, false]) {
      const a = step(resetAfter, 'sigmoid');
      const b = variantStep(w, x, h, 1, resetAfter, 'sigmoid');
      for (const k of ['h', 'r', 'z', 'n'] as const) expect(sameBits(a[k], b[k])).toBe(true);
    }
  });

  it('detectGruLayout gives the maxError of a direct variantStep loop over the 72 hypotheses', () => {
    for (const [I, H, batch] of shapes) {
      const w = randomWeights(I, H, 500 + H, 1.5);
      const obs = [0, 1].map((s) => {
        const x = randomArray(batch * I, 600 + 2 * H + s, 2);
        const h = randomArray(batch * H, 700 + 2 * H + s);
        return { x, h, hNext: gruCell(w, x, h, batch).h, batch };
      });
      const direct: number[] = [];
      for (const gateOrder of ALL_BLOCK_ORDERS) {
        for (const transposed of [false, true]) {
          const n = normalizeLayout(w, { gateOrder, transposed });
          for (const resetAfter of [true, false]) {
            for (const act of ACTS) {
              let err = 0;
              for (const o of obs) {
                const out = variantStep(n, o.x, o.h, batch, resetAfter, act).h;
                for (let i = 0; i < out.length; i++) err = Math.max(err, Math.abs(out[i] - o.hNext[i]));
              }
              direct.push(err);
            }
          }
        }
      }
      // the report is sorted; compare per hypothesis, in enumeration order
      const r = detectGruLayout(w, obs);
      const key = (c: DetectiveCandidate): number =>
        ALL_BLOCK_ORDERS.findIndex((o) => formatBlockOrder(o) === formatBlockOrder(c.gateOrder)) * 12 +
        (c.transposed ? 6 : 0) +
        (c.resetAfter ? 0 : 3) +
        ACTS.indexOf(c.recurrentActivation);
      const got = new Array<number>(72);
      for (const c of r.candidates) got[key(c)] = c.maxError;
      expect(got).toEqual(direct);
      expect(r.best.maxError).toBe(0);
    }
  });
});

describe('h′ as real PyTorch prints it (4 decimals), scripts/make_detective_prints.py', () => {
  for (const c of prints.cases) {
    it(`${c.name}: the printed text names ${c.expected.gateOrder}${c.expected.transposed ? ' T' : ''} ${c.expected.resetAfter ? 'after' : 'before'} ${c.expected.recurrentActivation}`, () => {
      const stored: GruWeights = {
        inputSize: c.inputSize,
        hiddenSize: c.hiddenSize,
        weightIh: decodeF32(c.stored.weightIh),
        weightHh: decodeF32(c.stored.weightHh),
        biasIh: decodeF32(c.stored.biasIh),
        biasHh: decodeF32(c.stored.biasHh),
      };
      const parsed = parseNumberList(c.printed);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(c.printed).toMatch(/^tensor\(\[\[/);
      // PyTorch's default print: 4 decimals, so each value is known to ±5e-5.
      expect(new Set(parsed.decimals)).toEqual(new Set([4]));
      const obs = { x: decodeF32(c.x), h: decodeF32(c.h), hNext: parsed.values, batch: c.batch };
      // A fixed 1e-5 bar refuses every reading of the rounded print…
      expect(detectGruLayout(stored, obs).matching).toHaveLength(0);
      // …the print's own precision finds the convention, and only that one.
      const r = detectGruLayout(stored, { ...obs, hNextRounding: Array.from(parsed.decimals, halfUnit) });
      const want = `${c.expected.gateOrder} ${c.expected.transposed ? 'T' : '-'} ${c.expected.resetAfter ? 'after' : 'before'} ${c.expected.recurrentActivation}`;
      expect(summary(r.best)).toBe(want);
      expect(r.matching.map(summary)).toEqual([want]);
      expect(r.verdict).not.toMatch(/^No hypothesis/);
      // and the full-precision h′ PyTorch computed is within float error of our reading
      expect(detectGruLayout(stored, { ...obs, hNext: decodeF32(c.hNextFull) }).matching.map(summary)).toEqual([want]);
    });
  }

  it('says what bar it used', () => {
    const r = detectGruLayout(randomWeights(I, H, 99), { x, h, hNext, batch: 2, hNextRounding: new Array(2 * H).fill(5e-5) });
    expect(r.verdict).toMatch(/^No hypothesis reproduces h′ within the print's rounding \(±5e-5\) \+ 1e-5;/);
  });
});
