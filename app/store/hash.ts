// The address bar's hash: `#s=<encoded state>` plus `&embed=1`, `&readonly=1` for course pages, and
// `&a=<encoded state>` for a pinned A to compare with (app/store/compare.ts).
export interface HashParams {
  state: string | null;
  embed: boolean;
  readonly: boolean;
  /** The compare panel's A, when the link carries one. */
  a: string | null;
}

export function readHash(hash: string): HashParams {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { state: params.get('s'), embed: params.get('embed') === '1', readonly: params.get('readonly') === '1', a: params.get('a') };
}

export function hashFor(encoded: string, flags: { embed?: boolean; readonly?: boolean; a?: string | null } = {}): string {
  return `#s=${encoded}${flags.a ? `&a=${flags.a}` : ''}${flags.embed ? '&embed=1' : ''}${flags.readonly ? '&readonly=1' : ''}`;
}

