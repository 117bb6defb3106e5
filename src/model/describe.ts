// Words for one cell of a grid: where it sits in PyTorch's tensors and its term in the equations.
import { GATE_NAMES, gateOfRow } from '../gru/gates';
import type { GridName } from './model';

export interface CellDescription {
  /** PyTorch indexing, e.g. `weight_hh[5, 2]`. */
  index: string;
  gate?: 'r' | 'z' | 'n';
  unit?: number;
  /** Where the value's input comes from: `x[2]`, `h[2]` or `bias`. */
  source: string;
  /** Its symbol and role, e.g. `W_hz[1, 2]: weight from h[2] into the update gate of unit 1`. */
  term: string;
}

export function describeCell(grid: GridName, row: number, col: number, hiddenSize: number): CellDescription {
  if (grid === 'x') {
    return {
      index: `x[${row}, ${col}]`,
      source: 'input',
      term: `x[${col}] of batch row ${row}: feeds W_ir, W_iz, W_in (column ${col} of weight_ih)`,
    };
  }
  if (grid === 'h') {
    return {
      index: `h[${row}, ${col}]`,
      unit: col,
      source: 'previous state',
      term: `h[${col}] of batch row ${row}: feeds W_hr, W_hz, W_hn (column ${col} of weight_hh) and is kept in h′[${col}] by z`,
    };
  }
  const { gate, unit } = gateOfRow(row, hiddenSize);
  const gateText = `the ${GATE_NAMES[gate]} gate of unit ${unit}`;
  switch (grid) {
    case 'weight_ih':
      return {
        index: `weight_ih[${row}, ${col}]`,
        gate,
        unit,
        source: `x[${col}]`,
        term: `W_i${gate}[${unit}, ${col}]: weight from x[${col}] into ${gateText}`,
      };
    case 'weight_hh':
      return {
        index: `weight_hh[${row}, ${col}]`,
        gate,
        unit,
        source: `h[${col}]`,
        term: `W_h${gate}[${unit}, ${col}]: weight from h[${col}] into ${gateText}${gate === 'n' ? ', scaled by r' : ''}`,
      };
    case 'bias_ih':
      return { index: `bias_ih[${row}]`, gate, unit, source: 'bias', term: `b_i${gate}[${unit}]: input-side bias of ${gateText}` };
    case 'bias_hh':
      return {
        index: `bias_hh[${row}]`,
        gate,
        unit,
        source: 'bias',
        term:
          gate === 'n'
            ? `b_hn[${unit}]: recurrent bias of ${gateText}, inside r ⊙ (W_hn h + b_hn), so r scales it`
            : `b_h${gate}[${unit}]: recurrent-side bias of ${gateText}`,
      };
  }
}
