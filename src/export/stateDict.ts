// The cell as a PyTorch state_dict (torch/nn/modules/rnn.py): nn.GRUCell names its parameters weight_ih (3H, I),
// weight_hh (3H, H), bias_ih (3H), bias_hh (3H); nn.GRU suffixes them with the layer, weight_ih_l0 … for layer 0
// (same shapes for layer 0, same r | z | n row blocks). Written as safetensors (F32) or as JSON nested lists.
import { TENSORS, getTensor, tensorShape, validateWeights, type GruWeights, type TensorName } from '../gru/weights';
import { encodeSafetensors, type TensorToWrite } from '../formats/safetensors';
import { encodeUtf8 } from '../formats/binary';
import { jsonNestedList } from './jsonLists';

/** Parameter names of nn.GRUCell, or of layer 0 of a one-directional nn.GRU. */
export type PytorchNames = 'GRUCell' | 'GRU';

export function stateDictName(tensor: TensorName, names: PytorchNames): string {
  return names === 'GRU' ? `${tensor}_l0` : tensor;
}

/** The four tensors in state_dict order, with PyTorch's shapes. */
export function stateDictTensors(weights: GruWeights, names: PytorchNames = 'GRUCell'): TensorToWrite[] {
  validateWeights(weights);
  const { inputSize: I, hiddenSize: H } = weights;
  return TENSORS.map((t) => ({ name: stateDictName(t, names), shape: tensorShape(t, I, H), data: getTensor(weights, t) }));
}

/** safetensors with `__metadata__: {"format": "pt"}`, the tag transformers' loaders look for. */
export function encodeStateDictSafetensors(weights: GruWeights, names: PytorchNames = 'GRUCell'): Uint8Array {
  return encodeSafetensors(stateDictTensors(weights, names), { format: 'pt' });
}

/** `{"weight_ih": [[…], …], …}`: json.load, wrap each list in torch.tensor, load_state_dict. */
export function encodeStateDictJson(weights: GruWeights, names: PytorchNames = 'GRUCell'): Uint8Array {
  const entries = stateDictTensors(weights, names).map((t) => `  ${JSON.stringify(t.name)}: ${jsonNestedList(t.data, t.shape, '  ')}`);
  return encodeUtf8(`{\n${entries.join(',\n')}\n}\n`);
}
