/** One thing wrong with a manifest: a JSON pointer into it and a sentence a pack author understands. */
export interface PackProblem {
  path: string;
  message: string;
}

export function pointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
