import { describe, expect, it } from 'vitest';
import { defaultModel, defaultRecipe } from '../model/defaults';
import { emptyModel } from '../model/model';
import { bandOp, replayWeights, type WeightOp } from '../share/recipe';
import { TENSORS } from '../gru/weights';
import { liveRecipe, pyFloat, pytorchExact, pytorchRecipe, recipeIsExact } from './pytorch';

const probeRecipe: WeightOp[] = [{ k: 'zeros', I: 3, H: 4 }, bandOp('bias_hh', 'z', 4, 20)];

describe('PyTorch snippets', () => {
  it('write float32 values exactly and name NaN and infinities', () => {
    expect(pyFloat(20)).toBe('20.0');
    expect(pyFloat(Math.fround(0.1))).toBe('0.1');
    expect(pyFloat(Number.NaN)).toBe("float('nan')");
    expect(pyFloat(-Infinity)).toBe("-float('inf')");
    expect(Math.fround(Number(pyFloat(Math.fround(1 / 3))))).toBe(Math.fround(1 / 3));
  });

  it('slice per gate band in the recipe form, as the forum asked', () => {
    const model = { ...emptyModel(3, 4, 1), weights: replayWeights(probeRecipe) };
    const code = pytorchRecipe(model, probeRecipe)!;
    expect(code).toContain('cell.bias_hh[H:2*H].fill_(20.0)  # z (update) gate');
    expect(code).toContain('I, H = 3, 4');
    expect(code).not.toContain('manual_seed'); // no randomness in a probe
  });

  it('turns initializers into PyTorch init calls on gate slices', () => {
    const recipe: WeightOp[] = [
      ...defaultRecipe(),
      { k: 'init', t: 'weight_hh', g: 'n', spec: { kind: 'orthogonal', gain: 1 }, seed: 1 },
      { k: 'init', t: 'weight_ih', g: 'r', spec: { kind: 'xavierUniform', gain: 2 }, seed: 1 },
      { k: 'col', t: 'weight_ih', c: 2, v: 0.5 },
      { k: 'cells', t: 'weight_hh', i: [22], v: [3] },
    ];
    const code = pytorchRecipe({ ...defaultModel(), weights: replayWeights(recipe) }, recipe)!;
    expect(code).toContain('torch.manual_seed(0)');
    expect(code).toContain('nn.init.uniform_(cell.weight_hh, -1 / math.sqrt(H), 1 / math.sqrt(H))');
    expect(code).toContain('nn.init.orthogonal_(cell.weight_hh[2*H:3*H], gain=1.0)  # n (new) gate');
    expect(code).toContain('nn.init.xavier_uniform_(cell.weight_ih[:H], gain=2.0)  # r (reset) gate');
    expect(code).toContain('cell.weight_ih[:, 2].fill_(0.5)');
    expect(code).toContain('cell.weight_hh[5, 2] = 3.0');
  });

  it('falls back to the exact form when there is no recipe', () => {
    expect(pytorchRecipe(defaultModel(), null)).toBeNull();
    const code = pytorchExact(defaultModel());
    expect(code).toMatch(/cell\.weight_hh\.copy_\(torch\.tensor\(\[.*\], dtype=torch\.float32\)\.reshape\(12, 4\)\)/);
    expect(code).toContain('x = torch.tensor([1.0, 0.0, -1.0], dtype=torch.float32).reshape(1, 3)');
  });

  it('is exact only when no random initializer is left: PyTorch draws other numbers than the explorer seed', () => {
    expect(recipeIsExact(defaultRecipe())).toBe(false); // the default weights: PyTorch's init, seeded here
    expect(recipeIsExact(null)).toBe(false);
    const zeroed: WeightOp[] = [...defaultRecipe(), ...TENSORS.map((t): WeightOp => ({ k: 'init', t, spec: { kind: 'zeros' }, seed: 0 }))];
    expect(recipeIsExact(zeroed)).toBe(true);
    // The overwritten random init leaves the code too.
    const code = pytorchRecipe({ ...defaultModel(), weights: replayWeights(zeroed) }, zeroed)!;
    expect(code).not.toContain('manual_seed');
    expect(code).not.toContain('uniform_');
    expect(code).toMatch(/^# GRU Explorer: recipe \(no random initializer/);
    // A band fill covers only its band: the rest of the random init stays.
    const banded: WeightOp[] = [...defaultRecipe(), { k: 'rows', t: 'bias_hh', r0: 4, r1: 8, v: 20 }];
    expect(recipeIsExact(banded)).toBe(false);
    expect(liveRecipe(banded)).toEqual(banded);
    // Fills of all three bands cover a tensor's whole init.
    const filled: WeightOp[] = [
      { k: 'zeros', I: 3, H: 4 },
      { k: 'init', t: 'bias_hh', spec: { kind: 'pytorch' }, seed: 3 },
      { k: 'rows', t: 'bias_hh', r0: 0, r1: 8, v: 1 },
      { k: 'rows', t: 'bias_hh', r0: 8, r1: 12, v: 2 },
    ];
    expect(liveRecipe(filled)).toEqual([filled[0], filled[2], filled[3]]);
    expect(recipeIsExact(filled)).toBe(true);
    // A partial fill does not.
    expect(recipeIsExact([...filled.slice(0, 2), { k: 'rows', t: 'bias_hh', r0: 0, r1: 7, v: 1 }])).toBe(false);
  });
});
