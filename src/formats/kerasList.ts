// A Keras GRU get_weights() list from a JSON file (./json.ts names its tensors kernel, recurrent_kernel and
// bias when the shapes are a GRU's) in PyTorch layout: fromKeras transposes and reorders z | r | h → r | z | n,
// exactly for reset_after=True (bias (2, 3H)). reset_after=False (bias (3H)) is read with fromKeras's warning.
import type { GruWeights } from '../gru/weights';
import { fromKeras } from '../layouts/keras';
import type { TensorFile } from './types';

export function kerasGruFromFile(file: TensorFile): { weights: GruWeights; notes: string[] } | null {
  const [kernel, recurrent, bias] = file.tensors;
  const names = file.tensors.map((t) => t.name).join(',');
  if (file.format !== 'json' || (names !== 'kernel,recurrent_kernel,bias' && names !== 'kernel,recurrent_kernel')) return null;
  const { weights, warnings } = fromKeras({
    kernel: kernel.data,
    recurrentKernel: recurrent.data,
    bias: bias?.data ?? null,
    inputSize: kernel.shape[0],
    hiddenSize: recurrent.shape[0],
  });
  return { weights, notes: [...(file.notes ?? []), ...warnings] };
}
