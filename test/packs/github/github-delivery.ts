import { randomUUID } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';

export interface DeliveryAnswer {
  status: number;
  body: { runIds?: string[]; duplicates?: number; filtered?: number; error?: { code: string } };
}

export interface Delivery {
  event: string;
  payload: unknown;
  /** Signs with this secret (through `@octokit/webhooks-methods`); null sends no signature. */
  secret: string | null;
  /** GitHub's delivery GUID; kept when GitHub redelivers. */
  id?: string;
}

/** Posts a delivery the way GitHub does: JSON body, event and delivery headers, `X-Hub-Signature-256`. */
export async function deliver(server: SwitchyardProcess, hookPath: string, delivery: Delivery): Promise<DeliveryAnswer & { id: string }> {
  const id = delivery.id ?? randomUUID();
  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/044aadd',
    'x-github-event': delivery.event,
    'x-github-delivery': id,
    'x-github-hook-id': '292430182',
  };
  if (delivery.secret !== null) headers['x-hub-signature-256'] = await sign(delivery.secret, body);
  const answer = await fetch(`${server.baseUrl}${hookPath}`, { method: 'POST', headers, body });
  return { id, status: answer.status, body: (await answer.json()) as DeliveryAnswer['body'] };
}

/** An `issues` payload as GitHub sends it (trimmed to what the recipes read). */
export function issuesPayload(action: string, number: number, labels: string[]) {
  return {
    action,
    issue: { number, title: `Issue ${number}`, state: 'open', user: { login: 'monalisa' }, labels: labels.map((name, id) => ({ id, name })) },
    repository: { id: 1296269, name: 'hello-world', full_name: 'octocat/hello-world', owner: { login: 'octocat' } },
    sender: { login: 'monalisa' },
  };
}

export const pingPayload = { zen: 'Keep it logically awesome.', hook_id: 292430182, hook: { type: 'Repository', events: ['issues'] } };
