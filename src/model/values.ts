// Numbers typed by a person: accepted only when they are finite float32 values.
/** Smallest normal float32, 2^-126: below it float32 keeps fewer significant bits (IEEE 754 binary32). */
const FLOAT32_MIN_NORMAL = 2 ** -126;

/** `notice`: the value was accepted but float32 changed it beyond ordinary rounding (to 0 or a subnormal). */
export type Parsed = { ok: true; value: number; notice?: string } | { ok: false; error: string };

export function parseValue(text: string, label = 'value'): Parsed {
  const trimmed = String(text).trim();
  if (trimmed === '') return { ok: false, error: `${label}: enter a number` };
  // Number() accepts "1e3", "-0.5", ".5"; it also accepts "0x10" and "Infinity", handled below.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
    return { ok: false, error: `${label}: "${trimmed.slice(0, 40)}" is not a number` };
  }
  const value = Number(trimmed);
  // Judged after rounding: 3.4028235e38 (float32 max as numpy prints it) rounds to the largest float32 and is accepted.
  const stored = Math.fround(value);
  if (!Number.isFinite(stored)) {
    return { ok: false, error: `${label}: ${trimmed.slice(0, 40)} is outside the float32 range (±3.4e38)` };
  }
  const notice = tinyNotice(value, stored, label, trimmed);
  return notice ? { ok: true, value: stored, notice } : { ok: true, value: stored };
}

/** Says so when a non-zero number becomes 0 or a subnormal in float32 (it would otherwise change silently). */
function tinyNotice(value: number, stored: number, label: string, text: string): string | undefined {
  if (value === 0 || Math.abs(stored) >= FLOAT32_MIN_NORMAL) return undefined;
  const typed = text.slice(0, 40);
  if (stored === 0) return `${label}: ${typed} is below the smallest float32 (1.4e-45) and is stored as 0`;
  return `${label}: ${typed} is a subnormal float32 (below 1.18e-38, fewer significant bits) and is stored as ${stored}`;
}

/** Whole number in [min, max], for sizes and seeds. */
export function parseInteger(text: string, label: string, min: number, max: number): Parsed {
  const parsed = parseValue(text, label);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.value)) return { ok: false, error: `${label} must be a whole number, got ${text.trim()}` };
  if (parsed.value < min || parsed.value > max)
    return { ok: false, error: `${label} must be between ${min} and ${max}, got ${parsed.value}` };
  return parsed;
}

/**
 * `decimals[i]`: how finely value i was printed, as the negated power of ten of its last printed digit
 * (-0.1378 → 4, 1.2345e-05 → 9, 12 → 0, 1e3 → −3). Half a unit there, 0.5·10^−decimals, is how far the
 * printed number can be from the value that was printed.
 */
export type ParsedList = { ok: true; values: Float32Array; decimals: Int16Array } | { ok: false; error: string };

/** The printed precision of one number token: negated power of ten of its last digit. */
export function printedDecimals(token: string): number {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(token);
  if (!m) return 0;
  const exponent = m[3] ? Number(m[3]) : 0;
  return Math.max(-32768, Math.min(32767, (m[2]?.length ?? 0) - exponent));
}

/** Half a unit in the last printed digit: the rounding a printout of that precision hides. */
export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** Longest paste read: 64 × 1024 float32 values printed in full fit in well under 4 MB. */
export const MAX_LIST_CHARS = 4_000_000;

// Keyword arguments printed inside tensors, dropped before reading numbers so that shape=(1, 4) is not read
// as two values: PyTorch (grad_fn=<TanhBackward0>, device='cuda:0', dtype=torch.float64, requires_grad=True),
// numpy (dtype=float32), TensorFlow (<tf.Tensor: shape=(1, 4), dtype=float32, numpy=array(…)>).
const KEYWORD_ARG = /\b(?:shape|dtype|device|grad_fn|requires_grad|layout|size)\s*=\s*(?:\([^()]*\)|<[^<>]*>|'[^']*'|"[^"]*"|[\w.:]+)/gi;
/** The wrapper names people's printouts carry around the numbers. */
const WRAPPERS = new Set(['tensor', 'array', 'tf.tensor', 'numpy', 'np.array', 'torch.tensor']);
// One token at a time: separators, a number (which must end at a separator), a word, or one other character.
const TOKEN = /([\s,;:()[\]<>=]+)|([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(?![\w.+-])|([+-]?[a-z_][\w.]*)|(\.\.\.|…)|(\S[\w.+-]*)/giy;
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Numbers pasted from a framework's printout, in reading order: `tensor([[0.1, -0.2]])`, numpy's
 * `[[ 0.1 -0.2 ]]`, `array([...], dtype=float32)`, or plain comma / space / newline separated values.
 * Read by regular-expression tokens only (never evaluated); nan / inf, text and values past float32 are
 * refused with a message naming the first bad token. Values are rounded to float32 as the explorer stores them.
 */
export function parseNumberList(text: string, label = 'values'): ParsedList {
  const source = String(text);
  if (source.length > MAX_LIST_CHARS) {
    return {
      ok: false,
      error: `${label}: the text is ${source.length.toLocaleString('en')} characters; the limit is ${MAX_LIST_CHARS.toLocaleString('en')}`,
    };
  }
  // U+2212 (−) is how documents and some printouts write minus.
  const stripped = source.replace(KEYWORD_ARG, ' ').replace(/\u2212/g, '-');
  const values: number[] = [];
  const decimals: number[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < stripped.length && (match = TOKEN.exec(stripped))) {
    const [, separator, number, word, ellipsis, other] = match;
    if (separator) continue;
    if (number !== undefined) {
      const value = Number(number);
      if (!Number.isFinite(Math.fround(value))) {
        return { ok: false, error: `${label}: ${number.slice(0, 40)} is outside the float32 range (±3.4e38)` };
      }
      values.push(value);
      decimals.push(printedDecimals(number));
    } else if (word !== undefined) {
      if (NON_FINITE.test(word)) {
        return { ok: false, error: `${label}: value ${values.length + 1} is ${word}: only finite numbers are accepted` };
      }
      if (!WRAPPERS.has(word.toLowerCase())) return { ok: false, error: `${label}: "${word.slice(0, 40)}" is not a number` };
    } else if (ellipsis !== undefined) {
      return {
        ok: false,
        error:
          `${label}: the printout was shortened with "..."; print every value ` +
          '(PyTorch: torch.set_printoptions(profile="full"); numpy: np.set_printoptions(threshold=sys.maxsize))',
      };
    } else {
      return { ok: false, error: `${label}: "${(other ?? '').slice(0, 40)}" is not a number` };
    }
  }
  if (values.length === 0) return { ok: false, error: `${label}: paste or type the numbers` };
  return { ok: true, values: Float32Array.from(values), decimals: Int16Array.from(decimals) };
}
