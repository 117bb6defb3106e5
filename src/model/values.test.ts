import { describe, expect, it } from 'vitest';
import { MAX_LIST_CHARS, halfUnit, parseInteger, parseNumberList, parseValue, printedDecimals } from './values';

describe('typed values', () => {
  it('accepts finite numbers and rounds them to float32', () => {
    expect(parseValue('20')).toEqual({ ok: true, value: 20 });
    expect(parseValue(' -1e-3 ')).toEqual({ ok: true, value: Math.fround(-1e-3) });
    expect(parseValue('.5')).toEqual({ ok: true, value: 0.5 });
  });
  it('accepts float32 max as numpy prints it, and says so when a value becomes 0 or a subnormal', () => {
    expect(parseValue('3.4028235e38')).toEqual({ ok: true, value: 3.4028234663852886e38 });
    expect(parseValue('-3.4028235e38')).toEqual({ ok: true, value: -3.4028234663852886e38 });
    expect(parseValue('3.4028236e38').ok).toBe(false); // rounds past float32 max to Infinity
    expect(parseValue('1.17549435e-38')).toEqual({ ok: true, value: 2 ** -126 }); // smallest normal: no notice
    const zero = parseValue('1e-46', 'cell value');
    expect(zero).toMatchObject({
      ok: true,
      value: 0,
      notice: 'cell value: 1e-46 is below the smallest float32 (1.4e-45) and is stored as 0',
    });
    const negZero = parseValue('-1e-46');
    expect(negZero.ok && Object.is(negZero.value, -0) && negZero.notice).toMatch(/stored as 0/);
    const sub = parseValue('1e-40');
    expect(sub).toMatchObject({ ok: true, value: Math.fround(1e-40) });
    expect(sub.ok && sub.notice).toMatch(/^value: 1e-40 is a subnormal float32 .* stored as 9\.99994610111476e-41$/);
    expect(parseValue('0')).toEqual({ ok: true, value: 0 });
    expect(parseValue('1e-3')).toEqual({ ok: true, value: Math.fround(1e-3) });
  });
  it('refuses text, NaN, Infinity, hex and values past float32 with a clear message', () => {
    for (const bad of ['abc', 'NaN', 'Infinity', '-Infinity', '0x10', '1e39', '', '1,5', '<img src=x>']) {
      const parsed = parseValue(bad, 'brush value');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/^brush value: /);
    }
  });
  it('checks whole numbers in range', () => {
    expect(parseInteger('256', 'H', 1, 1024)).toEqual({ ok: true, value: 256 });
    expect(parseInteger('2.5', 'H', 1, 1024)).toMatchObject({ ok: false, error: 'H must be a whole number, got 2.5' });
    expect(parseInteger('5000', 'H', 1, 1024)).toMatchObject({ ok: false, error: 'H must be between 1 and 1024, got 5000' });
  });
});

