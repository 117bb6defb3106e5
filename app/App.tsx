// Layout only: the heatmaps on the left; beside them the open lesson, the live cell, its equations
// and inputs, then the other panels. On one column (narrow windows) the same panels are reordered by
// CSS so the lesson, the heatmaps and the live cell come first.
import { TensorBands, ZoomControls } from './components/TensorBands';
import { Toolbar, ViewOptions } from './components/Toolbar';
import { Legend } from './components/Legend';
import { Outputs } from './components/Outputs';
import { Equations } from './components/Equations';
import { CellInspector } from './components/CellInspector';
import { InitPanel } from './components/InitPanel';
import { SizeControls } from './components/SizeControls';
import { Inputs } from './components/Inputs';
import { MessageBar } from './components/MessageBar';
import { EarlierWork } from './components/EarlierWork';
import { FullExplorerLink } from './components/FullExplorerLink';
import { useShortcuts } from './hooks/useShortcuts';
import { useExplorer } from './store/store';
import { SharePanel } from './components/SharePanel';
import { LessonsPanel } from './components/LessonsPanel';
import { CodePanel } from './components/CodePanel';
import { ImportPanel } from './components/ImportPanel';
import { ExportPanel } from './components/ExportPanel';
import { DetectivePanel } from './components/DetectivePanel';
import { LayoutLens } from './components/LayoutLens';
import { ComparePanel } from './components/ComparePanel';
import { SequencePanel } from './components/SequencePanel';
import { LessonGuide } from './lessons/LessonGuide';
import { HNextStrip } from './components/HNextStrip';
import { HoverPopover } from './components/HoverPopover';
import { HZeroNote } from './components/HZeroNote';
import { Settings } from './components/Settings';
import { SkipLink } from './components/SkipLink';
import { TrainPanel } from './train/TrainPanel';

export function App() {
  useShortcuts();
  const embed = useExplorer((s) => s.embed);
  const readonly = useExplorer((s) => s.readonly);
  if (embed) return <EmbedView readonly={readonly} />;
  return (
    <div className="app">
      <SkipLink target="weights">Skip to the weights</SkipLink>
      <header className="top">
        <h1>GRU Explorer</h1>
        <p className="tagline">PyTorch's GRU weights by gate: reset r, update z, new n</p>
        <SizeControls />
        <EarlierWork />
        <Settings />
      </header>
      {/* The toolbar and messages span the top of <main> (every part of the page in a landmark). */}
      <main className="main">
        <Toolbar />
        <MessageBar />
        <div className="left">
          <section className="panel heatmaps" id="weights" tabIndex={-1} aria-label="Weights">
            <div className="panel-head">
              <h2>
                Weights <span className="muted">row blocks r | z | n, as nn.GRUCell stores them</span>
              </h2>
              <div className="panel-tools">
                <ZoomControls />
                <ViewOptions />
                <Legend />
              </div>
            </div>
            <HNextStrip />
            <HZeroNote />
            <TensorBands />
          </section>
          <TrainPanel />
          <CellInspector />
          <LayoutLens />
          <ComparePanel />
          <CodePanel />
        </div>
        <div className="right">
          <LessonGuide />
          <Outputs />
          <Equations />
          <Inputs />
          <SequencePanel />
          <InitPanel />
          <SharePanel />
          <ImportPanel />
          <ExportPanel />
          <LessonsPanel />
          <DetectivePanel />
        </div>
        <HoverPopover />
      </main>
    </div>
  );
}

/** For course pages in an iframe: the heatmaps and the live cell, no editing chrome. */
function EmbedView({ readonly }: { readonly: boolean }) {
  return (
    <div className="app embed">
      <header className="top">
        <h1>GRU Explorer</h1>
        <FullExplorerLink />
      </header>
      <main className="main">
        {!readonly && <Toolbar />}
        <MessageBar />
        <section className="panel heatmaps" aria-label="Weights">
          <TensorBands />
        </section>
        <div className="right">
          <Outputs />
          <Inputs />
          <SequencePanel />
          <Equations />
        </div>
        <HoverPopover />
      </main>
    </div>
  );
}
