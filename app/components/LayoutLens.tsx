// The layout lens: the current cell as Keras, ONNX, TF.js or Flax store it, with the block permutation drawn
// and playable, every parameter's address in every framework on hover, and the reset-after / reset-before
// switch. Facts: docs/gru-conventions.md; geometry: src/layouts/lens.ts.
import { useMemo, useState } from 'react';
import { FRAMEWORK_LAYOUTS, frameworkTensors, LENS_FRAMEWORKS, type Framework, type LensFramework } from '../../src';
import { useExplorer } from '../store/store';
import { setLens } from '../store/actions';
import { LensHeatmap } from './LensHeatmap';
import { PermutationDiagram } from './PermutationDiagram';
import { CrossIndex } from './CrossIndex';
import { VariantCompare } from './VariantCompare';
import { RadioGroup } from './RadioGroup';

const SHORT: Record<Framework, string> = { pytorch: 'PyTorch', keras: 'Keras', onnx: 'ONNX', tfjs: 'TF.js', flax: 'Flax' };
const FRAMEWORK_OPTIONS = LENS_FRAMEWORKS.map((fw) => ({ value: fw, label: SHORT[fw] }));

export function LayoutLens() {
  const I = useExplorer((s) => s.model.weights.inputSize);
  const H = useExplorer((s) => s.model.weights.hiddenSize);
  const framework = useExplorer((s) => s.lensFramework);
  const semantics = useExplorer((s) => s.cellSemantics);
  const [playKey, setPlayKey] = useState(0);
  const tensors = useMemo(() => frameworkTensors(framework, I, H), [framework, I, H]);
  const layout = FRAMEWORK_LAYOUTS[framework];
  const flax = framework === 'flax';

  const choose = (fw: LensFramework) => {
    setLens(fw, FRAMEWORK_LAYOUTS[fw].semantics); // TF.js is reset-before only
    setPlayKey((k) => k + 1);
  };

  return (
    <section className="panel lens" aria-label="Framework layouts">
      <div className="panel-head">
        <h2>
          Framework layouts <span className="muted">the same cell as another framework stores it</span>
        </h2>
        <div className="panel-tools">
          <RadioGroup label="Framework" options={FRAMEWORK_OPTIONS} value={framework} onChange={choose} />
          {!flax && (
            <button
              type="button"
              onClick={() => setPlayKey((k) => k + 1)}
              title="Slide the gate blocks from PyTorch's r | z | n into this layout"
            >
              ▶ Play the move
            </button>
          )}
        </div>
      </div>
      <div className="lens-intro">
        <PermutationDiagram framework={framework} />
        <p className="lens-facts">
          {layout.transposed
            ? 'Matrices stored (in, out): the transpose of PyTorch’s (out, in). '
            : 'Matrices stored (out, in), like PyTorch. '}
          {layout.exact ? 'Same function as PyTorch: values are only moved' : 'Not the same function: TF.js is reset-before only'}
          {framework === 'flax' || framework === 'tfjs' ? ', r and z biases folded (b_i + b_h)' : ''}.{' '}
          <span className="muted">Source: {layout.source}</span>
        </p>
      </div>
      <div className={`lens-tensors${flax ? ' lens-flax' : ''}`}>
        {tensors.map((t) => (
          <LensHeatmap
            key={`${framework}:${t.name}:${I}:${H}`}
            tensor={t}
            I={I}
            H={H}
            maxWidth={flax ? 200 : 620}
            maxHeight={flax ? 140 : 230}
            playKey={playKey}
          />
        ))}
      </div>
      <CrossIndex />
      <VariantCompare semantics={semantics} onChange={(sem) => setLens(framework, sem)} />
    </section>
  );
}
