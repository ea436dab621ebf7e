import { PostHog } from 'posthog-node';
import { saveConnection, type SavedConnection } from '../../support/save-connection.js';
import type { SwitchyardProcess } from '../../support/switchyard-process.js';
import type { PosthogFake, PosthogRequest } from './posthog-fake.js';

export const projectKey = 'phc_Zq3hW9d2Lk7Xc1Vb5Nm8Rt4Yp6Ua0Se';
export const personalKey = 'phx_4f8Kd2Lq9Wz7Xc3Vb1Nm5Rt6Yp0Ua8Se2Gh';
export const projectId = '12345';
export const webhookSecret = 'whs-posthog-0c1d2e3f4a5b6c7d';

/** Saves a PostHog connection pointed at the fake (its test request runs there). */
export function connectPosthog(server: SwitchyardProcess, fake: PosthogFake, key = projectKey): Promise<SavedConnection> {
  return saveConnection(server, {
    packId: 'posthog',
    name: 'PostHog (Acme)',
    fields: { host: fake.url, project_api_key: key, personal_api_key: personalKey, project_id: projectId, webhook_secret: webhookSecret },
  });
}

/**
 * The oracle: posthog-node pointed at the fake, flushing after every event, shut down after the call so
 * everything it queued has been sent. Answers the requests it made.
 */
export async function sdkRequests(fake: PosthogFake, call: (client: PostHog) => Promise<unknown> | void): Promise<PosthogRequest[]> {
  const before = fake.requests.length;
  const client = new PostHog(projectKey, { host: fake.url, flushAt: 1, flushInterval: 0 });
  await call(client);
  await client.shutdown();
  return fake.requests.slice(before);
}

// What posthog-node adds to every event about itself; a pack is not posthog-node.
const sdkOwnProperties = ['$lib', '$lib_version', '$is_server', '$geoip_disable'];

/** A request's meaning: method, path, query, media type, auth, and the decoded JSON body without the SDK's own markers. */
export function meaning(request: PosthogRequest, options: { timing: boolean }) {
  const json = structuredClone(request.json) as Record<string, unknown>;
  delete json['sent_at'];
  if (Array.isArray(json['batch'])) {
    for (const event of json['batch'] as Record<string, unknown>[]) {
      const properties = event['properties'];
      if (properties !== null && typeof properties === 'object') for (const key of sdkOwnProperties) delete (properties as Record<string, unknown>)[key];
      if (!options.timing) {
        delete event['timestamp'];
        delete event['uuid'];
      }
    }
  }
  return {
    method: request.method,
    path: request.path,
    query: [...request.query].sort(([a], [b]) => a.localeCompare(b)),
    contentType: String(request.headers['content-type']).split(';')[0],
    authorization: request.headers['authorization'],
    body: json,
  };
}
