// Finds GRUs among named tensors: nn.GRUCell (weight_ih, weight_hh, bias_ih, bias_hh) and nn.GRU
// (weight_ih_l{k}[_reverse] …), under any prefix ("rnn.", "encoder.cell.", "module."). bias=False → zero biases.
import { validateWeights, type GruWeights, type TensorName } from '../gru/weights';
import { FormatError, type NamedTensor, type TensorFile } from './types';

export interface GruCandidate {
  /** e.g. "rnn (nn.GRU) layer 1 reverse", "cell (nn.GRUCell)". */
  label: string;
  kind: 'GRUCell' | 'GRU';
  /** Name prefix, with its trailing dot ("rnn.", or "" at the top level). */
  prefix: string;
  /** nn.GRU layer index k (as in weight_ih_l{k}); 0 for a GRUCell. */
  layer: number;
  direction: 'forward' | 'reverse';
  /** The file's tensor name for each GRU tensor (null when absent: bias=False). */
  names: Record<TensorName, string | null>;
  weights: GruWeights;
  /** E.g. "bias=False: bias_ih and bias_hh are absent, zeros are used". */
  notes: string[];
}

const NAME = /^((?:.*\.)?)(weight_ih|weight_hh|bias_ih|bias_hh)(?:_l(\d+)(_reverse)?)?$/;

interface Group {
  prefix: string;
  kind: 'GRUCell' | 'GRU';
  layer: number;
  direction: 'forward' | 'reverse';
  tensors: Partial<Record<TensorName, NamedTensor>>;
}

function shapeText(t: NamedTensor): string {
  return `[${t.shape.join(', ')}]`;
}

/** Every GRU in `source` (tensors or a read file), sorted by prefix, layer and direction. */
export function findGrus(source: NamedTensor[] | TensorFile): GruCandidate[] {
  const tensors = Array.isArray(source) ? source : source.tensors;
  const groups = new Map<string, Group>();
  for (const t of tensors) {
    const m = NAME.exec(t.name);
    if (!m) continue;
    const [, prefix, param, layerText, reverse] = m;
    const kind = layerText === undefined ? 'GRUCell' : 'GRU';
    const layer = layerText === undefined ? 0 : Number(layerText);
    const direction = reverse ? 'reverse' : 'forward';
    const key = `${prefix}\u0000${kind}\u0000${layer}\u0000${direction}`;
    let group = groups.get(key);
    if (!group) {
      group = { prefix, kind, layer, direction, tensors: {} };
      groups.set(key, group);
    }
    group.tensors[param as TensorName] = t;
  }

  const candidates: GruCandidate[] = [];
  const rejected: string[] = [];
  // One copy per stored tensor: names that share a tensor (tied weights, or a file repeating one GRU many times)
  // share its copy instead of multiplying the memory.
  const copies = new Map<Float32Array, Float32Array>();
  const copy = (t: NamedTensor): Float32Array => {
    let c = copies.get(t.data);
    if (!c) copies.set(t.data, (c = t.data.slice()));
    return c;
  };
  for (const g of groups.values()) {
    const where = g.prefix.replace(/\.$/, '');
    const label =
      g.kind === 'GRUCell'
        ? `${where ? `${where} ` : ''}(nn.GRUCell)`
        : `${where ? `${where} ` : ''}(nn.GRU) layer ${g.layer}${g.direction === 'reverse' ? ' reverse' : ''}`;
    const { weight_ih: ih, weight_hh: hh, bias_ih: bih, bias_hh: bhh } = g.tensors;
    if (!ih || !hh) {
      rejected.push(`${label}: ${!ih ? 'weight_ih' : 'weight_hh'} is missing`);
      continue;
    }
    if (hh.shape.length !== 2 || ih.shape.length !== 2) {
      rejected.push(`${label}: weight_ih ${shapeText(ih)} and weight_hh ${shapeText(hh)} must both be matrices`);
      continue;
    }
    const H = hh.shape[1];
    const I = ih.shape[1];
    if (hh.shape[0] !== 3 * H) {
      const ratio = H ? hh.shape[0] / H : NaN;
      const what = ratio === 4 ? ' (4H rows: an LSTM)' : ratio === 1 ? ' (H rows: a plain RNN)' : '';
      rejected.push(`${label}: weight_hh ${shapeText(hh)} is not (3H, H)${what}`);
      continue;
    }
    if (ih.shape[0] !== 3 * H) {
      rejected.push(`${label}: weight_ih ${shapeText(ih)} does not have 3H = ${3 * H} rows like weight_hh ${shapeText(hh)}`);
      continue;
    }
    const badBias = [bih, bhh].find((b) => b && (b.shape.length !== 1 || b.shape[0] !== 3 * H));
    if (badBias) {
      rejected.push(`${label}: ${badBias.name} ${shapeText(badBias)} is not (3H) = [${3 * H}]`);
      continue;
    }
    const notes: string[] = [];
    if (!bih && !bhh) notes.push('bias=False: bias_ih and bias_hh are absent, zeros are used');
    else if (!bih || !bhh) notes.push(`${!bih ? 'bias_ih' : 'bias_hh'} is absent, zeros are used`);
    const weights: GruWeights = {
      inputSize: I,
      hiddenSize: H,
      weightIh: copy(ih),
      weightHh: copy(hh),
      biasIh: bih ? copy(bih) : new Float32Array(3 * H),
      biasHh: bhh ? copy(bhh) : new Float32Array(3 * H),
    };
    try {
      validateWeights(weights);
    } catch (e) {
      rejected.push(`${label}: ${(e as Error).message}`);
      continue;
    }
    const converted = [...new Set([ih, hh, bih, bhh].filter((t) => t && t.dtype !== 'float32').map((t) => t!.dtype))];
    if (converted.length) notes.push(`${converted.join(' and ')} values were converted to float32`);
    candidates.push({
      label,
      kind: g.kind,
      prefix: g.prefix,
      layer: g.layer,
      direction: g.direction,
      names: { weight_ih: ih.name, weight_hh: hh.name, bias_ih: bih?.name ?? null, bias_hh: bhh?.name ?? null },
      weights,
      notes,
    });
  }
  if (candidates.length === 0) throw new FormatError(noGruMessage(tensors, rejected));
  return candidates.sort(
    (a, b) =>
      (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0) ||
      a.layer - b.layer ||
      (a.direction === b.direction ? 0 : a.direction === 'forward' ? -1 : 1),
  );
}

const LISTED = 20;

function noGruMessage(tensors: NamedTensor[], rejected: string[]): string {
  const lines = [`no GRU found among ${tensors.length} tensor${tensors.length === 1 ? '' : 's'}`];
  if (rejected.length) lines.push(`rejected: ${rejected.slice(0, 5).join('; ')}`);
  const names = new Set(tensors.map((t) => t.name.replace(/^.*\./, '')));
  if (names.has('kernel') && names.has('recurrent_kernel')) {
    lines.push('these look like Keras GRU weights (kernel, recurrent_kernel, bias): convert them to PyTorch layout first');
  }
  lines.push('expected PyTorch names: weight_ih, weight_hh, bias_ih, bias_hh (nn.GRUCell) or weight_ih_l0 … (nn.GRU), with any prefix');
  const listed = tensors.slice(0, LISTED).map((t) => `${t.name} ${shapeText(t)}`);
  if (tensors.length > LISTED) listed.push(`… and ${tensors.length - LISTED} more`);
  lines.push(`found: ${listed.join(', ') || '(nothing)'}`);
  return lines.join('\n');
}
