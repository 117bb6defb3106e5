// Async UI handlers (import, export, opening a configuration) report any failure in the message bar: a rejected
// promise would otherwise only reach the console, and the user would see nothing happen.
import { showMessage } from './store/actions';

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `task`; a throw or rejection becomes the message "`what` failed: … Nothing was changed." */
export async function reportFailure(what: string, task: () => unknown): Promise<void> {
  try {
    await task();
  } catch (error) {
    showMessage(`${what} failed: ${errorText(error)}. Nothing was changed.`);
  }
}
