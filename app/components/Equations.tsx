// PyTorch's GRU equations with the live numbers of the selected unit j and batch row b.
import { useExplorer } from '../store/store';
import { selectOutputs } from '../store/outputs';
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
        Equations <span className="muted">unit j = {j}{model.batch > 1 ? `, batch row ${b}` : ''} — click any cell to choose</span>
      </h2>
      <table>
        <tbody>
          <tr className="eq-r">
            <th>r<sub>{j}</sub></th>
            <td>= σ(W<sub>ir</sub>x + b<sub>ir</sub> + W<sub>hr</sub>h + b<sub>hr</sub>)</td>
            <td>= σ({f(tr.wx)} + {paren(tr.bi)} + {paren(tr.wh)} + {paren(tr.bh)})</td>
            <td className="result" aria-label={`r${j}`}>= {f(r)}</td>
          </tr>
          <tr className="eq-z">
            <th>z<sub>{j}</sub></th>
            <td>= σ(W<sub>iz</sub>x + b<sub>iz</sub> + W<sub>hz</sub>h + b<sub>hz</sub>)</td>
            <td>= σ({f(tz.wx)} + {paren(tz.bi)} + {paren(tz.wh)} + {paren(tz.bh)})</td>
            <td className="result" aria-label={`z${j}`}>= {f(z)}</td>
          </tr>
          <tr className="eq-n">
            <th>n<sub>{j}</sub></th>
            <td>= tanh(W<sub>in</sub>x + b<sub>in</sub> + r ⊙ (W<sub>hn</sub>h + b<sub>hn</sub>))</td>
            <td>= tanh({f(tn.wx)} + {paren(tn.bi)} + {f(r)}·({f(tn.wh)} + {paren(tn.bh)}))</td>
            <td className="result" aria-label={`n${j}`}>= {f(n)}</td>
          </tr>
          <tr className="eq-h">
            <th>h′<sub>{j}</sub></th>
            <td>= (1 − z) ⊙ n + z ⊙ h</td>
            <td>= (1 − {f(z)})·{paren(n)} + {f(z)}·{paren(h)}</td>
            <td className="result" aria-label={`h′${j}`}>= {f(hNext)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
