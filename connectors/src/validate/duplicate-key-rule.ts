import { looseList, looseObject, looseString, type LooseObject } from './loose.js';
import { pointer, type PackProblem } from './pack-problem.js';

type Path = readonly (string | number)[];

/** Keys are how recipes and templates name things, so each is used once within its list. */
export function duplicateKeyRule(manifest: LooseObject): PackProblem[] {
  const lists: { path: Path; what: string }[] = [
    { path: ['actions'], what: 'action key' },
    { path: ['triggers'], what: 'trigger key' },
    { path: ['auth', 'fields'], what: 'connection field key' },
  ];
  for (const [index] of looseList(manifest.actions).entries()) lists.push({ path: ['actions', index, 'input'], what: 'input field key' });
  for (const [index] of looseList(manifest.triggers).entries()) lists.push({ path: ['triggers', index, 'input'], what: 'input field key' });
  return lists.flatMap(({ path, what }) => duplicatesIn(at(manifest, path), path, what));
}

function duplicatesIn(list: unknown, path: Path, what: string): PackProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: PackProblem[] = [];
  looseList(list).forEach((item, index) => {
    const key = looseString(looseObject(item)?.key);
    if (key === undefined) return;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else problems.push({ path: pointer([...path, index, 'key']), message: `${what} "${key}" is already used at ${pointer([...path, first])}` });
  });
  return problems;
}

function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((current, part) => (typeof part === 'number' ? looseList(current)[part] : looseObject(current)?.[part]), value);
}
