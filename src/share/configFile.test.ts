import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { seededRng } from '../init/random';
import { emptyModel, LIMITS } from '../model/model';
import { encodeState, type SharedState } from './codec';
import { configFileText, MAX_CONFIG_BYTES, readConfigFile } from './configFile';
import { DEFAULT_VIEW } from './schema';

const sameBits = (a: Float32Array, b: Float32Array) => {
  const [x, y] = [new Uint32Array(a.buffer, a.byteOffset, a.length), new Uint32Array(b.buffer, b.byteOffset, b.length)];
  return x.length === y.length && x.every((bits, i) => bits === y[i]);
};

describe('configuration files', () => {
  it('the largest state the explorer can hold (an imported nn.GRUCell(1024, 1024), batch 64) reopens bit for bit', () => {
    const { inputSize: I, hiddenSize: H, batch } = LIMITS;
    const model = emptyModel(I, H, batch);
    const rng = seededRng(11);
    // Full-precision floats, as a trained checkpoint holds: deflate cannot shorten them.
    for (const a of [model.weights.weightIh, model.weights.weightHh, model.weights.biasIh, model.weights.biasHh, model.x, model.h]) {
      for (let i = 0; i < a.length; i++) a[i] = (rng() * 2 - 1) / 32;
    }
    const state: SharedState = { model, recipe: null, view: DEFAULT_VIEW };
    const file = strToU8(configFileText(encodeState(state)));
    console.log(`max-size configuration file: ${(file.length / 1e6).toFixed(1)} MB (limit ${(MAX_CONFIG_BYTES / 1e6).toFixed(1)} MB)`);
    expect(file.length).toBeGreaterThan(33.6e6); // past the 32 MiB the decoder allowed before
    const r = readConfigFile(file);
    if (!r.ok) throw new Error(r.error);
    const back = r.state.model;
    expect([back.weights.inputSize, back.weights.hiddenSize, back.batch]).toEqual([I, H, batch]);
    for (const key of ['weightIh', 'weightHh', 'biasIh', 'biasHh'] as const)
      expect(sameBits(back.weights[key], model.weights[key]), key).toBe(true);
    expect(sameBits(back.x, model.x) && sameBits(back.h, model.h)).toBe(true);
  }, 120_000);

  it.each([
    ['not JSON', 'hello', /not a GRU Explorer configuration \(not JSON\)/],
    ['another format', JSON.stringify({ format: 'other', state: 'x' }), /not a GRU Explorer configuration\./],
    ['nested', '['.repeat(100_000), /not JSON/],
    ['a damaged state', configFileText('%%%'), /The link is damaged or truncated/],
  ])('%s gets a clear message', (_, text, message) => {
    const r = readConfigFile(strToU8(text));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('a file past the size of the largest state is refused before parsing', () => {
    const r = readConfigFile(new Uint8Array(MAX_CONFIG_BYTES + 1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/a configuration is at most 46 MB/);
  });
});
