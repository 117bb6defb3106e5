// Runs generated snippets in real PyTorch (/usr/bin/python3 with python3-torch from apt) and
// compares h′ with the TypeScript cell. PyTorch is required: .ci/run installs it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gruCell } from '../gru/cell';
import { fillBand } from '../gru/edit';
import { LESSONS } from '../lessons/lessons';
import { emptyModel, type GruModel } from '../model/model';
import { defaultModel } from '../model/defaults';
import { seededRng } from '../init/random';
import { pytorchDefaultOps, replayWeights } from '../share/recipe';
import { pytorchExact, pytorchRecipe } from './pytorch';

const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

function runInPyTorch(code: string): number[] {
  const script = `${code}\nimport json\nprint('H_NEXT=' + json.dumps(h_next.detach().flatten().tolist()))\n`;
  const run = spawnSync(PYTHON, ['-'], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (run.error || run.status !== 0) {
    throw new Error(`PyTorch run failed (needs ${PYTHON} with torch: apt-get install python3-torch):\n${run.error?.message ?? ''}${run.stderr}`);
  }
  const line = run.stdout.split('\n').find((l) => l.startsWith('H_NEXT='));
  if (!line) throw new Error(`no h_next printed:\n${run.stdout}`);
  return (JSON.parse(line.slice(7)) as (number | null)[]).map((v) => (v === null ? Number.NaN : v));
}

function expectClose(actual: number[], model: GruModel, tolerance = 1e-5) {
  const expected = gruCell(model.weights, model.x, model.h, model.batch).h;
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tolerance));
}

describe('generated PyTorch snippets run in PyTorch and give the same h′', () => {
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

  it('recipe form reproduces every lesson that has no random initializer exactly', () => {
    for (const lesson of LESSONS.filter((l) => l.build().recipe!.every((op) => op.k !== 'init'))) {
      const { model, recipe } = lesson.build();
      expectClose(runInPyTorch(pytorchRecipe(model, recipe)!), model);
    }
  });

  it('recipe form with random initializers runs and gives an h′ of the right shape', () => {
    const lesson = LESSONS.find((l) => l.id === 'hold-memory')!.build();
    const out = runInPyTorch(pytorchRecipe(lesson.model, lesson.recipe)!);
    expect(out.length).toBe(4);
    // z saturated: h′ = h whatever the random weights are.
    out.forEach((v, i) => expect(v).toBeCloseTo(lesson.model.h[i], 5));
  });
}, 120_000);
