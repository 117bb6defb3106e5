// torch.optim's update rules (PyTorch 1.13, the single-tensor paths of sgd.py, adam.py, adamw.py),
// with their defaults, and torch.nn.utils.clip_grad_norm_. State is float32 as PyTorch keeps it.

export type OptimizerKind = 'sgd' | 'adam' | 'adamw';

export interface OptimizerConfig {
  kind: OptimizerKind;
  lr: number;
  /** SGD only; default 0. */
  momentum?: number;
  /** SGD only; default 0. */
  dampening?: number;
  /** SGD only; needs momentum > 0 and dampening 0, as torch.optim.SGD checks. */
  nesterov?: boolean;
  /** Default 0 for SGD and Adam (L2 added to the gradient), 0.01 for AdamW (decoupled). */
  weightDecay?: number;
  /** Adam / AdamW; defaults 0.9, 0.999, 1e-8. */
  beta1?: number;
  beta2?: number;
  eps?: number;
}

export interface Optimizer {
  readonly config: Readonly<Required<OptimizerConfig>>;
  /** Steps taken so far. */
  readonly steps: number;
  /** One update of every parameter from its gradient (same order as the constructor's params). */
  step(grads: readonly Float32Array[]): void;
  /** Changes lr between steps, as setting param_group['lr'] does; the state is kept. */
  setLearningRate(lr: number): void;
}

export function optimizerDefaults(config: OptimizerConfig): Required<OptimizerConfig> {
  return {
    kind: config.kind,
    lr: config.lr,
    momentum: config.momentum ?? 0,
    dampening: config.dampening ?? 0,
    nesterov: config.nesterov ?? false,
    weightDecay: config.weightDecay ?? (config.kind === 'adamw' ? 1e-2 : 0),
    beta1: config.beta1 ?? 0.9,
    beta2: config.beta2 ?? 0.999,
    eps: config.eps ?? 1e-8,
  };
}

/** Throws a clear message for values torch.optim refuses (and for non-finite ones). */
export function checkOptimizerConfig(c: Required<OptimizerConfig>): void {
  const finite = (name: string, v: number) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name} must be a finite number, got ${String(v)}`);
    if (v < 0) throw new Error(`${name} must not be negative, got ${v}`);
  };
  finite('learning rate', c.lr);
  finite('momentum', c.momentum);
  finite('dampening', c.dampening);
  finite('weight decay', c.weightDecay);
  finite('eps', c.eps);
  for (const [name, b] of [
    ['beta1', c.beta1],
    ['beta2', c.beta2],
  ] as const) {
    if (!(b >= 0 && b < 1)) throw new Error(`${name} must be in [0, 1), got ${String(b)}`);
  }
  if (c.nesterov && (c.momentum <= 0 || c.dampening !== 0)) {
    throw new Error('Nesterov momentum requires a momentum and zero dampening');
  }
}

export function createOptimizer(config: OptimizerConfig, params: readonly Float32Array[]): Optimizer {
  const c = optimizerDefaults(config);
  checkOptimizerConfig(c);
  const first = params.map((p) => new Float32Array(p.length)); // momentum buffer, or Adam's exp_avg
  const second = params.map((p) => new Float32Array(p.length)); // Adam's exp_avg_sq
  let steps = 0;
  const sgd = (p: Float32Array, g: Float32Array, buf: Float32Array) => {
    for (let i = 0; i < p.length; i++) {
      let d = c.weightDecay !== 0 ? g[i] + c.weightDecay * p[i] : g[i];
      if (c.momentum !== 0) {
        // The buffer starts as a copy of the first gradient (no dampening on step 1).
        buf[i] = steps === 0 ? d : buf[i] * c.momentum + (1 - c.dampening) * d;
        d = c.nesterov ? d + c.momentum * buf[i] : buf[i];
      }
      p[i] -= c.lr * d;
    }
  };
  const adam = (p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, t: number) => {
    const stepSize = c.lr / (1 - c.beta1 ** t);
    const bc2Sqrt = Math.sqrt(1 - c.beta2 ** t);
    const decoupled = c.kind === 'adamw';
    for (let i = 0; i < p.length; i++) {
      if (decoupled) p[i] *= 1 - c.lr * c.weightDecay;
      const gi = !decoupled && c.weightDecay !== 0 ? g[i] + c.weightDecay * p[i] : g[i];
      m[i] = m[i] * c.beta1 + (1 - c.beta1) * gi;
      v[i] = v[i] * c.beta2 + (1 - c.beta2) * gi * gi;
      p[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bc2Sqrt + c.eps);
    }
  };
  return {
    config: c,
    get steps() {
      return steps;
    },
    step(grads) {
      if (grads.length !== params.length) throw new Error(`optimizer has ${params.length} parameters, got ${grads.length} gradients`);
      for (let k = 0; k < params.length; k++) {
        if (c.kind === 'sgd') sgd(params[k], grads[k], first[k]);
        else adam(params[k], grads[k], first[k], second[k], steps + 1);
      }
      steps++;
    },
    setLearningRate(lr) {
      checkOptimizerConfig({ ...c, lr });
      c.lr = lr;
    },
  };
}

/** The 2-norm of all gradients together (as clip_grad_norm_ measures it). */
export function totalNorm(grads: readonly Float32Array[]): number {
  let sum = 0;
  for (const g of grads) for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
  return Math.sqrt(sum);
}

/**
 * torch.nn.utils.clip_grad_norm_: scales every gradient by min(1, maxNorm / (norm + 1e-6)) in place;
 * returns the norm before clipping.
 */
export function clipGradNorm(grads: readonly Float32Array[], maxNorm: number): number {
  const norm = totalNorm(grads);
  const coef = Math.min(1, maxNorm / (norm + 1e-6));
  if (coef < 1) for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= coef;
  return norm;
}
