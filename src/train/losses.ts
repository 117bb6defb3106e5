// Losses with PyTorch's default reduction ('mean'), returning the gradient with respect to the
// prediction. Source: torch.nn.functional.cross_entropy / mse_loss.

export interface LossResult {
  loss: number;
  /** ∂loss/∂prediction, same shape as the prediction. */
  grad: Float32Array;
}

export interface ClassificationResult extends LossResult {
  /** How many rows have their label as the largest logit. */
  correct: number;
}

/** Softmax cross-entropy of logits (n × classes) against integer labels, averaged over the n rows. */
export function softmaxCrossEntropy(logits: Float32Array, labels: Int32Array, n: number, classes: number): ClassificationResult {
  const grad = new Float32Array(n * classes);
  let total = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const o = i * classes;
    let max = -Infinity;
    let best = 0;
    for (let c = 0; c < classes; c++) {
      if (logits[o + c] > max) {
        max = logits[o + c];
        best = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[o + c] - max);
    const label = labels[i];
    total += Math.log(sum) + max - logits[o + label]; // log Σ e^l − l_y, shifted by the max for range
    if (best === label) correct++;
    for (let c = 0; c < classes; c++) {
      grad[o + c] = (Math.exp(logits[o + c] - max) / sum - (c === label ? 1 : 0)) / n;
    }
  }
  return { loss: total / n, grad, correct };
}

/** Mean squared error over every element of prediction and target (`count` values). */
export function meanSquaredError(prediction: Float32Array, target: Float32Array, count: number): LossResult {
  const grad = new Float32Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const d = prediction[i] - target[i];
    total += d * d;
    grad[i] = (2 * d) / count;
  }
  return { loss: total / count, grad };
}
