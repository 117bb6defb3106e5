// JSON weights: a state_dict as nested lists {"weight_ih": [[…], …], …} (nested objects give dotted names), or
// a Keras get_weights() list [kernel (I, 3H), recurrent_kernel (H, 3H), bias (3H) or (2, 3H)]. The Keras list is
// returned as tensors named kernel, recurrent_kernel and bias, still in Keras layout (see src/layouts for that).
import { decodeUtf8 } from './binary';
import { FORMAT_LIMITS, FormatError, assertFileSize, describeValue, guard, shapeSize, type NamedTensor, type TensorFile } from './types';
import { ReadBudget } from './budget';

/** Shape of a nested numeric list; throws on ragged lists and non-numbers. */
function nestedShape(value: unknown, what: string): number[] {
  const shape: number[] = [];
  let v: unknown = value;
  while (Array.isArray(v)) {
    if (shape.length >= FORMAT_LIMITS.maxDims) throw new FormatError(`${what} is nested more than ${FORMAT_LIMITS.maxDims} deep`);
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

function flattenInto(value: unknown, shape: number[], out: Float32Array, what: string): void {
  let n = 0;
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') {
        throw new FormatError(`${what}${path} is ${describeValue(v)}, not a number`);
      }
      out[n++] = v;
      return;
    }
    if (!Array.isArray(v)) throw new FormatError(`ragged array: ${what}${path} is ${describeValue(v)}, expected a list of ${shape[depth]}`);
    if (v.length !== shape[depth]) {
      throw new FormatError(`ragged array: ${what}${path} has ${v.length} items but its siblings have ${shape[depth]}`);
    }
    for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, `${path}[${i}]`);
  };
  walk(value, 0, '');
}

function toTensor(name: string, value: unknown, budget: ReadBudget): NamedTensor {
  const what = name;
  const shape = nestedShape(value, what);
  const count = shapeSize(shape, what);
  budget.add(count, `"${what}"`);
  budget.spend('copy', count, `"${what}"`); // numbers already parsed by JSON.parse: stored one by one
  const data = new Float32Array(count);
  flattenInto(value, shape, data, what);
  return { name, shape, dtype: 'float32', data };
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || Array.isArray(value);
}

/** Keras GRU weights: [kernel (I, 3H), recurrent_kernel (H, 3H)] and optionally bias (3H) or (2, 3H). */
function isKerasGru(tensors: NamedTensor[]): boolean {
  if (tensors.length !== 2 && tensors.length !== 3) return false;
  const [k, r, b] = tensors;
  if (k.shape.length !== 2 || r.shape.length !== 2) return false;
  const G = r.shape[1];
  const H = r.shape[0];
  if (G !== 3 * H || H === 0 || k.shape[1] !== G) return false;
  if (!b) return true;
  return (b.shape.length === 1 && b.shape[0] === G) || (b.shape.length === 2 && b.shape[0] === 2 && b.shape[1] === G);
}

/** Deepest nesting read: tensors have at most maxDims dimensions, objects nest at most 32 deep, around them. */
const MAX_NESTING = FORMAT_LIMITS.maxDims + 32 + 2;

/**
 * Refuses text nested deeper than MAX_NESTING before JSON.parse sees it: V8 parses a 3 M-deep list of 6 MB in
 * seconds. One pass over the characters, strings skipped.
 */
function checkNesting(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) throw new FormatError(`the JSON is nested more than ${MAX_NESTING} deep (at character ${i})`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

export function readJson(bytes: Uint8Array): TensorFile {
  assertFileSize(bytes.length);
  return guard('the JSON file', () => {
    let text = decodeUtf8(bytes, 'the JSON file');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    checkNesting(text);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const hint = /\bNaN\b|\bInfinity\b/.test(text.slice(0, 1_000_000)) ? ' (NaN and Infinity are not JSON)' : '';
      throw new FormatError(`not valid JSON: ${e instanceof Error ? e.message : String(e)}${hint}`);
    }
    const budget = new ReadBudget(bytes.length);
    const notes: string[] = [];
    if (Array.isArray(doc)) {
      if (!doc.every(Array.isArray)) {
        throw new FormatError('a JSON list must hold arrays (like Keras get_weights()), one per tensor');
      }
      const tensors = doc.map((v, i) => toTensor(String(i), v, budget));
      if (isKerasGru(tensors)) {
        const names = ['kernel', 'recurrent_kernel', 'bias'];
        tensors.forEach((t, i) => (t.name = names[i]));
        notes.push('read as a Keras GRU get_weights() list: kernel, recurrent_kernel' + (tensors.length === 3 ? ', bias' : ' (no bias)'));
      } else {
        notes.push('a JSON list that does not have the shapes of a Keras GRU: tensors are named by index');
      }
      return { format: 'json', tensors, notes };
    }
    if (doc === null || typeof doc !== 'object') {
      throw new FormatError(`the JSON holds ${describeValue(doc)}, not an object of tensors or a list of arrays`);
    }
    const tensors: NamedTensor[] = [];
    let skipped = 0;
    const visit = (obj: Record<string, unknown>, prefix: string, depth: number): void => {
      if (depth > 32) throw new FormatError(`the JSON nests objects more than 32 deep at "${prefix}"`);
      for (const [key, value] of Object.entries(obj)) {
        const name = prefix ? `${prefix}.${key}` : key;
        if (isNumeric(value)) tensors.push(toTensor(name, value, budget));
        else if (value !== null && typeof value === 'object') visit(value as Record<string, unknown>, name, depth + 1);
        else skipped += 1;
      }
    };
    visit(doc as Record<string, unknown>, '', 0);
    if (skipped) notes.push(`${skipped} non-numeric values (strings, booleans, null) were skipped`);
    if (tensors.length === 0) throw new FormatError('the JSON object holds no numbers or arrays of numbers');
    return { format: 'json', tensors, notes };
  });
}
