// Words shared by the heatmaps and the PNG figure.
import type { Gate } from '../../src';

/** What each gate does, as the heatmap gutter and the PNG figure say it. */
export const GATE_ROLE: Record<Gate, string> = {
  r: 'how much of h the candidate sees',
  z: "how much of h is kept in h'",
  n: 'the candidate new state',
};
