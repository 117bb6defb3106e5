// Loads our exported checkpoints in real PyTorch (/usr/bin/python3 with python3-torch from apt) and compares h′
// with the TypeScript cell. Without torch it skips off CI (src/testing/pytorch.ts). There is no `safetensors` package for that
// Python, so the script reads the file itself (8-byte little-endian header length, JSON header, raw data), which
// also checks the file against the format rather than against a library.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { gruCell } from '../gru/cell';
import { TENSORS, getTensor, type GruWeights } from '../gru/weights';
import { seededRng } from '../init/random';
import { bytesToBase64url, float32ToBytes } from '../share/bytes';
import { exportCheckpoint, type CheckpointFormat } from './checkpoint';
import { describeWithTorch, printedJson, runPython } from '../testing/pytorch';
import { pyTensor } from './pytorch';
import type { PytorchNames } from './stateDict';

const dir = mkdtempSync(path.join(tmpdir(), 'gru-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READERS = String.raw`
import base64, json, struct, sys
from collections import OrderedDict
import numpy as np
import torch

def read_safetensors(path):
    with open(path, 'rb') as f:
        data = f.read()
    (n,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + n].decode('utf-8'))
    header.pop('__metadata__', None)
    out = {}
    for name, info in header.items():
        assert info['dtype'] == 'F32', info
        begin, end = info['data_offsets']
        values = np.frombuffer(data[8 + n + begin:8 + n + end], dtype='<f4').reshape(info['shape'])
        out[name] = torch.from_numpy(values.copy())
    return out

def read_state_dict_json(path):
    with open(path) as f:
        return {k: torch.tensor(v, dtype=torch.float32) for k, v in json.load(f).items()}

def read_keras_json(path, H):
    # keras/src/layers/rnn/gru.py: kernel (I, 3H), recurrent_kernel (H, 3H), bias (2, 3H), column blocks z | r | h.
    with open(path) as f:
        kernel, recurrent, bias = (np.array(v, dtype=np.float32) for v in json.load(f))
    zrh_to_rzn = lambda m: np.concatenate([m[..., H:2 * H], m[..., 0:H], m[..., 2 * H:]], axis=-1)
    return {
        'weight_ih': torch.from_numpy(np.ascontiguousarray(zrh_to_rzn(kernel).T)),
        'weight_hh': torch.from_numpy(np.ascontiguousarray(zrh_to_rzn(recurrent).T)),
        'bias_ih': torch.from_numpy(zrh_to_rzn(bias[0]).copy()),
        'bias_hh': torch.from_numpy(zrh_to_rzn(bias[1]).copy()),
    }

def read_pt(path):
    # The loader PyTorch recommends for files from elsewhere: only allow-listed globals, no code.
    state = torch.load(path, weights_only=True)
    assert type(state) is OrderedDict, type(state)
    assert state._metadata == {'': {'version': 1}}, state._metadata
    for t in state.values():
        assert t.dtype == torch.float32 and t.is_contiguous() and not t.requires_grad
    return state

def read_npz(path):
    with np.load(path) as z:
        return {k: torch.from_numpy(z[k].copy()) for k in z.files}

def f32_b64(t):
    return base64.urlsafe_b64encode(t.detach().contiguous().numpy().astype('<f4').tobytes()).decode().rstrip('=')
`;

interface PyResult {
  h: number[];
  /** Each loaded parameter's float32 bytes as base64url, by nn.GRUCell name. */
  params: Record<string, string>;
  keys: string[];
}

function runReaders(script: string): PyResult[] {
  return printedJson<PyResult[]>(runPython(READERS + script), 'RESULTS');
}

/** PyTorch's default init U(−1/√H, 1/√H) for weights, wider biases, and a few exact extremes (±0, a subnormal). */
function case_(I: number, H: number, batch: number, seed: number) {
  const rng = seededRng(seed);
  const k = 1 / Math.sqrt(H);
  const u = (n: number, scale: number) => Float32Array.from({ length: n }, () => (rng() * 2 - 1) * scale);
  const weights: GruWeights = {
    inputSize: I,
    hiddenSize: H,
    weightIh: u(3 * H * I, k),
    weightHh: u(3 * H * H, k),
    biasIh: u(3 * H, 1),
    biasHh: u(3 * H, 1),
  };
  weights.weightIh[0] = -0;
  weights.weightHh[1] = 1.4e-45;
  weights.biasHh[2] = -3.5;
  return { weights, x: u(batch * I, 2), h: u(batch * H, 1), batch };
}

type Case = ReturnType<typeof case_>;

function write(c: Case, format: CheckpointFormat, names: PytorchNames): string {
  const file = exportCheckpoint(c.weights, format, { names });
  const where = path.join(dir, `${names}-${c.weights.inputSize}x${c.weights.hiddenSize}-${file.fileName}`);
  writeFileSync(where, file.bytes);
  return where;
}

/** Loads each state into a fresh nn.GRUCell (or nn.GRU for layer-0 names) and runs one step; one Python process. */
function loadAndRun(c: Case, stateExprs: string[], names: PytorchNames): PyResult[] {
  const { inputSize: I, hiddenSize: H } = c.weights;
  const module =
    names === 'GRU'
      ? [`m = torch.nn.GRU(${I}, ${H})`, 'm.load_state_dict(state)', 'y, h_n = m(x.unsqueeze(0), h.unsqueeze(0))', 'h_next = h_n[0]']
      : [`m = torch.nn.GRUCell(${I}, ${H})`, 'm.load_state_dict(state)', 'h_next = m(x, h)'];
  const suffix = names === 'GRU' ? '_l0' : '';
  return runReaders(
    [
      `x = ${pyTensor(c.x, [c.batch, I])}`,
      `h = ${pyTensor(c.h, [c.batch, H])}`,
      'results = []',
      `for state in [${stateExprs.join(', ')}]:`,
      '    with torch.no_grad():',
      ...module.map((l) => `        ${l}`),
      `    params = {n: f32_b64(getattr(m, n + '${suffix}')) for n in ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']}`,
      "    results.append({'h': h_next.flatten().tolist(), 'params': params, 'keys': list(state.keys())})",
      "print('RESULTS=' + json.dumps(results))",
    ].join('\n'),
  );
}

