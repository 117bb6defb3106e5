// Paint tools, the brush value, undo/redo and the view options. Shortcut letters are shown on the
// buttons and handled in useShortcuts.
import { useState, type FormEvent } from 'react';
import { parseValue } from '../../src';
import { useExplorer, useExplorer as store } from '../store/store';
import { TOOLS } from '../tools';
import {
  redo,
  resetToDefault,
  setBrushValue,
  setFillAllTensors,
  setFixedRange,
  setPalette,
  setTool,
  showMessage,
  undo,
} from '../store/actions';
import { formatExact } from '../format';
import { PALETTES, type PaletteName } from '../canvas/palette';
import { copyFigure, savePng, saveSvg } from '../figure/save';
import { useStore } from 'zustand';
import { InlineError } from './InlineError';

export function Toolbar() {
  const tool = useExplorer((s) => s.tool);
  const fillAll = useExplorer((s) => s.fillAllTensors);
  const canUndo = useStore(store.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(store.temporal, (s) => s.futureStates.length > 0);

  return (
    <div className="toolbar" role="toolbar" aria-label="Paint tools">
      <div className="tool-group">
        {TOOLS.map((t) => (
          <button
            key={t.tool}
            type="button"
            className="tool"
            aria-pressed={tool === t.tool}
            title={`${t.label} (${t.key}): ${t.hint}`}
            onClick={() => setTool(t.tool)}
          >
            {t.label} <kbd>{t.key}</kbd>
          </button>
        ))}
      </div>
      <BrushValue />
      <label className="check" title="Fill band applies to the same gate in weight_ih, weight_hh, bias_ih and bias_hh">
        <input type="checkbox" checked={fillAll} onChange={(e) => setFillAllTensors(e.target.checked)} /> band fill in all four tensors
      </label>
      <div className="tool-group">
        <button type="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z or Ctrl+Y)">
          Redo
        </button>
        <button type="button" onClick={resetToDefault} title="Back to the default cell (undoable)">
          Reset
        </button>
      </div>
    </div>
  );
}

function BrushValue() {
  const value = useExplorer((s) => s.brushValue);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = (text: string) => {
    const parsed = parseValue(text, 'brush value');
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setDraft(null);
    if (parsed.notice) showMessage(parsed.notice);
    setBrushValue(parsed.value);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    commit(draft ?? formatExact(value));
  };
  return (
    <form className="brush-value" onSubmit={onSubmit}>
      <label>
        value{' '}
        <input
          aria-label="Brush value"
          value={draft ?? formatExact(value)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => draft !== null && commit(draft)}
          size={7}
          aria-invalid={!!error}
        />
      </label>
      <input
        type="range"
        aria-label="Brush value slider"
        min={-20}
        max={20}
        step={0.5}
        value={Math.max(-20, Math.min(20, value))}
        onChange={(e) => {
          setDraft(null);
          setError(null);
          setBrushValue(Number(e.target.value));
        }}
      />
      {[-20, -1, 0, 1, 20].map((v) => (
        <button
          type="button"
          key={v}
          className="chip"
          onClick={() => {
            setDraft(null);
            setError(null);
            setBrushValue(v);
          }}
          aria-label={`Brush value ${v}`}
        >
          {v > 0 ? `+${v}` : v}
        </button>
      ))}
      <InlineError error={error} />
    </form>
  );
}

export function ViewOptions() {
  const palette = useExplorer((s) => s.palette);
  const fixedRange = useExplorer((s) => s.fixedRange);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const figure = async (what: 'PNG' | 'SVG' | 'copy') => {
    setSaving(true);
    setCopied(null);
    try {
      if (what === 'PNG') await savePng(store.getState());
      else if (what === 'SVG') saveSvg(store.getState());
      else setCopied((await copyFigure(store.getState())) ? 'Figure copied' : 'This browser did not allow copying an image: use Save PNG');
    } catch (e) {
      showMessage(`${what === 'copy' ? 'Copy figure' : `Save ${what}`} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="view-options">
      <label>
        colours{' '}
        <select aria-label="Colour map" value={palette} onChange={(e) => setPalette(e.target.value as PaletteName)}>
          {Object.entries(PALETTES).map(([name, p]) => (
            <option key={name} value={name}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() === '') {
            setFixedRange(null);
            setError(null);
            return;
          }
          const parsed = parseValue(text, 'range');
          if (!parsed.ok || parsed.value <= 0) return setError(parsed.ok ? 'range: must be above 0' : parsed.error);
          setError(null);
          setFixedRange(parsed.value);
        }}
      >
        <label>
          range ±<input aria-label="Colour range" placeholder="auto" value={text} onChange={(e) => setText(e.target.value)} size={5} />
        </label>
        {fixedRange !== null && (
          <button
            type="button"
            className="chip"
            onClick={() => {
              setText('');
              setFixedRange(null);
            }}
          >
            auto
          </button>
        )}
        <InlineError error={error} />
      </form>
      {/* The figure: the four tensors by gate band with the legend, and the live cell (x, h, r, z, n, h′) beside them (A, B and B − A with an A pinned). */}
      <div className="tool-group figure-tools" role="group" aria-label="Figure">
        <button
          type="button"
          onClick={() => figure('PNG')}
          disabled={saving}
          title="Save the heatmaps and the live cell (x, h, r, z, n, h′) as a PNG figure for slides, at 2× resolution, in the current colours and zoom; with an A pinned in Compare, A, B and B − A"
        >
          Save PNG
        </button>
        <button
          type="button"
          onClick={() => figure('SVG')}
          disabled={saving}
          aria-label="Save SVG"
          title="The same figure as SVG: text and lines stay editable, cells stay sharp"
        >
          SVG
        </button>
        <button
          type="button"
          onClick={() => figure('copy')}
          disabled={saving}
          aria-label="Copy figure"
          title="Copy the PNG figure to the clipboard, to paste into slides"
        >
          Copy
        </button>
        {copied && (
          <span className="muted figure-status" role="status">
            {copied}
          </span>
        )}
      </div>
    </div>
  );
}
