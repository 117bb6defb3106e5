// Reads links off the main thread: a hostile or huge link may take seconds to inflate, parse and replay, and
// the page must stay responsive (and show the last good state) meanwhile. decodeState never throws.
import { decodeState, type DecodeResult } from '../../src';
import { buffersOf, serve } from '../workers/rpc';

serve<string, DecodeResult>(
  (text) => decodeState(text),
  (result) => {
    if (!result.ok) return [];
    const { weights, x, h } = result.state.model;
    return buffersOf([weights.weightIh, weights.weightHh, weights.biasIh, weights.biasHh, x, h]);
  },
);
