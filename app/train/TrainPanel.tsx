// The training lab: pick a task and settings, press Play, and watch the r | z | n bands learn.
// Training runs in a worker (session.ts); every pause hands the weights to the explorer as one undo
// step, so they can be painted, shared in a link or exported.
import { useState } from 'react';
import { LESSONS, TASKS, TASK_IDS, TRAIN_LIMITS, type FrozenGate, type TaskId, type TrainConfig } from '../../src';
import { formatValue } from '../format';
import { openLesson, pause, play, reset, setConfig, setFromExplorer, setMode, step, tuneLive, useTrain } from './session';
import { TrainHeatmaps } from './TrainHeatmaps';
import { TrainCurves } from './TrainCurves';
import { GateStrip } from './GateStrip';
import { TryAndSee } from '../lessons/TryAndSee';
import './train.css';
import { InlineError } from '../components/InlineError';

const TRAIN_LESSONS = LESSONS.filter((l) => l.train);

const OPTIMIZERS: { value: TrainConfig['optimizer']; label: string }[] = [
  { value: 'adam', label: 'Adam' },
  { value: 'adamw', label: 'AdamW (decay 0.01)' },
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'SGD, momentum 0.9' },
  { value: 'nesterov', label: 'SGD, Nesterov 0.9' },
];

/** A number field that keeps what was typed (so "abc" or "-1" reach the checks and their message). */
function NumberField({
  label,
  name,
  value,
  onValue,
  onCommit,
  width = 64,
}: {
  label: string;
  name: string;
  value: number;
  onValue: (v: number) => void;
  onCommit?: () => void;
  width?: number;
}) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown && !(Number.isNaN(value) && Number.isNaN(shown))) {
    // Changed from outside (a lesson preset): show the new value.
    setShown(value);
    setText(String(value));
  }
  return (
    <label>
      {label}
      <input
        name={name}
        value={text}
        inputMode="decimal"
        style={{ width }}
        onChange={(e) => {
          setText(e.target.value);
          const v = e.target.value.trim() === '' ? NaN : Number(e.target.value);
          setShown(v);
          onValue(v);
        }}
        onBlur={onCommit}
        onKeyDown={(e) => e.key === 'Enter' && onCommit?.()}
      />
    </label>
  );
}

function Status() {
  const snap = useTrain((s) => s.snapshot);
  const status = useTrain((s) => s.status);
  const runConfig = useTrain((s) => s.runConfig);
  if (!snap || !runConfig) return <p className="train-status muted">No run yet.</p>;
  const task = TASKS[runConfig.task];
  const classification = task.loss === 'cross-entropy';
  const metric = Number.isFinite(snap.metric) ? (classification ? `${(snap.metric * 100).toFixed(1)} %` : formatValue(snap.metric)) : '—';
  return (
    <p className="train-status" aria-live="polite">
      <span>
        step <strong data-field="step">{snap.step}</strong>
      </span>
      <span>
        loss <strong>{Number.isFinite(snap.loss) ? formatValue(snap.loss) : '—'}</strong>
      </span>
      <span>
        {classification ? 'accuracy' : 'MSE'} <strong>{metric}</strong>
      </span>
      <span>
        ‖∇‖ <strong>{Number.isFinite(snap.gradNorm) ? formatValue(snap.gradNorm) : '—'}</strong>
      </span>
      <span>
        <strong data-field="sps">{status === 'running' ? snap.stepsPerSecond.toFixed(1) : '0'}</strong> steps/s
      </span>
      {snap.solvedAt !== null && (
        <span className="train-solved">
          ✓ threshold met at step {snap.solvedAt} (
          {classification ? `${((snap.solvedScore ?? 0) * 100).toFixed(1)} %` : formatValue(snap.solvedScore ?? NaN)} on 256 new sequences)
        </span>
      )}
    </p>
  );
}

