// Writes the PyTorch snippet off the main thread: the exact form of an H = 1024 cell is ~32 MB of text and takes
// about a second, which must not hold up painting.
import { pytorchExact, pytorchRecipe, type GruModel, type WeightOp } from '../../src';
import { serve } from '../workers/rpc';

export type CodeForm = 'recipe' | 'exact';

export interface CodeRequest {
  model: GruModel;
  recipe: WeightOp[] | null;
  form: CodeForm;
}

/** `form` is what was written: a recipe request for weights without a recipe gets the exact form. */
export interface CodeResult {
  code: string;
  form: CodeForm;
}

serve<CodeRequest, CodeResult>(({ model, recipe, form }) => {
  const written = form === 'recipe' ? pytorchRecipe(model, recipe) : null;
  return written !== null ? { code: written, form: 'recipe' } : { code: pytorchExact(model), form: 'exact' };
});
