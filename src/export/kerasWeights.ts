// The cell as the list keras.layers.GRU(H, reset_after=True).set_weights expects (keras/src/layers/rnn/gru.py):
// [kernel (I, 3H), recurrent_kernel (H, 3H), bias (2, 3H)], column blocks z | r | h, bias row 0 input, row 1
// recurrent. toKeras does the exact transpose and reorder; this writes it as JSON nested lists.
import type { GruWeights } from '../gru/weights';
import { toKeras } from '../layouts/keras';
import { encodeUtf8 } from '../formats/binary';
import { jsonNestedList } from './jsonLists';

export function encodeKerasWeightsJson(weights: GruWeights): Uint8Array {
  const k = toKeras(weights);
  const lists = [
    jsonNestedList(k.kernel, k.shapes.kernel, '  '),
    jsonNestedList(k.recurrentKernel, k.shapes.recurrentKernel, '  '),
    jsonNestedList(k.bias, k.shapes.bias, '  '),
  ];
  return encodeUtf8(`[\n${lists.map((l) => `  ${l}`).join(',\n')}\n]\n`);
}