export function TrainPanel() {
  const config = useTrain((s) => s.config);
  const status = useTrain((s) => s.status);
  const error = useTrain((s) => s.error);
  const mode = useTrain((s) => s.mode);
  const fromExplorer = useTrain((s) => s.fromExplorer);
  const points = useTrain((s) => s.points);
  const runConfig = useTrain((s) => s.runConfig);
  const snap = useTrain((s) => s.snapshot);
  const task = TASKS[config.task];
  const running = status === 'running';
  const shownTask = TASKS[runConfig?.task ?? config.task];
  const lessonId = useTrain((s) => s.lesson);
  const lesson = TRAIN_LESSONS.find((l) => l.id === lessonId);

  return (
    <section
      className="panel train"
      aria-label="Train"
      data-status={status}
      data-step={snap?.step ?? 0}
      data-loss={snap && Number.isFinite(snap.loss) ? snap.loss : ''}
      data-metric={snap && Number.isFinite(snap.metric) ? snap.metric : ''}
      data-solved-at={snap?.solvedAt ?? ''}
    >
      <div className="panel-head">
        <h2>
          Train <span className="muted">watch the gate blocks learn (PyTorch's autograd and torch.optim rules, in a worker)</span>
        </h2>
      </div>
      <div className="train-controls">
        <label>
          Lesson
          <select
            name="lesson"
            value={lessonId ?? ''}
            onChange={(e) => {
              const chosen = TRAIN_LESSONS.find((l) => l.id === e.target.value);
              if (chosen) openLesson(chosen);
            }}
          >
            <option value="">(none)</option>
            {TRAIN_LESSONS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title.replace(/^Train: /, '')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Task
          <select
            name="task"
            value={config.task}
            onChange={(e) => setConfig({ task: e.target.value as TaskId, steps: TASKS[e.target.value as TaskId].defaultSteps })}
          >
            {TASK_IDS.map((id) => (
              <option key={id} value={id}>
                {TASKS[id].label}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="T" name="steps" value={config.steps} onValue={(steps) => setConfig({ steps })} width={48} />
        <NumberField label="batch" name="batch" value={config.batch} onValue={(batch) => setConfig({ batch })} width={48} />
        <NumberField label="H" name="hidden" value={config.hiddenSize} onValue={(hiddenSize) => setConfig({ hiddenSize })} width={48} />
        <label>
          Optimizer
          <select
            name="optimizer"
            value={config.optimizer}
            onChange={(e) => setConfig({ optimizer: e.target.value as TrainConfig['optimizer'] })}
          >
            {OPTIMIZERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="lr" name="lr" value={config.lr} onValue={(lr) => setConfig({ lr })} onCommit={tuneLive} />
        <NumberField label="clip" name="clip" value={config.clip} onValue={(clip) => setConfig({ clip })} onCommit={tuneLive} width={48} />
        <NumberField label="seed" name="seed" value={config.seed} onValue={(seed) => setConfig({ seed })} width={48} />
        <label>
          Freeze
          <select
            name="freeze"
            value={config.freeze ?? ''}
            onChange={(e) => setConfig({ freeze: (e.target.value || null) as FrozenGate | null })}
          >
            <option value="">nothing</option>
            <option value="r">r at 0</option>
            <option value="z">z at 0</option>
          </select>
        </label>
        <label className="check" title={`Needs the explorer at I = ${task.inputSize}, H = ${config.hiddenSize}`}>
          <input type="checkbox" checked={fromExplorer} onChange={(e) => setFromExplorer(e.target.checked)} />
          start from the explorer's weights
        </label>
      </div>
      {lesson && (
        <div className="train-lesson">
          <TryAndSee lesson={lesson} />
        </div>
      )}
      <p className="muted train-task">
        {task.description} <strong>Success:</strong> {task.thresholdText}. Limits: T ≤ {TRAIN_LIMITS.steps}, batch ≤ {TRAIN_LIMITS.batch}, H
        ≤ {TRAIN_LIMITS.hiddenSize}.
      </p>
      <div className="train-buttons">
        {running ? (
          <button type="button" onClick={pause} aria-label="Pause">
            ❚❚ Pause
          </button>
        ) : (
          <button type="button" onClick={play} aria-label="Play">
            ▶ Play
          </button>
        )}
        <button type="button" onClick={() => step(1)} disabled={running}>
          Step
        </button>
        <button type="button" onClick={() => step(10)} disabled={running}>
          +10
        </button>
        <button type="button" onClick={reset} title="A new run from PyTorch's default init at the seed">
          Reset
        </button>
        <span className="train-mode" role="group" aria-label="Heatmaps show">
          <button type="button" aria-pressed={mode === 'values'} onClick={() => setMode('values')}>
            Weights
          </button>
          <button type="button" aria-pressed={mode === 'gradients'} onClick={() => setMode('gradients')}>
            Gradients
          </button>
        </span>
      </div>
      <InlineError error={error} block className="train-error" />
      <Status />
      <div className="train-body">
        <div>
          <TrainHeatmaps />
          <GateStrip />
        </div>
        {runConfig && <TrainCurves points={points} task={shownTask} />}
      </div>
      {status === 'paused' && (
        <p className="muted train-note">
          Paused: these weights are now the explorer's (Undo returns to the weights before). Play goes on from the explorer's weights,
          painted or not.
        </p>
      )}
    </section>
  );
}
