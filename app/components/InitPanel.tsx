// Per-gate initializers from the core, with a seed: initialise r, z and n differently.
import { useState, type FormEvent } from 'react';
import {
  defaultInitializer,
  GATE_NAMES,
  GATES,
  INITIALIZER_LABELS,
  INITIALIZER_PARAMS,
  parseInteger,
  parseValue,
  TENSORS,
  type Gate,
  type Initializer,
  type InitializerKind,
  type TensorName,
} from '../../src';
import { applyInit } from '../store/actions';
import { InlineError } from './InlineError';

export function InitPanel() {
  const [tensor, setTensor] = useState<TensorName | 'all' | 'weights' | 'biases'>('all');
  const [gate, setGate] = useState<Gate | 'all'>('all');
  const [kind, setKind] = useState<InitializerKind>('pytorch');
  const [params, setParams] = useState<Record<string, string>>({});
  const [seed, setSeed] = useState('0');
  const [error, setError] = useState<string | null>(null);

  const defaults = defaultInitializer(kind) as unknown as Record<string, number>;
  const names = INITIALIZER_PARAMS[kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const spec: Record<string, unknown> = { kind };
    for (const name of names) {
      const parsed = parseValue(params[name] ?? String(defaults[name]), name);
      if (!parsed.ok) return setError(parsed.error);
      spec[name] = parsed.value;
    }
    const parsedSeed = parseInteger(seed, 'seed', 0, 2 ** 31 - 1);
    if (!parsedSeed.ok) return setError(parsedSeed.error);
    const tensors: TensorName[] =
      tensor === 'all'
        ? [...TENSORS]
        : tensor === 'weights'
          ? ['weight_ih', 'weight_hh']
          : tensor === 'biases'
            ? ['bias_ih', 'bias_hh']
            : [tensor];
    setError(null);
    applyInit(tensors, gate === 'all' ? undefined : gate, spec as unknown as Initializer, parsedSeed.value);
  };

  return (
    <form className="panel init-panel" onSubmit={submit} aria-label="Initialize">
      <h2>Initialize</h2>
      <div className="form-row">
        <label>
          tensor
          <select aria-label="Initializer tensor" value={tensor} onChange={(e) => setTensor(e.target.value as typeof tensor)}>
            <option value="all">all four</option>
            <option value="weights">both weights</option>
            <option value="biases">both biases</option>
            {TENSORS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          gate
          <select aria-label="Initializer gate" value={gate} onChange={(e) => setGate(e.target.value as typeof gate)}>
            <option value="all">all (whole tensor)</option>
            {GATES.map((g) => (
              <option key={g} value={g}>
                {g} — {GATE_NAMES[g]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-row">
        <label>
          kind
          <select
            aria-label="Initializer"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as InitializerKind);
              setParams({});
            }}
          >
            {Object.entries(INITIALIZER_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {names.map((name) => (
          <label key={name}>
            {name}
            <input
              aria-label={`Initializer ${name}`}
              size={5}
              value={params[name] ?? String(defaults[name])}
              onChange={(e) => setParams({ ...params, [name]: e.target.value })}
            />
          </label>
        ))}
        <label>
          seed
          <input aria-label="Seed" size={5} value={seed} onChange={(e) => setSeed(e.target.value)} />
        </label>
        <button type="submit">Apply</button>
      </div>
      <InlineError error={error} block />
    </form>
  );
}
