import { describe, expect, it } from 'vitest';
import { MAX_PREVIOUS_VALUES, SECRET_ROTATION_WINDOW_MS, previousFieldValues, rotateSecrets } from './secret-rotation.js';

describe('secret rotation window', () => {
  it('remembers a changed value until the window ends, newest first, and leaves unchanged ones alone', () => {
    const first = rotateSecrets({ values: { key: 'a', other: 'x' } }, { key: 'b', other: 'x' }, 1000);
    expect(first).toEqual({ key: [{ value: 'a', until: 1000 + SECRET_ROTATION_WINDOW_MS }] });
    const second = rotateSecrets({ values: { key: 'b', other: 'x' }, previous: first }, { key: 'c', other: 'y' }, 2000);
    expect(previousFieldValues(second, 2000)).toEqual({ key: ['b', 'a'], other: ['x'] });
    expect(previousFieldValues(second, 1000 + SECRET_ROTATION_WINDOW_MS)).toEqual({ key: ['b'], other: ['x'] });
    expect(previousFieldValues(second, 2000 + SECRET_ROTATION_WINDOW_MS)).toBeUndefined();
  });

  it('keeps at most the last few values per field and drops expired ones on the next rotation', () => {
    let previous = rotateSecrets({ values: { key: 'v0' } }, { key: 'v1' }, 0);
    for (let i = 1; i <= 5; i++) previous = rotateSecrets({ values: { key: `v${i}` }, previous }, { key: `v${i + 1}` }, i);
    expect(previousFieldValues(previous, 5)!['key']).toEqual(['v5', 'v4', 'v3']);
    expect(previousFieldValues(previous, 5)!['key']).toHaveLength(MAX_PREVIOUS_VALUES);
    const later = rotateSecrets({ values: { key: 'v6' }, previous }, { key: 'v7' }, 5 + SECRET_ROTATION_WINDOW_MS);
    expect(later).toEqual({ key: [{ value: 'v6', until: 5 + 2 * SECRET_ROTATION_WINDOW_MS }] });
  });

  it('does not keep the new value as a previous one when rotating back, and remembers a cleared value', () => {
    const there = rotateSecrets({ values: { key: 'a' } }, { key: 'b' }, 0);
    expect(previousFieldValues(rotateSecrets({ values: { key: 'b' }, previous: there }, { key: 'a' }, 1), 1)).toEqual({ key: ['b'] });
    expect(previousFieldValues(rotateSecrets({ values: { key: 'a' } }, {}, 0), 0)).toEqual({ key: ['a'] });
  });
});
