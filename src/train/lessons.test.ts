// The training lessons' claims, checked by running their settings (runs are deterministic).
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons/lessons';
import { createTrainer, meetsThreshold, type TrainConfig } from './trainer';

const preset = (id: string): TrainConfig => LESSONS.find((l) => l.id === id)!.train!;

describe('training lessons', () => {
  it('train-memory: solved before step 150, no unit with z near 1, the memory in W_hn', () => {
    const config = preset('train-memory');
    const trainer = createTrainer(config);
    let solvedAt = 0;
    let report = trainer.step();
    while (trainer.stepCount < 150) {
      report = trainer.step();
      if (!solvedAt && trainer.stepCount % 10 === 0 && meetsThreshold(trainer.task, trainer.evaluate())) solvedAt = trainer.stepCount;
    }
    expect(solvedAt).toBeGreaterThan(0);
    const H = config.hiddenSize;
    const { z, hs } = report.tape;
    const T = config.steps;
    const B = config.batch;
    const zMean = new Float64Array(H);
    for (let i = 0; i < T * B; i++) for (let j = 0; j < H; j++) zMean[j] += z[i * H + j] / (T * B);
    expect(Math.max(...zMean)).toBeLessThan(0.75);
    // Units whose final h carries the label's sign, averaged over the batch.
    let carriers = 0;
    for (let j = 0; j < H; j++) {
      let s = 0;
      for (let b = 0; b < B; b++) s += (report.batch.labels![b] ? 1 : -1) * hs[(T * B + b) * H + j];
      if (Math.abs(s / B) > 0.85) carriers++;
    }
    expect(carriers).toBeGreaterThanOrEqual(H / 2);
    expect(trainer.evaluate()).toBeGreaterThanOrEqual(0.95);
    // Zeroing W_hn (weight_hh rows 2H … 3H) loses the memory.
    trainer.model.gru.weightHh.fill(0, 2 * H * H, 3 * H * H);
    expect(trainer.evaluate()).toBeLessThan(0.6); // 47 % with these settings
  }, 60_000);

  it('train-adding-freeze: z frozen at 0 stays at the 0.167 baseline; r frozen and free both learn', () => {
    const base = preset('train-adding-freeze');
    const mse = (freeze: TrainConfig['freeze']) => {
      const trainer = createTrainer({ ...base, freeze });
      while (trainer.stepCount < 400) trainer.step();
      return trainer.evaluate();
    };
    expect(base.freeze).toBe('z');
    expect(mse('z')).toBeGreaterThan(0.12);
    expect(mse('r')).toBeLessThan(0.005);
    expect(mse(null)).toBeLessThan(0.005);
  }, 120_000); // 1 200 training steps: seconds on a busy machine
});
