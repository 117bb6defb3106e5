// Runs generated snippets in real PyTorch (/usr/bin/python3 with python3-torch from apt) and
// compares h′ with the TypeScript cell. Without torch they skip off CI (src/testing/pytorch.ts).
import { expect, it } from 'vitest';
import { gruCell } from '../gru/cell';
import { fillBand } from '../gru/edit';
import { LESSONS } from '../lessons/lessons';
import { emptyModel, type GruModel } from '../model/model';
import { defaultModel, defaultRecipe } from '../model/defaults';
import { seededRng } from '../init/random';
import { pytorchDefaultOps, replayWeights } from '../share/recipe';
import { describeWithTorch, printedJson, runPython, runPythonEach } from '../testing/pytorch';
import { pytorchExact, pytorchRecipe, recipeIsExact } from './pytorch';

const withHNext = (code: string) => `${code}
import json
print('H_NEXT=' + json.dumps(h_next.detach().flatten().tolist()))
`;
const hNextOf = (stdout: string) => printedJson<(number | null)[]>(stdout, 'H_NEXT').map((v) => (v === null ? Number.NaN : v));

function runInPyTorch(code: string): number[] {
  return hNextOf(runPython(withHNext(code)));
}

function expectClose(actual: number[], model: GruModel, tolerance = 1e-5) {
  const expected = gruCell(model.weights, model.x, model.h, model.batch).h;
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tolerance));
}

describeWithTorch(
  'generated PyTorch snippets run in PyTorch and give the same h′',
  () => {
    it('exact form: the default cell', () => {
      expectClose(runInPyTorch(pytorchExact(defaultModel())), defaultModel());
    });

    it('exact form: a batch of 3 with painted extremes', () => {
      const rng = seededRng(5);
      let model = emptyModel(5, 7, 3);
      model = { ...model, weights: replayWeights([{ k: 'zeros', I: 5, H: 7 }, ...pytorchDefaultOps(2)]) };
      model.x.forEach((_, i) => (model.x[i] = rng() * 4 - 2));
      model.h.forEach((_, i) => (model.h[i] = rng() * 2 - 1));
      model = { ...model, weights: fillBand(model.weights, 'bias_hh', 'n', 12.5) };
      expectClose(runInPyTorch(pytorchExact(model)), model);
    });

    it('exact form: H = 128 (tensors travel as base64 float32)', () => {
      const model = { ...emptyModel(16, 128, 2), weights: replayWeights([{ k: 'zeros', I: 16, H: 128 }, ...pytorchDefaultOps(7)]) };
      model.h.fill(0.25);
      expectClose(runInPyTorch(pytorchExact(model)), model);
    });

    it('recipe form reproduces every lesson whose recipe is exact (no random initializer left) exactly', () => {
      const exact = LESSONS.filter((l) => recipeIsExact(l.build().recipe));
      expect(exact.length).toBeGreaterThan(0);
      const built = exact.map((lesson) => lesson.build());
      const printed = runPythonEach(built.map(({ model, recipe }) => withHNext(pytorchRecipe(model, recipe)!)));
      expect(printed).toHaveLength(built.length);
      built.forEach(({ model }, i) => expectClose(hNextOf(printed[i]), model));
    });

    it('recipe form of a random init overwritten by zeros and fills gives the page exactly', () => {
      const recipe = [
        ...defaultRecipe(),
        ...(['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'] as const).map((t) => ({
          k: 'init' as const,
          t,
          spec: { kind: 'zeros' as const },
          seed: 0,
        })),
      ];
      recipe.push({ k: 'rows', t: 'bias_hh', r0: 4, r1: 8, v: 20 });
      expect(recipeIsExact(recipe)).toBe(true);
      const model = { ...defaultModel(), weights: replayWeights(recipe) };
      model.h.fill(0.5);
      expectClose(runInPyTorch(pytorchRecipe(model, recipe)!), model);
    });

    it('recipe form with random initializers runs and gives an h′ of the right shape', () => {
      const lesson = LESSONS.find((l) => l.id === 'hold-memory')!.build();
      const out = runInPyTorch(pytorchRecipe(lesson.model, lesson.recipe)!);
      expect(out.length).toBe(4);
      // z saturated: h′ = h whatever the random weights are.
      out.forEach((v, i) => expect(v).toBeCloseTo(lesson.model.h[i], 5));
    });
  },
  120_000,
);
