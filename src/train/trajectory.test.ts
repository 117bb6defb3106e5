import { describe, expect, it } from 'vitest';
import trajectoryCases from './fixtures/train-trajectory.json';
import { decodeF32, maxAbs, maxAbsDiff } from '../gru/fixtures/golden';
import { createTrainKernels } from './kernels';
import { modelParams, type LossKind, type TrainModel } from './model';
import { createOptimizer, type OptimizerConfig, type OptimizerKind } from './optim';
import { applyStep } from './trainer';

interface TorchOptimizer {
  kind: string;
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weight_decay?: number;
  betas?: number[];
}

function optimizerConfig(o: TorchOptimizer): OptimizerConfig {
  return {
    kind: o.kind as OptimizerKind,
    lr: o.lr,
    momentum: o.momentum,
    dampening: o.dampening,
    nesterov: o.nesterov,
    weightDecay: o.weight_decay,
    beta1: o.betas?.[0],
    beta2: o.betas?.[1],
  };
}

describe('training steps follow a real PyTorch trajectory (nn.GRU + nn.Linear, clip_grad_norm_, torch.optim)', () => {
  for (const c of trajectoryCases.cases) {
    it(`${c.name}: ${c.records.length} steps, weights within 1e-5 after every step`, () => {
      const [wih, whh, bih, bhh, rw, rb] = c.start.map(decodeF32);
      const model: TrainModel = {
        gru: { inputSize: c.inputSize, hiddenSize: c.hiddenSize, weightIh: wih, weightHh: whh, biasIh: bih, biasHh: bhh },
        readout: { inputSize: c.hiddenSize, outputSize: c.outputSize, weight: rw, bias: rb },
      };
      const params = modelParams(model);
      const optimizer = createOptimizer(optimizerConfig(c.optimizer), params);
      const kernels = createTrainKernels();
      let moved = 0;
      c.records.forEach((rec, step) => {
        const data = {
          steps: c.steps,
          batch: c.batch,
          xs: decodeF32(rec.xs),
          targetSteps: Int32Array.from(c.targetSteps),
          labels: rec.labels ? Int32Array.from(rec.labels) : null,
          values: rec.values ? decodeF32(rec.values) : null,
        };
        const before = params.map((p) => p.slice());
        const result = applyStep(model, optimizer, data, c.loss as LossKind, c.clip, kernels);
        expect(Math.abs(result.loss - rec.loss), `loss at step ${step + 1}`).toBeLessThanOrEqual(1e-5 * Math.max(1, rec.loss));
        if (rec.gradNorm !== null) expect(result.gradNorm).toBeCloseTo(rec.gradNorm, 4);
        rec.params.forEach((p, k) => {
          expect(maxAbsDiff(params[k], decodeF32(p)), `parameter ${k} after step ${step + 1}`).toBeLessThanOrEqual(1e-5);
          moved = Math.max(moved, maxAbsDiff(params[k], before[k]));
        });
      });
      expect(moved).toBeGreaterThan(1e-4); // the optimizer really moved the weights
      expect(maxAbs(params[1])).toBeGreaterThan(0);
    });
  }
});
