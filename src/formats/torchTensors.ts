// The named tensors of an unpickled checkpoint: walks the dicts, lists and tuples under the root (or under the
// key a training script nested the state_dict in) and names each tensor by its dotted path, reading every shared
// object once and bounding depth, visits and name length, so a hostile pickle costs bounded work.
import { PickleDict, PickleTuple } from './pickle';
import type { Dtype } from './binary';
import { FormatError, describeValue, type NamedTensor } from './types';

/** A rebuilt tensor (not yet named). */
export class Tensor {
  constructor(
    readonly shape: number[],
    readonly dtype: Dtype,
    readonly data: Float32Array,
  ) {}
}

/** Keys under which training scripts commonly nest the model's state_dict. */
const WRAPPER_KEYS = ['state_dict', 'model_state_dict', 'model', 'state', 'net', 'network', 'module', 'params', 'weights', 'ema'];

/** Does a tensor sit within 8 dicts of `root`? Each dict is looked at once, however many paths reach it. */
function containsTensor(root: PickleDict): boolean {
  const seen = new Set<PickleDict>([root]);
  let level: PickleDict[] = [root];
  for (let depth = 0; depth <= 8 && level.length; depth++) {
    const next: PickleDict[] = [];
    for (const dict of level) {
      for (const v of dict.map.values()) {
        if (v instanceof Tensor) return true;
        if (v instanceof PickleDict && !seen.has(v)) {
          seen.add(v);
          next.push(v);
        }
      }
    }
    level = next;
  }
  return false;
}

/** Longest key text in a tensor name, and deepest tuple spelled out: no key, however built, makes a huge name. */
const KEY_CHARS = 200;
const KEY_TUPLE_DEPTH = 4;

function keyName(key: unknown, depth = 0): string {
  let text: string;
  if (typeof key === 'string') text = key;
  else if (typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean') text = String(key);
  else if (key instanceof PickleTuple) {
    // Depth-capped: a 5,000-deep tuple key must not recurse 5,000 times.
    text =
      depth >= KEY_TUPLE_DEPTH
        ? '(…)'
        : key.items
            .slice(0, 16)
            .map((k) => keyName(k, depth + 1))
            .join(',');
  } else text = describeValue(key);
  return text.length > KEY_CHARS ? `${text.slice(0, KEY_CHARS)}…` : text;
}

/** Tensors of a (possibly nested) checkpoint, with dotted names. */
export function collectTensors(root: unknown, notes: string[]): NamedTensor[] {
  const out: NamedTensor[] = [];
  const seen = new Set<string>();
  const visiting = new Set<unknown>();
  /** Containers already read, with the name they were read under: each is walked once, however often it is referred to. */
  const done = new Map<unknown, string>();
  let shared = 0;
  let skipped = 0;
  let visits = 0;
  const visit = (value: unknown, name: string, depth: number): void => {
    if (++visits > 1_000_000) throw new FormatError('the checkpoint has more than a million nested values');
    if (value instanceof Tensor) {
      const finalName = name || 'tensor';
      if (seen.has(finalName)) {
        notes.push(`two tensors are named "${finalName}": the second was skipped`);
        return;
      }
      seen.add(finalName);
      out.push({ name: finalName, shape: value.shape, dtype: value.dtype, data: value.data });
      return;
    }
    const children: [string, unknown][] | null =
      value instanceof PickleDict
        ? [...value.map.entries()].map(([k, v]) => [keyName(k), v])
        : Array.isArray(value) || value instanceof PickleTuple
          ? (Array.isArray(value) ? value : value.items).map((v, i) => [String(i), v])
          : null;
    if (!children) {
      skipped += 1;
      return;
    }
    if (visiting.has(value) || depth > 64) throw new FormatError(`the checkpoint nests "${name}" too deeply or in a cycle`);
    if (done.has(value)) {
      if (++shared <= 3)
        notes.push(
          `"${name || '(top level)'}" is the same object as "${done.get(value) || '(top level)'}": its tensors are read once, under the first name`,
        );
      return;
    }
    done.set(value, name);
    visiting.add(value);
    for (const [k, v] of children) visit(v, name ? `${name}.${k}` : k, depth + 1);
    visiting.delete(value);
  };

  let start = root;
  if (root instanceof PickleDict && ![...root.map.values()].some((v) => v instanceof Tensor)) {
    for (const key of WRAPPER_KEYS) {
      const inner = root.map.get(key);
      if (inner instanceof PickleDict && containsTensor(inner)) {
        start = inner;
        const others = [...root.map.keys()].filter((k) => k !== key).map(keyName);
        notes.push(
          `the checkpoint wraps the state_dict: read the tensors under '${key}'` +
            (others.length ? ` (other keys ignored: ${others.slice(0, 10).join(', ')})` : ''),
        );
        break;
      }
    }
  }
  visit(start, '', 0);
  if (shared > 3) notes.push(`${shared - 3} more objects were referred to more than once and read once`);
  if (skipped && start === root) notes.push(`${skipped} non-tensor values (numbers, strings…) were skipped`);
  return out;
}
