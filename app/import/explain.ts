// Why a file was not imported, in the order a person needs it: what happened and what to do first, the reader's
// own message after (shown folded). The readers (src/formats) word their errors for developers; they are sorted
// here by kind, from the stable parts of those messages (the globals named, "truncated", "no GRU found" …), so a
// reworded message still lands in its kind or, at worst, in the general one.

export type ProblemKind =
  | 'whole-model'
  | 'torchscript'
  | 'legacy-pickle'
  | 'python-objects'
  | 'no-gru'
  | 'too-large'
  | 'expands'
  | 'damaged'
  | 'empty'
  | 'not-a-checkpoint'
  | 'unsupported-type'
  | 'fetch'
  | 'unreadable';

export interface ImportProblem {
  kind: ProblemKind;
  /** What happened and what to do, one or two sentences; `code` spans are marked with backticks. */
  summary: string;
  /** The reader's own message, for the folded details. */
  details: string;
}

const FORMATS = 'a PyTorch `.pt` / `.pth` (torch.save), `.safetensors`, `.npz` / `.npy`, `.onnx` or JSON file';

const KINDS: { kind: ProblemKind; test: RegExp; summary: (d: string) => string }[] = [
  {
    kind: 'whole-model',
    // A pickled nn.Module names its class: torch.nn.modules.*, __main__.*, a TorchScript __torch__.* class.
    test: /whole model|\btorch\.nn\.modules\.|\b__main__\.|\b__torch__\./i,
    summary: () =>
      'This file holds a whole pickled model, not a state_dict: save `model.state_dict()` instead (`torch.save(model.state_dict(), path)`).',
  },
  {
    kind: 'torchscript',
    test: /torchscript|torch\.jit/i,
    summary: () =>
      'This file is a TorchScript archive (`torch.jit.save`), not a state_dict: save `model.state_dict()` with `torch.save` instead.',
  },
  {
    kind: 'legacy-pickle',
    test: /legacy|raw pickle|_use_new_zipfile_serialization/i,
    summary: () =>
      'This file is in the old torch.save format (before PyTorch 1.6), which only running its pickle code could read: load it in PyTorch and save it again with `torch.save(model.state_dict(), path)`.',
  },
  {
    kind: 'python-objects',
    test: /allow-list|not allowed|is not on the/i,
    summary: () =>
      'This file holds Python objects besides tensors, which are never run or read here: save only tensors, e.g. `model.state_dict()`.',
  },
  {
    kind: 'no-gru',
    test: /no gru found|no gru node|has no gru|rejected:/i,
    summary: () =>
      'No GRU weights were found in this file: the explorer looks for `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh` (nn.GRUCell) or `weight_ih_l0` … (nn.GRU), with any prefix, a Keras GRU or an ONNX GRU node. The details list what the file holds.',
  },
  {
    // The read budget (src/formats/budget.ts) and the depth caps: small files that would cost far more than their size.
    kind: 'expands',
    test: /inflated size|on a slow laptop|sub-graph would build|result would have \d+ elements|elements, more than the limit of [\d,]+ for a|too deeply|nested more than \d+ deep/i,
    summary: () =>
      'This file would expand far beyond its size when read (a compression bomb, a tensor repeated by its strides, one value multiplied by the graph, or structure nested too deeply), so it was not read. If it is a real checkpoint, save the tensors plainly: `torch.save(model.state_dict(), path)`.',
  },
  {
    kind: 'too-large',
    test: /\blimits?\b.*\b(?:larger|more|beyond)\b|\b(?:larger|more|beyond)\b.*\blimits?\b|the explorer works with/i,
    summary: (d) =>
      /\b[IH] = \d/.test(d)
        ? 'The GRU in this file is larger than the explorer holds (I and H up to 1024): export a smaller cell or one layer.'
        : 'This file is larger than the explorer reads (files up to 256 MB, tensors up to 64 Mi values): export a smaller cell or one layer.',
  },
  {
    kind: 'empty',
    test: /\bempty\b.*(?:file|magic)|file is empty|\(empty\)/i,
    summary: () => 'This file is empty: save the checkpoint again.',
  },
  {
    kind: 'damaged',
    test: /truncat|cut short|damaged|corrupt|crc|ends after|end-of-central-directory/i,
    summary: () => 'This file is damaged or incomplete (cut short while downloading or copying?): download or save it again.',
  },
  {
    kind: 'unsupported-type',
    test: /unsupported dtype|dtype .* not supported|complex/i,
    summary: () => 'This file stores its tensors in a type the explorer does not read: save them as float32 (`tensor.float()`).',
  },
  {
    kind: 'not-a-checkpoint',
    test: /not a zip|not a recognised|not valid json|not a valid onnx|not a .*checkpoint|wrong magic|unknown format/i,
    summary: () => `This is not a checkpoint the explorer reads: use ${FORMATS}.`,
  },
];

/** "gru.pt: (PyTorch checkpoint) …" → "…": the file name is said once, in the heading. */
function withoutFileName(message: string, fileName: string): string {
  return fileName && message.startsWith(`${fileName}: `) ? message.slice(fileName.length + 2) : message;
}

export function explainImportError(message: string, fileName: string): ImportProblem {
  const details = withoutFileName(message.trim(), fileName);
  for (const k of KINDS) {
    if (k.test.test(details)) return { kind: k.kind, summary: k.summary(details), details };
  }
  return { kind: 'unreadable', summary: `This file could not be read as a GRU checkpoint: use ${FORMATS}.`, details };
}

/** Splits `code` spans out of a summary, for rendering as text and <code> (never as HTML). */
export function codeSpans(text: string): { code: boolean; text: string }[] {
  return text.split('`').map((part, i) => ({ code: i % 2 === 1, text: part }));
}
