// PyTorch's GRU equations with the live numbers of the selected unit j and batch row b.
import { useExplorer } from '../store/store';
import { selectOutputs } from '../store/outputs';
import type { ReactNode } from 'react';
import { formatValue as f } from '../format';
import { gateTerms } from '../../src';

export function Equations() {
  const outputs = useExplorer(selectOutputs);
  const model = useExplorer((s) => s.model);
  const j = useExplorer((s) => s.selectedUnit);
  const b = useExplorer((s) => s.selectedBatch);
  const H = model.weights.hiddenSize;
  const u = b * H + j;
  const [tr, tz, tn] = gateTerms(model.weights, outputs, j, b);
  const r = outputs.r[u];
  const z = outputs.z[u];
  const n = outputs.n[u];
  const h = model.h[u];
  const hNext = outputs.h[u];
  const paren = (v: number) => (v < 0 ? `(${f(v)})` : f(v));

  return (
    <section className="panel equations" aria-label="Equations">
      <h2>
        Equations{' '}
        <span className="muted">
          unit j = {j}
          {model.batch > 1 ? `, batch row ${b}` : ''} — click any cell to choose
        </span>
      </h2>
      {/* Each gate on two lines — the formula, then its numbers — with the result in its own column, so
          the whole block fits the live cell's column (~440 px) without clipping the results. */}
      <div className="eq-grid" role="table" aria-label="GRU equations with the selected unit's numbers">
        <Row
          gate="r"
          name={
            <>
              r<sub>{j}</sub>
            </>
          }
          label={`r${j}`}
          result={r}
          formula={
            <>
              σ(W<sub>ir</sub>x + b<sub>ir</sub> + W<sub>hr</sub>h + b<sub>hr</sub>)
            </>
          }
          numbers={
            <>
              σ({f(tr.wx)} + {paren(tr.bi)} + {paren(tr.wh)} + {paren(tr.bh)})
            </>
          }
        />
        <Row
          gate="z"
          name={
            <>
              z<sub>{j}</sub>
            </>
          }
          label={`z${j}`}
          result={z}
          formula={
            <>
              σ(W<sub>iz</sub>x + b<sub>iz</sub> + W<sub>hz</sub>h + b<sub>hz</sub>)
            </>
          }
          numbers={
            <>
              σ({f(tz.wx)} + {paren(tz.bi)} + {paren(tz.wh)} + {paren(tz.bh)})
            </>
          }
        />
        <Row
          gate="n"
          name={
            <>
              n<sub>{j}</sub>
            </>
          }
          label={`n${j}`}
          result={n}
          formula={
            <>
              tanh(W<sub>in</sub>x + b<sub>in</sub> + r ⊙ (W<sub>hn</sub>h + b<sub>hn</sub>))
            </>
          }
          numbers={
            <>
              tanh({f(tn.wx)} + {paren(tn.bi)} + {f(r)}·({f(tn.wh)} + {paren(tn.bh)}))
            </>
          }
        />
        <Row
          gate="h"
          name={
            <>
              h′<sub>{j}</sub>
            </>
          }
          label={`h′${j}`}
          result={hNext}
          formula={<>(1 − z) ⊙ n + z ⊙ h</>}
          numbers={
            <>
              (1 − {f(z)})·{paren(n)} + {f(z)}·{paren(h)}
            </>
          }
        />
      </div>
    </section>
  );
}

function Row({
  gate,
  name,
  label,
  formula,
  numbers,
  result,
}: {
  gate: string;
  name: ReactNode;
  label: string;
  formula: ReactNode;
  numbers: ReactNode;
  result: number;
}) {
  return (
    <div className={`eq-row eq-${gate}`} role="row">
      <span className="eq-name" role="rowheader">
        {name}
      </span>
      <span className="eq-body" role="cell">
        <span className="eq-formula">= {formula}</span>
        <span className="eq-numbers">= {numbers}</span>
      </span>
      <span className="eq-result result" role="cell" aria-label={label}>
        = {f(result)}
      </span>
    </div>
  );
}
