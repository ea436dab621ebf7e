import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../storage/test-databases.js';
import { startTestSystem, type TestSystem } from '../test-system.js';

describe.each(dialects)('first-start setup racing on %s', (dialect) => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ dialect, owner: false, worker: false });
  });
  afterAll(() => system?.close());

  it('creates exactly one owner when several setup calls arrive at once', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map((n) => system.api('POST', '/setup', { email: `owner${n}@example.com`, password: 'correct horse battery' }, { token: null })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    const owners = await system.wired.database.db.selectFrom('users').select('role').execute();
    expect(owners).toEqual([{ role: 'owner' }]);
  });
});
