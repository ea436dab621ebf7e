import type { LiveTrigger, Recipe, RunDetail, RunStatus, RunSummary } from '@switchyard/server/contracts';
import type { ApiAnswer, SwitchyardProcess } from './switchyard-process.js';
import { waitFor } from './wait-for.js';

export interface PublishedRecipe {
  id: string;
  trigger: LiveTrigger;
  /** `/hooks/<token>` for webhook recipes (the path, so it works after a restart on another port). */
  hookPath: string;
}

/** Imports a recipe file through the API and publishes it. */
export async function publishRecipe(server: SwitchyardProcess, file: Record<string, unknown>): Promise<PublishedRecipe> {
  const imported = await server.api<Recipe>('POST', '/recipes/import', file);
  if (imported.status !== 201) throw new Error(`import answered ${imported.status}: ${JSON.stringify(imported.body)}`);
  const published = await server.api<{ trigger: LiveTrigger | null }>('POST', `/recipes/${imported.body.id}/publish`, {});
  if (published.status !== 200 || !published.body.trigger) {
    throw new Error(`publish answered ${published.status}: ${JSON.stringify(published.body)}`);
  }
  const trigger = published.body.trigger;
  return { id: imported.body.id, trigger, hookPath: trigger.webhookUrl ? new URL(trigger.webhookUrl).pathname : '' };
}

interface RunPage {
  runs: RunSummary[];
  nextCursor: string | null;
}

/** Every run of a recipe (all pages of GET /runs), newest first. */
export async function listRuns(server: SwitchyardProcess, recipeId: string, status?: RunStatus): Promise<RunSummary[]> {
  const runs: RunSummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const query: URLSearchParams = new URLSearchParams({ recipe: recipeId, limit: '500', ...(status && { status }), ...(cursor && { cursor }) });
    const answer: ApiAnswer<RunPage> = await server.api<RunPage>('GET', `/runs?${query.toString()}`);
    if (answer.status !== 200) throw new Error(`GET /runs answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    runs.push(...answer.body.runs);
    cursor = answer.body.nextCursor;
    if (!cursor) return runs;
  }
  throw new Error('more than 100 pages of runs');
}

export async function getRun(server: SwitchyardProcess, runId: string): Promise<RunDetail> {
  const answer = await server.api<RunDetail>('GET', `/runs/${runId}`);
  if (answer.status !== 200) throw new Error(`GET /runs/${runId} answered ${answer.status}`);
  return answer.body;
}

const finished = new Set<RunStatus>(['succeeded', 'failed', 'cancelled']);

export function isFinished(status: RunStatus): boolean {
  return finished.has(status);
}

/** Waits until the run reaches a final status and returns it with its steps. */
export async function waitForRun(server: SwitchyardProcess, runId: string, timeoutMs = 30_000): Promise<RunDetail> {
  return waitFor(
    async () => {
      const run = await getRun(server, runId);
      return isFinished(run.status) ? run : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `run ${runId} to finish`, describe: async () => (await getRun(server, runId)).status },
  );
}

/** Waits until the recipe has `count` runs and all of them are finished; returns them. */
export async function waitForRuns(server: SwitchyardProcess, recipeId: string, count: number, timeoutMs = 30_000): Promise<RunSummary[]> {
  let last: RunSummary[] = [];
  return waitFor(
    async () => {
      last = await listRuns(server, recipeId);
      return last.length >= count && last.every((run) => isFinished(run.status)) ? last : undefined;
    },
    {
      timeoutMs,
      intervalMs: 200,
      what: `${count} finished runs of ${recipeId}`,
      describe: () => countBy(last.map((run) => run.status)),
    },
  );
}

export function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
