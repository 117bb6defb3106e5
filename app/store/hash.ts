// The address bar's hash: `#s=<encoded state>` plus `&embed=1`, `&readonly=1` for course pages.
export interface HashParams {
  state: string | null;
  embed: boolean;
  readonly: boolean;
}

export function readHash(hash: string): HashParams {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { state: params.get('s'), embed: params.get('embed') === '1', readonly: params.get('readonly') === '1' };
}

export function hashFor(encoded: string, flags: { embed?: boolean; readonly?: boolean } = {}): string {
  return `#s=${encoded}${flags.embed ? '&embed=1' : ''}${flags.readonly ? '&readonly=1' : ''}`;
}

