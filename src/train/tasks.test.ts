import { describe, expect, it } from 'vitest';
import { seededRng } from '../init/random';
import { TASKS, TASK_IDS, type TaskBatch } from './tasks';
import { createTrainer, DEFAULT_TRAIN_CONFIG, meetsThreshold } from './trainer';

const batchOf = (id: keyof typeof TASKS, seed: number, steps = TASKS[id].defaultSteps, batch = 512): TaskBatch =>
  TASKS[id].makeBatch(seededRng(seed), steps, batch);

describe('tasks', () => {
  for (const id of TASK_IDS) {
    it(`${id}: deterministic from the seed, shaped as declared`, () => {
      const task = TASKS[id];
      const T = task.defaultSteps;
      const a = batchOf(id, 5, T, 8);
      const b = batchOf(id, 5, T, 8);
      const c = batchOf(id, 6, T, 8);
      expect(a).toEqual(b);
      expect(a.xs).not.toEqual(c.xs);
      expect(a.xs.length).toBe(T * 8 * task.inputSize);
      const S = a.targetSteps.length;
      expect(S).toBeGreaterThan(0);
      expect(a.targetSteps[S - 1]).toBeLessThan(T);
      if (task.loss === 'cross-entropy') {
        expect(a.labels!.length).toBe(S * 8);
        expect(Math.max(...a.labels!)).toBeLessThan(task.outputSize);
      } else {
        expect(a.values!.length).toBe(S * 8 * task.outputSize);
      }
      expect(() => batchOf(id, 1, task.minSteps, 2)).not.toThrow();
    });
  }

  it('memory: the label is the sign of x₁ and later inputs are zero', () => {
    const d = batchOf('memory', 3, 10, 64);
    for (let b = 0; b < 64; b++) {
      expect(d.labels![b]).toBe(d.xs[b] > 0 ? 1 : 0);
      for (let t = 1; t < 10; t++) expect(d.xs[t * 64 + b]).toBe(0);
    }
  });

  it('adding: the target is the sum of the two marked values, one mark in each half', () => {
    const d = batchOf('adding', 4, 20, 64);
    for (let b = 0; b < 64; b++) {
      const marked: number[] = [];
      for (let t = 0; t < 20; t++) if (d.xs[(t * 64 + b) * 2 + 1] === 1) marked.push(t);
      expect(marked.length).toBe(2);
      expect(marked[0]).toBeLessThan(10);
      expect(marked[1]).toBeGreaterThanOrEqual(10);
      expect(d.values![b]).toBeCloseTo(d.xs[(marked[0] * 64 + b) * 2] + d.xs[(marked[1] * 64 + b) * 2], 6);
    }
  });

  it('echo, parity and copy labels follow their rule', () => {
    const e = batchOf('echo', 1, 12, 4);
    e.targetSteps.forEach((t, s) => expect(e.labels![s * 4 + 2]).toBe(e.xs[(t - 3) * 4 + 2] > 0 ? 1 : 0));
    const p = batchOf('parity', 1, 12, 4);
    let odd = 0;
    for (let t = 0; t < 12; t++) {
      odd ^= p.xs[t * 4 + 1];
      expect(p.labels![t * 4 + 1]).toBe(odd);
    }
    const c = batchOf('copy', 1, 12, 4);
    for (let i = 0; i < 3; i++) expect(c.xs[(i * 4 + 3) * 5 + c.labels![i * 4 + 3]]).toBe(1);
  });

  it('the trivial baselines quoted in the thresholds are right', () => {
    // Adding: always answering 1 scores E[(s − 1)²] = 1/6 for a sum of two U[0, 1) values.
    const a = batchOf('adding', 9, 20, 4096);
    const adding = a.values!.reduce((s, v) => s + (v - 1) ** 2, 0) / a.values!.length;
    expect(adding).toBeCloseTo(0.167, 2);
    expect(TASKS.adding.thresholdText).toContain('0.167');
    // Sine: repeating the current (noisy) input as the next clean value.
    const d = batchOf('sine', 9, 20, 2048);
    let sum = 0;
    d.targetSteps.forEach((t, s) => {
      for (let b = 0; b < 2048; b++) sum += (d.xs[t * 2048 + b] - d.values![s * 2048 + b]) ** 2;
    });
    const repeat = sum / d.values!.length;
    expect(repeat).toBeGreaterThan(0.085);
    expect(repeat).toBeLessThan(0.105);
    expect(TASKS.sine.thresholdText).toContain('0.095');
  });
});

describe('training', () => {
  it('a 100-step run at H = 32, T = 20, batch 16 learns the memory task to its threshold', () => {
    const trainer = createTrainer({ ...DEFAULT_TRAIN_CONFIG, task: 'memory', hiddenSize: 32, steps: 20, batch: 16 });
    const before = trainer.evaluate();
    let last = trainer.step();
    for (let i = 1; i < 100; i++) last = trainer.step();
    expect(last.step).toBe(100);
    expect(before).toBeLessThan(0.8); // not solved at the start
    const after = trainer.evaluate();
    expect(meetsThreshold(trainer.task, after)).toBe(true);
    expect(after).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('is reproducible: the same config gives the same weights', () => {
    const config = { ...DEFAULT_TRAIN_CONFIG, task: 'adding' as const, hiddenSize: 8, steps: 10, batch: 4 };
    const a = createTrainer(config);
    const b = createTrainer(config);
    for (let i = 0; i < 5; i++) {
      a.step();
      b.step();
    }
    expect(a.model.gru.weightHh).toEqual(b.model.gru.weightHh);
  });

  it('refuses bad settings with a clear message', () => {
    const bad = (over: object) => () => createTrainer({ ...DEFAULT_TRAIN_CONFIG, ...over });
    expect(bad({ lr: Number.NaN })).toThrow(/learning rate must be a number/);
    expect(bad({ lr: -0.1 })).toThrow(/learning rate must be positive/);
    expect(bad({ lr: 1e9 })).toThrow(/learning rate = 1000000000 is too large/);
    expect(bad({ clip: -1 })).toThrow(/clip must be zero or positive/);
    expect(bad({ steps: 5000 })).toThrow(/T must be a whole number from 2 to 200/);
    expect(bad({ batch: 0 })).toThrow(/batch must be a whole number/);
  });

  it('a diverging step throws and leaves the last finite weights', () => {
    const trainer = createTrainer({ ...DEFAULT_TRAIN_CONFIG, task: 'adding', optimizer: 'sgd', lr: 10, clip: 0, hiddenSize: 8, steps: 10 });
    // Push the read-out to a huge scale so the next SGD step overflows float32.
    trainer.model.readout.weight.fill(3e37);
    const saved = trainer.model.gru.weightHh.slice();
    const readout = trainer.model.readout.weight.slice();
    expect(() => trainer.step()).toThrow(/diverged at step 1.*last finite weights are kept/);
    expect(trainer.model.gru.weightHh).toEqual(saved);
    expect(trainer.model.readout.weight).toEqual(readout);
    expect(trainer.stepCount).toBe(0);
  });

  it('a frozen reset gate stays exactly 0 through training', () => {
    const trainer = createTrainer({ ...DEFAULT_TRAIN_CONFIG, task: 'adding', freeze: 'r', hiddenSize: 8, steps: 10, optimizer: 'adamw' });
    let report = trainer.step();
    for (let i = 0; i < 10; i++) report = trainer.step();
    expect(Math.max(...report.tape.r)).toBe(0);
    expect(Array.from(trainer.model.gru.biasIh.subarray(0, 8))).toEqual(new Array(8).fill(-100));
  });
});
