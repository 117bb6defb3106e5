// Real PyTorch for the tests that check our output against it (/usr/bin/python3 with python3-torch from apt;
// TORCH_PYTHON overrides). On a laptop without torch these tests skip with a notice; under CI (.ci/run installs
// torch) a missing torch is a failure, never a silent skip.
import { spawnSync } from 'node:child_process';
import { describe } from 'vitest';

export const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

const torchFound = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 }).status === 0;
const mustRun = torchFound || !!process.env.CI;
if (!mustRun) console.warn(`PyTorch tests skipped: ${PYTHON} cannot import torch (apt-get install python3-torch)`);

/** `describe` for suites that run real PyTorch: skipped, with the notice above, only off CI and without torch. */
export const describeWithTorch = mustRun ? describe : describe.skip;

/** Runs a Python script in real PyTorch and returns what it printed; throws with the advice when it fails. */
export function runPython(script: string): string {
  const run = spawnSync(PYTHON, ['-'], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (run.error || run.status !== 0) {
    throw new Error(
      `PyTorch run failed (needs ${PYTHON} with torch: apt-get install python3-torch):\n${run.error?.message ?? ''}${run.stderr}`,
    );
  }
  return run.stdout;
}

/**
 * Runs several scripts in one Python process, each in a fresh namespace, and returns what each printed: one
 * torch import (~1 s) instead of one per script.
 */
export function runPythonEach(scripts: string[]): string[] {
  const marker = '@@gru-explorer-script@@';
  const runner = [
    'import json, sys',
    `for source in json.loads(${JSON.stringify(JSON.stringify(scripts))}):`,
    `    print(${JSON.stringify(marker)}, flush=True)`,
    "    exec(compile(source, '<script>', 'exec'), {'__name__': '__main__'})",
    '    sys.stdout.flush()',
  ].join('\n');
  return runPython(runner).split(`${marker}\n`).slice(1);
}

/** The JSON after `KEY=` on the line the script printed for it. */
export function printedJson<T>(stdout: string, key: string): T {
  const line = stdout.split('\n').find((l) => l.startsWith(`${key}=`));
  if (!line) throw new Error(`no ${key} printed:\n${stdout}`);
  return JSON.parse(line.slice(key.length + 1)) as T;
}
