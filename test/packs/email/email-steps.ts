import { expect } from 'vitest';
import type { SinkRequest } from '../../support/sink.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';

export interface StepTest {
  ok: boolean;
  output?: unknown;
  error?: { code: string; message: string };
}

/** Saves a connection; answers its id, or the refusal's status and message. */
export async function connect(server: SwitchyardProcess, packId: string, fields: Record<string, unknown>) {
  const created = await server.api<{ connection?: { id: string; status: string }; error?: { message: string } }>('POST', '/connections', { packId, name: `${packId} account`, fields });
  return { status: created.status, id: created.body.connection?.id ?? '', message: created.body.error?.message, body: created.body };
}

/** A draft recipe (manual trigger) holding `steps`, so each can be run alone through the builder's step test. */
export async function draftSteps(server: SwitchyardProcess, connection: string, steps: Record<string, { use: string; input: Record<string, unknown> }>) {
  const imported = await server.api<{ id: string }>('POST', '/recipes/import', {
    name: 'Every action, for step tests',
    trigger: { use: 'core/manual' },
    steps: Object.entries(steps).map(([id, step]) => ({ id, connection, ...step })),
  });
  expect(imported.status).toBe(201);
  const recipeId = imported.body.id;
  return async (stepId: string, sample: Record<string, unknown> = {}): Promise<StepTest> => {
    const answer = await server.api<StepTest>('POST', `/recipes/${recipeId}/steps/${stepId}/test`, { sample: { steps: {}, ...sample } });
    expect(answer.status).toBe(200);
    return answer.body;
  };
}

/** What makes two HTTP requests the same operation: method, path, media type, auth and the decoded JSON body. */
export function meaning(request: SinkRequest, headers: string[] = []) {
  return {
    method: request.method,
    path: request.path,
    // A media type says something only about a body (the Resend SDK names one on GETs too).
    contentType: request.body === '' ? undefined : String(request.headers['content-type'] ?? '').split(';')[0],
    authorization: request.headers['authorization'],
    body: request.json,
    ...Object.fromEntries(headers.map((name) => [name, request.headers[name]])),
  };
}
