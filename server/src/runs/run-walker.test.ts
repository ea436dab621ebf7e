import { describe, expect, it } from 'vitest';
import type { JobRow, RunRow, RunStepRow } from '../storage/tables.js';
import type { EngineDeps } from './engine-deps.js';
import { RunWalker } from './run-walker.js';

describe('RunWalker', () => {
  it('resumes a run that has recorded more steps than a function call takes arguments', () => {
    // A loop of 10,000 items with 15 steps each records 150,000 rows.
    const recorded = new Map<string, RunStepRow>();
    for (let seq = 1; seq <= 150_000; seq++) recorded.set(`each[${seq}].x`, { seq } as RunStepRow);
    const run = { id: 'run_1', created_at: 0, deadline_at: null } as RunRow;
    expect(() => new RunWalker({} as EngineDeps, run, {} as JobRow, { trigger: { use: 'core/webhook' }, steps: [] }, recorded)).not.toThrow();
  });
});