describe('pasted number lists', () => {
  const values = (text: string) => {
    const parsed = parseNumberList(text, 'Observed h′');
    if (!parsed.ok) throw new Error(parsed.error);
    return Array.from(parsed.values);
  };
  const error = (text: string) => {
    const parsed = parseNumberList(text, 'Observed h′');
    if (parsed.ok) throw new Error(`accepted ${text}`);
    return parsed.error;
  };
  const f = Math.fround;

  it('reads what PyTorch, numpy, TensorFlow and TF.js print', () => {
    expect(values('tensor([[0.1, -0.2]])')).toEqual([f(0.1), f(-0.2)]);
    expect(values('tensor([[ 0.1000, -0.2000],\n        [ 1.0000e-03,  3.0000e+00]], grad_fn=<AddBackward0>)')).toEqual([
      f(0.1),
      f(-0.2),
      f(1e-3),
      3,
    ]);
    expect(values("tensor([0.5, 1.], device='cuda:0', dtype=torch.float64, requires_grad=True)")).toEqual([0.5, 1]);
    expect(values('[[ 0.1 -0.2 ]\n [ 3.  .5 ]]')).toEqual([f(0.1), f(-0.2), 3, 0.5]);
    expect(values('array([[ 0.25, -1.5e-03]], dtype=float32)')).toEqual([0.25, f(-1.5e-3)]);
    expect(values('[array([[[0.25, 0.5]]], dtype=float32)]')).toEqual([0.25, 0.5]);
    // shape=(1, 2) must not count as two values
    expect(values('<tf.Tensor: shape=(1, 2), dtype=float32, numpy=array([[0.25, 0.5]], dtype=float32)>')).toEqual([0.25, 0.5]);
    expect(values('tf.Tensor(\n[[0.25 0.5]], shape=(1, 2), dtype=float32)')).toEqual([0.25, 0.5]);
    expect(values('Tensor\n    [[0.25, 0.5],]')).toEqual([0.25, 0.5]);
  });

  it("keeps each number's printed precision: the power of ten of its last digit", () => {
    const parsed = parseNumberList('tensor([[-0.1378,  1.0000e-03, 3., 12, 1e3, 0.123456789, −.5]])');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(Array.from(parsed.decimals)).toEqual([4, 7, 0, 0, -3, 9, 1]);
    expect(['-0.1378', '1.2345e-01', '5E+2', '+.25'].map(printedDecimals)).toEqual([4, 5, -2, 2]);
    expect(halfUnit(4)).toBeCloseTo(5e-5, 15);
    expect(halfUnit(0)).toBe(0.5);
  });

  it('reads plain lists separated by commas, spaces, semicolons or newlines', () => {
    expect(values('1, 2 3\n4;5\t+6')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(values('1e-3 -2E+2 .5 −0.75')).toEqual([f(1e-3), -200, 0.5, -0.75]);
    expect(values('  7  ')).toEqual([7]);
  });

  it('refuses nan and inf with a message saying which value', () => {
    expect(error('0.1, nan, 0.3')).toBe('Observed h′: value 2 is nan: only finite numbers are accepted');
    expect(error('tensor([-inf, 1.])')).toMatch(/value 1 is -inf: only finite/);
    expect(error('Infinity')).toMatch(/is Infinity: only finite/);
    expect(error('NaN')).toMatch(/is NaN: only finite/);
  });

  it('refuses text, run-together numbers, hex, code and values past float32, naming the token', () => {
    expect(error('1, 2, abc')).toBe('Observed h′: "abc" is not a number');
    expect(error('1-2')).toBe('Observed h′: "1-2" is not a number');
    expect(error('0x10')).toBe('Observed h′: "0x10" is not a number');
    expect(error('1.5.3')).toBe('Observed h′: "1.5.3" is not a number');
    expect(error('1e39')).toBe('Observed h′: 1e39 is outside the float32 range (±3.4e38)');
    expect(values('3.4028235e38, -3.4028235e38')).toEqual([3.4028234663852886e38, -3.4028234663852886e38]);
    expect(error('alert(1)')).toBe('Observed h′: "alert" is not a number');
    expect(error('<img src=x onerror=alert(1)>')).toBe('Observed h′: "img" is not a number');
    expect(error('1 + 2')).toBe('Observed h′: "+" is not a number');
  });

  it('explains shortened printouts and empty text', () => {
    expect(error('tensor([0.1, 0.2, ..., 0.9])')).toMatch(/shortened with "\.\.\."; print every value .*profile="full"/);
    expect(error('[0.1, …, 0.9]')).toMatch(/shortened/);
    expect(error('   ')).toBe('Observed h′: paste or type the numbers');
    expect(error('tensor([])')).toBe('Observed h′: paste or type the numbers');
  });

  it('reads 65,536 values (batch 64 × H 1024) and refuses absurdly long text', () => {
    const many = Array.from({ length: 65536 }, (_, i) => (i % 7) / 8 - 0.25);
    expect(values(many.join(', '))).toEqual(many);
    expect(error('1 '.repeat(MAX_LIST_CHARS / 2 + 1))).toMatch(/the limit is 4,000,000/);
  });
});
