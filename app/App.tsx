// Layout only: the heatmaps on the left, the live cell on the right.
import { TensorBands } from './components/TensorBands';
import { Toolbar, ViewOptions } from './components/Toolbar';
import { Legend } from './components/Legend';
import { Outputs } from './components/Outputs';
import { Equations } from './components/Equations';
import { CellInspector } from './components/CellInspector';
import { InitPanel } from './components/InitPanel';
import { SizeControls } from './components/SizeControls';
import { Inputs } from './components/Inputs';
import { MessageBar } from './components/MessageBar';
import { useShortcuts } from './hooks/useShortcuts';
import { useEffect } from 'react';
import { endStroke } from './store/actions';

export function App() {
  useShortcuts();
  useEffect(() => {
    window.addEventListener('pointerup', endStroke);
    return () => window.removeEventListener('pointerup', endStroke);
  }, []);
  return (
    <div className="app">
      <header className="top">
        <h1>GRU Explorer</h1>
        <p className="tagline">PyTorch's GRU weights by gate: reset r, update z, new n</p>
        <SizeControls />
      </header>
      <Toolbar />
      <MessageBar />
      <main className="main">
        <div className="left">
          <section className="panel heatmaps" aria-label="Weights">
            <div className="panel-head">
              <h2>Weights <span className="muted">row blocks r | z | n, as nn.GRUCell stores them</span></h2>
              <div className="panel-tools">
                <ViewOptions />
                <Legend />
              </div>
            </div>
            <TensorBands />
          </section>
          <CellInspector />
          <Equations />
        </div>
        <div className="right">
          <Outputs />
          <Inputs />
          <InitPanel />
        </div>
      </main>
    </div>
  );
}
