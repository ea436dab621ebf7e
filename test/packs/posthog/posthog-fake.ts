import { gunzipSync } from 'node:zlib';
import { VendorFake, recordRequest, type FakeReply as Reply, type RecordedRequest } from '../../support/fake-vendor-server.js';

/** One request as it reached the fake; a gzip body (posthog-node compresses) is recorded decoded. */
export type PosthogRequest = RecordedRequest;

interface Flag {
  variant?: string;
  enabled: boolean;
  payload?: unknown;
}

type Body = Record<string, unknown>;

// PostHog's REST framework error shape: { type, code, detail, attr }.
const problem = (status: number, type: string, code: string, detail: string, attr: string | null = null): Reply => ({ status, body: { type, code, detail, attr } });
const badProjectKey = problem(401, 'authentication_error', 'invalid_api_key', 'Project API key invalid. You can find your project API key in PostHog project settings.');

/**
 * A local PostHog on 127.0.0.1 (https://posthog.com/docs/api): the public `/batch/` and `/flags/?v=2`
 * endpoints take the project API key in the body (`api_key`, `token`), gzip bodies included; the private
 * annotations endpoint takes a personal API key as Bearer. Events are stored, flags answered in the v2
 * shape (payloads as JSON text), errors in PostHog's `{ type, code, detail, attr }`. It records every request.
 */
export class PosthogFake extends VendorFake<PosthogRequest> {
  readonly events: Body[] = [];
  readonly annotations: Body[] = [];
  readonly flags = new Map<string, Flag>();

  private constructor(
    readonly projectKey: string,
    readonly personalKey: string,
    readonly projectId: string,
  ) {
    super({
      record: recordRequest,
      contentType: 'application/json',
      decodeBody: (raw, headers) => (headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
    });
  }

  static async start(keys: { project: string; personal: string; projectId: string }): Promise<PosthogFake> {
    const fake = new PosthogFake(keys.project, keys.personal, keys.projectId);
    await fake.server.listen();
    return fake;
  }

  requestsTo(method: string, path: string): PosthogRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  protected answer(request: PosthogRequest): Reply {
    const body = (request.json ?? {}) as Body;
    if (request.method !== 'POST') return problem(405, 'invalid_request', 'method_not_allowed', `Method "${request.method}" not allowed.`);
    if (request.path === '/batch/') return this.batch(body);
    if (request.path === '/flags/') return this.evaluate(body);
    const annotations = /^\/api\/projects\/([^/]+)\/annotations\/$/.exec(request.path);
    if (annotations) return this.annotate(decodeURIComponent(annotations[1]!), request, body);
    return problem(404, 'invalid_request', 'not_found', 'Not found.');
  }

  private batch(body: Body): Reply {
    if (body['api_key'] !== this.projectKey) return badProjectKey;
    const batch = body['batch'];
    if (!Array.isArray(batch) || batch.length === 0) return problem(400, 'validation_error', 'invalid_payload', 'Invalid payload: batch must be a non-empty list');
    for (const event of batch as Body[]) {
      if (typeof event['event'] !== 'string' || event['event'] === '') return problem(400, 'validation_error', 'invalid_event', 'Invalid payload: event name is missing');
      if (typeof event['distinct_id'] !== 'string' || event['distinct_id'] === '') return problem(400, 'validation_error', 'invalid_event', 'Invalid payload: distinct_id is missing');
    }
    this.events.push(...(batch as Body[]));
    return { status: 200, body: { status: 'Ok' } };
  }

  private evaluate(body: Body): Reply {
    if (body['token'] !== this.projectKey) return badProjectKey;
    const wanted = Array.isArray(body['flag_keys_to_evaluate']) ? (body['flag_keys_to_evaluate'] as string[]) : [...this.flags.keys()];
    const flags: Record<string, unknown> = {};
    for (const key of wanted) {
      const flag = this.flags.get(key);
      if (!flag) continue;
      flags[key] = {
        key,
        enabled: flag.enabled,
        variant: flag.variant,
        reason: { code: flag.enabled ? 'condition_match' : 'no_condition_match', condition_index: 0, description: 'Matched condition set 1' },
        metadata: { id: 1, version: 1, description: null, payload: flag.payload === undefined ? undefined : JSON.stringify(flag.payload) },
      };
    }
    return { status: 200, body: { flags, errorsWhileComputingFlags: false, requestId: `req-${this.requests.length}` } };
  }

  private annotate(project: string, request: PosthogRequest, body: Body): Reply {
    const authorization = String(request.headers['authorization'] ?? '');
    if (!authorization.startsWith('Bearer ')) return problem(401, 'authentication_error', 'not_authenticated', 'Authentication credentials were not provided.');
    if (authorization !== `Bearer ${this.personalKey}`) return problem(401, 'authentication_error', 'authentication_failed', 'Personal API key found in request Authorization header is invalid.');
    if (project !== this.projectId && project !== '@current') return problem(404, 'invalid_request', 'not_found', 'Not found.');
    if (typeof body['content'] !== 'string' || body['content'] === '') return problem(400, 'validation_error', 'required', 'This field is required.', 'content');
    if (body['content'].length > 400) return problem(400, 'validation_error', 'max_length', 'Ensure this field has no more than 400 characters.', 'content');
    const annotation = { id: this.annotations.length + 1, dashboard_item: null, dashboard_id: null, scope: 'dashboard_item', deleted: false, ...body, created_at: '2024-06-01T13:10:02Z' };
    this.annotations.push(annotation);
    return { status: 201, body: annotation };
  }
}
