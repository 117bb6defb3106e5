// Writes the PyTorch snippet off the main thread: the exact form of an H = 1024 cell is ~32 MB of text and takes
// about a second, which must not hold up painting.
import { pytorchExact, pytorchRecipe, type GruModel, type WeightOp } from '../../src';

export type CodeForm = 'recipe' | 'exact';

export interface CodeRequest {
  id: number;
  model: GruModel;
  recipe: WeightOp[] | null;
  form: CodeForm;
}

/** `form` is what was written: a recipe request for weights without a recipe gets the exact form. */
export type CodeReply = { id: number; ok: true; code: string; form: CodeForm } | { id: number; ok: false; error: string };

self.onmessage = (event: MessageEvent<CodeRequest>) => {
  const { id, model, recipe, form } = event.data;
  let reply: CodeReply;
  try {
    const written = form === 'recipe' ? pytorchRecipe(model, recipe) : null;
    reply = written !== null ? { id, ok: true, code: written, form: 'recipe' } : { id, ok: true, code: pytorchExact(model), form: 'exact' };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  (self as unknown as Worker).postMessage(reply);
};
