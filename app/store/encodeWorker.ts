// Encodes large states off the main thread: deflating a raw 1024-hidden cell takes seconds.
import { encodeState, type SharedState } from '../../src';
import { serve } from '../workers/rpc';

serve<SharedState, string>(encodeState);
