import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../storage/test-databases.js';
import { stepProgress } from './step-progress.js';

describe('stepProgress', () => {
  const { database } = useMigratedDatabase('sqlite');

  it('keeps one value per run and step path until cleared', async () => {
    const deps = { database, now: () => 1 };
    const load = stepProgress(deps, 'run_1', 'load');
    const other = stepProgress(deps, 'run_2', 'load');
    expect(await load.load()).toBeUndefined();
    await load.save({ size: 10, total: 25, outputs: [[{ id: 'rec1' }]] });
    await load.save({ size: 10, total: 25, outputs: [[{ id: 'rec1' }], [{ id: 'rec11' }]] });
    expect(await load.load()).toEqual({ size: 10, total: 25, outputs: [[{ id: 'rec1' }], [{ id: 'rec11' }]] });
    expect(await other.load()).toBeUndefined();
    expect(await stepProgress(deps, 'run_1', 'each[0].load').load()).toBeUndefined();
    await load.clear();
    expect(await load.load()).toBeUndefined();
  });
});
