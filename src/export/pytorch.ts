// PyTorch code that builds the same nn.GRUCell, in two forms:
// - recipe: PyTorch's own init calls and per-gate slicing (`cell.bias_hh[H:2*H].fill_(20.0)`), so
//   random initializers are equal in distribution, and fills and painted cells are exact;
// - exact: every value as a literal (float32-exact decimals, or base64 float32 bytes for large
//   tensors), so h′ matches GRU Explorer to float32.
import { GATES, GATE_NAMES, gateRows, type Gate } from '../gru/gates';
import { TENSORS, getTensor, tensorShape, type TensorName } from '../gru/weights';
import type { GruModel } from '../model/model';
import { float32ToBytes, shortestFloat32 } from '../share/bytes';
import { base64url } from './base64';
import { compactRecipe, type WeightOp } from '../share/recipe';

const LITERAL_LIMIT = 4096;

export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return "float('nan')";
  if (!Number.isFinite(v)) return v > 0 ? "float('inf')" : "-float('inf')";
  const s = shortestFloat32(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** A Python expression for a float32 tensor of the given shape, exact to the bit. */
export function pyTensor(values: Float32Array, shape: number[]): string {
  const shapeText = shape.join(', ');
  if (values.length > LITERAL_LIMIT) {
    const b64 = base64url(float32ToBytes(values));
    return `torch.frombuffer(bytearray(base64.urlsafe_b64decode(${JSON.stringify(b64)} + '==')), dtype=torch.float32).reshape(${shapeText})`;
  }
  return `torch.tensor([${Array.from(values, pyFloat).join(', ')}], dtype=torch.float32).reshape(${shapeText})`;
}

const multipleOfH = (m: number) => (m === 0 ? '' : m === 1 ? 'H' : `${m}*H`);

/** `[H:2*H]` for a gate band, `[4:5]` otherwise. */
function rowSlice(r0: number, r1: number, H: number): string {
  for (const [k, gate] of GATES.entries()) {
    const { start, end } = gateRows(gate, H);
    if (r0 === start && r1 === end) return `[${multipleOfH(k)}:${multipleOfH(k + 1)}]`;
  }
  return r1 === r0 + 1 ? `[${r0}]` : `[${r0}:${r1}]`;
}

function gateComment(r0: number, r1: number, H: number): string {
  const gate = GATES.find((g) => gateRows(g, H).start === r0 && gateRows(g, H).end === r1);
  return gate ? `  # ${gate} (${GATE_NAMES[gate]}) gate` : '';
}

function target(t: TensorName, g: WeightOp & { k: 'init' }, H: number): string {
  if (!g.g) return `cell.${t}`;
  const { start, end } = gateRows(g.g, H);
  return `cell.${t}${rowSlice(start, end, H)}`;
}

function initLine(op: WeightOp & { k: 'init' }, H: number): string[] {
  const t = target(op.t, op, H);
  const note = op.g ? `  # ${op.g} (${GATE_NAMES[op.g]}) gate` : '';
  const s = op.spec;
  switch (s.kind) {
    case 'pytorch':
      return [`nn.init.uniform_(${t}, -1 / math.sqrt(H), 1 / math.sqrt(H))${note || '  # PyTorch default'}`];
    case 'uniform':
      return [`nn.init.uniform_(${t}, ${pyFloat(s.low)}, ${pyFloat(s.high)})${note}`];
    case 'normal':
      return [`nn.init.normal_(${t}, ${pyFloat(s.mean)}, ${pyFloat(s.std)})${note}`];
    case 'xavierUniform':
      return [`nn.init.xavier_uniform_(${t}, gain=${pyFloat(s.gain)})${note}`];
    case 'xavierNormal':
      return [`nn.init.xavier_normal_(${t}, gain=${pyFloat(s.gain)})${note}`];
    case 'kaimingUniform':
    case 'kaimingNormal': {
      const fn = s.kind === 'kaimingUniform' ? 'kaiming_uniform_' : 'kaiming_normal_';
      // nonlinearity='linear' has gain 1, so the explorer's gain is a plain factor.
      const line = `nn.init.${fn}(${t}, nonlinearity='linear')${s.gain === 1 ? '' : `.mul_(${pyFloat(s.gain)})`}${note}`;
      return [line];
    }
    case 'orthogonal':
      return [`nn.init.orthogonal_(${t}, gain=${pyFloat(s.gain)})${note}`];
    case 'constant':
      return [`${t}.fill_(${pyFloat(s.value)})${note}`];
    case 'zeros':
      return [`${t}.zero_()${note}`];
  }
}

function opLines(op: WeightOp, I: number, H: number): string[] {
  switch (op.k) {
    case 'zeros':
      return ['for p in cell.parameters():', '    p.zero_()'];
    case 'init':
      return initLine(op, H);
    case 'rows':
      return [`cell.${op.t}${rowSlice(op.r0, op.r1, H)}.fill_(${pyFloat(op.v)})${gateComment(op.r0, op.r1, H)}`];
    case 'col':
      return [`cell.${op.t}[:, ${op.c}].fill_(${pyFloat(op.v)})  # every gate's weight from ${op.t === 'weight_ih' ? 'x' : 'h'}[${op.c}]`];
    case 'cells': {
      const [, cols = 1] = tensorShape(op.t, I, H);
      if (op.i.length <= 24) {
        return op.i.map((i, n) =>
          cols === 1
            ? `cell.${op.t}[${i}] = ${pyFloat(op.v[n])}`
            : `cell.${op.t}[${Math.floor(i / cols)}, ${i % cols}] = ${pyFloat(op.v[n])}`,
        );
      }
      return [
        `cell.${op.t}.view(-1)[torch.tensor([${op.i.join(', ')}])] = torch.tensor([${op.v.map(pyFloat).join(', ')}])  # painted cells`,
      ];
    }
    case 'resize':
      throw new Error('resized in the explorer');
  }
}

function inputsAndRun(model: GruModel): string[] {
  const { inputSize: I, hiddenSize: H } = model.weights;
  return [
    `x = ${pyTensor(model.x, [model.batch, I])}`,
    `h = ${pyTensor(model.h, [model.batch, H])}`,
    'h_next = cell(x, h)',
    'print(h_next)',
  ];
}

function header(model: GruModel, extraImports: string[]): string[] {
  const { inputSize: I, hiddenSize: H } = model.weights;
  return [
    ...['import math', 'import torch', 'from torch import nn', ...extraImports].sort(),
    '',
    `I, H = ${I}, ${H}`,
    'cell = nn.GRUCell(I, H)',
  ];
}

/** Literal values: h′ matches GRU Explorer to float32. */
export function pytorchExact(model: GruModel): string {
  const { inputSize: I, hiddenSize: H } = model.weights;
  const needsBase64 = [...TENSORS.map((t) => getTensor(model.weights, t)), model.x, model.h].some((a) => a.length > LITERAL_LIMIT);
  const lines = [
    '# GRU Explorer: exact values (rows r | z | n, as nn.GRUCell stores them)',
    ...header(model, needsBase64 ? ['import base64'] : []),
    'with torch.no_grad():',
    ...TENSORS.map((t) => `    cell.${t}.copy_(${pyTensor(getTensor(model.weights, t), tensorShape(t, I, H))})`),
    ...inputsAndRun(model),
  ];
  return lines.join('\n') + '\n';
}

/** Initializers PyTorch draws from its own generator: a recipe with one gives other values than the explorer's seed. */
const isRandomInit = (op: WeightOp) => op.k === 'init' && !['constant', 'zeros'].includes(op.spec.kind);

/** The gate bands an op overwrites whole ("weight_hh:z"), or null when it writes only part of one. */
function wholeBands(op: WeightOp, H: number): string[] | null {
  const bands = (t: TensorName, gates: readonly Gate[]) => gates.map((g) => `${t}:${g}`);
  switch (op.k) {
    case 'init':
      return bands(op.t, op.g ? [op.g] : GATES);
    case 'rows': {
      const covered = GATES.filter((g) => gateRows(g, H).start >= op.r0 && gateRows(g, H).end <= op.r1);
      const exact = covered.length > 0 && gateRows(covered[0], H).start === op.r0 && gateRows(covered[covered.length - 1], H).end === op.r1;
      return exact ? bands(op.t, covered) : null;
    }
    default:
      return null;
  }
}

/**
 * The recipe without the fills and initializers that later ones overwrite whole (a PyTorch-default init followed
 * by "Zeros" leaves no trace in the weights, so it should leave none in the code).
 */
export function liveRecipe(recipe: readonly WeightOp[]): WeightOp[] {
  const first = recipe[0];
  if (!first || first.k !== 'zeros' || recipe.some((op) => op.k === 'resize')) return [...recipe];
  const covered = new Set<string>();
  const out: WeightOp[] = [];
  for (let i = recipe.length - 1; i >= 1; i--) {
    const bands = wholeBands(recipe[i], first.H);
    if (bands && bands.every((b) => covered.has(b))) continue;
    out.push(recipe[i]);
    bands?.forEach((b) => covered.add(b));
  }
  out.push(first);
  return out.reverse();
}

/**
 * Does the recipe form give exactly the explorer's weights (and so its h′)? Only when no random initializer is
 * left in it: `torch.manual_seed` + `nn.init.*` draws from PyTorch's Mersenne Twister, while the explorer's seeded
 * initializers use their own generator (src/init/random.ts), so those weights are equal in distribution, not value.
 */
export function recipeIsExact(recipe: WeightOp[] | null): boolean {
  return !!recipe && !recipe.some((op) => op.k === 'resize') && !liveRecipe(recipe).some(isRandomInit);
}

/**
 * PyTorch's own calls, gate by gate. Returns null when the recipe cannot be written as init
 * calls (unknown recipe, or a resize inside the explorer): use the exact form then.
 */
export function pytorchRecipe(model: GruModel, recipe: WeightOp[] | null, seed = 0): string | null {
  if (!recipe || recipe.some((op) => op.k === 'resize')) return null;
  const { inputSize: I, hiddenSize: H } = model.weights;
  const live = liveRecipe(recipe);
  const random = live.some(isRandomInit);
  const body = compactRecipe(live).flatMap((op) => opLines(op, I, H));
  const lines = [
    random
      ? "# GRU Explorer: recipe. PyTorch's generator draws other random numbers than GRU Explorer's seed: the weights are\n" +
        '# equal in distribution, not in value, so h_next differs from the page (use the exact form to reproduce it).'
      : '# GRU Explorer: recipe (no random initializer: gives the same weights and h_next as the page)',
    ...header(model, []),
    ...(random ? [`torch.manual_seed(${seed})`] : []),
    'with torch.no_grad():',
    ...body.map((l) => `    ${l}`),
    ...inputsAndRun(model),
  ];
  return lines.join('\n') + '\n';
}
