// Numbers typed by a person: accepted only when they are finite float32 values.
const FLOAT32_MAX = 3.4028234663852886e38;

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

export function parseValue(text: string, label = 'value'): Parsed {
  const trimmed = String(text).trim();
  if (trimmed === '') return { ok: false, error: `${label}: enter a number` };
  // Number() accepts "1e3", "-0.5", ".5"; it also accepts "0x10" and "Infinity", handled below.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
    return { ok: false, error: `${label}: "${trimmed.slice(0, 40)}" is not a number` };
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value) || Math.abs(value) > FLOAT32_MAX) {
    return { ok: false, error: `${label}: ${trimmed.slice(0, 40)} is outside the float32 range (±3.4e38)` };
  }
  return { ok: true, value: Math.fround(value) };
}

/** Whole number in [min, max], for sizes and seeds. */
export function parseInteger(text: string, label: string, min: number, max: number): Parsed {
  const parsed = parseValue(text, label);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.value)) return { ok: false, error: `${label} must be a whole number, got ${text.trim()}` };
  if (parsed.value < min || parsed.value > max) return { ok: false, error: `${label} must be between ${min} and ${max}, got ${parsed.value}` };
  return parsed;
}
