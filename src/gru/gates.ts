// PyTorch stacks the three gates as row blocks in the order r | z | n:
// rows [0, H) reset, [H, 2H) update, [2H, 3H) new (candidate).
// Source: torch/nn/modules/rnn.py (nn.GRU docstring, `weight_ih_l[k] = (W_ir|W_iz|W_in)`) and
// aten/src/ATen/native/RNN.cpp (GRUCell: `chunk(3)` → reset, input_gate (= z), new).
export const GATES = ['r', 'z', 'n'] as const;

export type Gate = (typeof GATES)[number];

export const GATE_NAMES: Readonly<Record<Gate, string>> = {
  r: 'reset',
  z: 'update',
  n: 'new',
};

export interface RowRange {
  /** First row of the band (inclusive). */
  start: number;
  /** One past the last row of the band. */
  end: number;
}

/** The rows of `weight_ih`, `weight_hh`, `bias_ih` or `bias_hh` that belong to `gate`. */
export function gateRows(gate: Gate, hiddenSize: number): RowRange {
  const k = GATES.indexOf(gate);
  if (k < 0) throw new Error(`unknown gate "${String(gate)}"; expected one of ${GATES.join(', ')}`);
  return { start: k * hiddenSize, end: (k + 1) * hiddenSize };
}

/** Which gate and hidden unit a row of a 3H-row tensor belongs to. */
export function gateOfRow(row: number, hiddenSize: number): { gate: Gate; unit: number } {
  if (!Number.isInteger(row) || row < 0 || row >= 3 * hiddenSize) {
    throw new Error(`row ${row} is outside 0..${3 * hiddenSize - 1} (3H rows for H = ${hiddenSize})`);
  }
  return { gate: GATES[Math.floor(row / hiddenSize)], unit: row % hiddenSize };
}

/** PyTorch slice text selecting a gate band, e.g. `weight_hh[4:8]` for z when H = 4. */
export function gateSlice(tensorName: string, gate: Gate, hiddenSize: number): string {
  const { start, end } = gateRows(gate, hiddenSize);
  return `${tensorName}[${start}:${end}]`;
}
