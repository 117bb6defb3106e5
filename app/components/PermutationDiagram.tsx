// The block permutation drawn: PyTorch's r | z | n on top, the framework's blocks below, one ribbon per gate.
import { blockMap, FRAMEWORK_LAYOUTS, type Framework } from '../../src';

const BOX_W = 64;
const BOX_H = 22;
const GAP = 26;
const LEFT = 92;
const TOP = 6;
const BOTTOM = 64;

export function PermutationDiagram({ framework }: { framework: Framework }) {
  const layout = FRAMEWORK_LAYOUTS[framework];
  const map = blockMap(framework);
  const x = (slot: number) => LEFT + slot * (BOX_W + GAP);
  const width = x(3);
  const flax = layout.blockAxis === 'separate';
  const swapped = map.filter((m) => m.block !== m.pytorchBlock).map((m) => m.gate);
  const name = (label: string) => (flax ? `i${label} · h${label}` : label);
  const summary = swapped.length
    ? `PyTorch's blocks r, z, n are stored by ${layout.label} as ${layout.blockLabels.join(', ')}: ${swapped.join(' and ')} swap places.`
    : `${layout.label} keeps PyTorch's order r, z, n${flax ? ', as separate tensors' : ''}.`;
  return (
    <figure className="permutation">
      <svg width={width} height={BOTTOM + BOX_H + 4} role="img" aria-label={summary}>
        <text x={0} y={TOP + 15} className="perm-side">
          PyTorch
        </text>
        <text x={0} y={BOTTOM + 15} className="perm-side">
          {layout.label.split(' ')[0]}
        </text>
        {map.map((m) => {
          const x0 = x(m.pytorchBlock) + BOX_W / 2;
          const x1 = x(m.block) + BOX_W / 2;
          const y0 = TOP + BOX_H;
          const y1 = BOTTOM;
          const mid = (y0 + y1) / 2;
          return (
            <g key={m.gate}>
              <path d={`M${x0},${y0} C${x0},${mid} ${x1},${mid} ${x1},${y1}`} className={`perm-ribbon stroke-${m.gate}`} />
              <rect x={x(m.pytorchBlock)} y={TOP} width={BOX_W} height={BOX_H} rx={4} className={`fill-${m.gate}`} />
              <text x={x0} y={TOP + 15} className="perm-label">
                {m.gate}
              </text>
              <rect x={x(m.block)} y={BOTTOM} width={BOX_W} height={BOX_H} rx={4} className={`fill-${m.gate}`} />
              <text x={x1} y={BOTTOM + 15} className="perm-label">
                {name(m.label)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
