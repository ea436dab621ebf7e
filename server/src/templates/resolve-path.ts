const FORBIDDEN_SEGMENTS = new Set(['constructor', '__proto__', 'prototype']);

/**
 * Walks `path` through plain data. Templates are not JavaScript: only own data properties are read
 * (no prototype chain, no getters), functions never come out, and the prototype-related names always
 * resolve to `undefined`.
 */
export function resolvePath(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const segment of path) {
    if (FORBIDDEN_SEGMENTS.has(segment)) return undefined;
    if (current === null || typeof current !== 'object') return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(current, segment);
    if (descriptor === undefined || !('value' in descriptor)) return undefined;
    current = descriptor.value;
  }
  return typeof current === 'function' || typeof current === 'symbol' ? undefined : current;
}
