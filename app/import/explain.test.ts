// The reasons shown for refused files, from the readers' real messages on real files (made by PyTorch:
// scripts/make_checkpoints.py), so a reworded reader message that falls out of its kind shows here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importGrus } from '../../src';
import { concatFanOutOnnx, deepKeyPt, deepListPt, strideZeroPt, zipBombNpz } from '../../src/formats/fixtures/hostile';
import { codeSpans, explainImportError, type ProblemKind } from './explain';

const fixture = (name: string) => new Uint8Array(readFileSync(`src/formats/fixtures/${name}`));

function refusal(bytes: Uint8Array, name: string): string {
  try {
    importGrus(bytes, name);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${name} was accepted`);
}

const cases: [string, () => [Uint8Array, string], ProblemKind][] = [
  ['a whole nn.GRUCell pickled with torch.save(model)', () => [fixture('whole_model.pt'), 'whole_model.pt'], 'whole-model'],
  ['a legacy (pre-1.6) torch.save pickle', () => [fixture('legacy.pt'), 'legacy.pt'], 'legacy-pickle'],
  ['a .pt cut short', () => [fixture('gru_cell.pt').subarray(0, 400), 'broken.pt'], 'damaged'],
  ['a .safetensors cut short', () => [fixture('gru_cell.safetensors').subarray(0, 100), 'cut.safetensors'], 'damaged'],
  ['an .npy of one tensor', () => [fixture('weight_ih.npy'), 'weight_ih.npy'], 'no-gru'],
  ['tensors with other names', () => [fixture('strided.pt'), 'strided.pt'], 'no-gru'],
  ['an empty file', () => [new Uint8Array(0), 'empty.pt'], 'empty'],
  ['four random bytes', () => [new Uint8Array([1, 2, 3, 4]), 'x.bin'], 'not-a-checkpoint'],
  ['broken JSON', () => [new TextEncoder().encode('{"weight_ih": [1, 2'), 'w.json'], 'not-a-checkpoint'],
  ['a zip bomb (738 KB claiming 114 MB)', () => [zipBombNpz(30_000_000), 'bomb.npz'], 'expands'],
  ['a stride-0 tensor of 60 M elements in 603 bytes', () => [strideZeroPt(60_000_000), 'expand.pt'], 'expands'],
  ['an ONNX Concat fan-out', () => [concatFanOutOnnx(10, 8, false), 'fan.onnx'], 'expands'],
  ['lists nested 100,000 deep', () => [deepListPt(100_000), 'deep.pt'], 'expands'],
  ['a 5,000-deep tuple key (read, no tensors)', () => [deepKeyPt(5000), 'key.pt'], 'unreadable'],
];

describe('import problems say what happened and what to do, details after', () => {
  for (const [what, make, kind] of cases) {
    it(`${what}: ${kind}`, () => {
      const [bytes, name] = make();
      const message = refusal(bytes, name);
      const problem = explainImportError(message, name);
      expect(problem.kind).toBe(kind);
      expect(problem.details.startsWith(`${name}: `)).toBe(false);
      expect(message).toContain(problem.details);
    });
  }

  it('the whole-model advice is the one PyTorch users need', () => {
    const p = explainImportError(refusal(fixture('whole_model.pt'), 'whole_model.pt'), 'whole_model.pt');
    expect(p.summary).toMatch(/^This file holds a whole pickled model, not a state_dict: save `model.state_dict\(\)` instead/);
    expect(p.details).toMatch(/GLOBAL/); // the internals stay available, after the advice
  });

  it('sizes past the limits and unknown failures', () => {
    expect(explainImportError('big.pt: nn.GRUCell has I = 2, H = 2048; the explorer works with I ≤ 1024 and H ≤ 1024', 'big.pt').kind).toBe(
      'too-large',
    );
    expect(explainImportError('file size 300 MB is larger than the 256 MB limit', 'x.pt').kind).toBe('too-large');
    expect(explainImportError('something nobody foresaw', 'x.pt')).toMatchObject({
      kind: 'unreadable',
      details: 'something nobody foresaw',
    });
  });

  it('marks code spans for <code>, never as HTML', () => {
    expect(codeSpans('save `model.state_dict()` <b>now</b>')).toEqual([
      { code: false, text: 'save ' },
      { code: true, text: 'model.state_dict()' },
      { code: false, text: ' <b>now</b>' },
    ]);
  });
});