function expectLoadedExactly(result: PyResult, c: Case) {
  for (const t of TENSORS)
    expect(result.params[t], `${t} as PyTorch holds it`).toBe(bytesToBase64url(float32ToBytes(getTensor(c.weights, t))));
}

function expectSameH(result: PyResult, c: Case) {
  const ours = gruCell(c.weights, c.x, c.h, c.batch).h;
  expect(result.h.length).toBe(ours.length);
  const diffs = result.h.map((v, i) => Math.abs(v - ours[i]));
  console.log(
    `h′ PyTorch ${JSON.stringify(result.h.slice(0, 4))}…, ours ${JSON.stringify(Array.from(ours.slice(0, 4)))}…, max |Δ| ${Math.max(...diffs).toExponential(2)}`,
  );
  diffs.forEach((d) => expect(d).toBeLessThanOrEqual(1e-6));
}

const CASES: [number, number, number][] = [
  [3, 4, 1],
  [5, 2, 3],
  [16, 32, 2],
];

describeWithTorch(
  'our checkpoints load into real PyTorch and give the same h′',
  () => {
    for (const names of ['GRUCell', 'GRU'] as const) {
      for (const [I, H, batch] of CASES) {
        it(`.pt (torch.load weights_only=True), safetensors, .npz and state_dict JSON (${names} names), I = ${I}, H = ${H}, batch = ${batch}`, () => {
          const c = case_(I, H, batch, I * 100 + H);
          const [fromSafetensors, fromJson, fromPt, fromNpz] = loadAndRun(
            c,
            [
              `read_safetensors(${JSON.stringify(write(c, 'safetensors', names))})`,
              `read_state_dict_json(${JSON.stringify(write(c, 'state-dict-json', names))})`,
              `read_pt(${JSON.stringify(write(c, 'pt', names))})`,
              `read_npz(${JSON.stringify(write(c, 'npz', names))})`,
            ],
            names,
          );
          const suffix = names === 'GRU' ? '_l0' : '';
          for (const r of [fromSafetensors, fromJson, fromPt, fromNpz]) {
            expect(r.keys).toEqual(TENSORS.map((t) => t + suffix));
            // load_state_dict copies values: the parameters are our float32s, bit for bit.
            expectLoadedExactly(r, c);
            expectSameH(r, c);
          }
          // Same parameters, same PyTorch code: the same h′ exactly.
          for (const r of [fromJson, fromPt, fromNpz]) expect(r.h).toEqual(fromSafetensors.h);
        });
      }
    }

    it('Keras set_weights JSON, converted back with the layout rule from the Keras source, gives the same cell', () => {
      const c = case_(5, 3, 2, 77);
      const [result] = loadAndRun(c, [`read_keras_json(${JSON.stringify(write(c, 'keras-json', 'GRUCell'))}, 3)`], 'GRUCell');
      expectLoadedExactly(result, c);
      expectSameH(result, c);
    });
  },
  120_000,
);
