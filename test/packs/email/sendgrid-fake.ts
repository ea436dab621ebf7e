import { randomUUID } from 'node:crypto';
import { Sink, type SinkReply, type SinkRequest } from '../../support/sink.js';

type Body = Record<string, unknown>;

// SendGrid's error body: { errors: [{ message, field, help }] }.
const problem = (status: number, message: string, field: string | null = null): SinkReply => ({ status, body: { errors: [{ message, field, help: null }] } });

const isEmail = (value: unknown) => typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value);
const list = (value: unknown): Body[] => (Array.isArray(value) ? (value as Body[]) : []);

/** The checks v3 mail/send makes that our requests could fail (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send). */
function mailProblem(mail: Body): SinkReply | undefined {
  const personalizations = list(mail['personalizations']);
  if (personalizations.length === 0) return problem(400, 'The personalizations field is required and must have at least one personalization.', 'personalizations');
  for (const [index, personalization] of personalizations.entries()) {
    const to = list(personalization['to']);
    if (to.length === 0) return problem(400, 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.', `personalizations.${index}.to`);
    for (const kind of ['to', 'cc', 'bcc']) {
      for (const address of list(personalization[kind])) {
        if (!isEmail(address['email'])) return problem(400, 'Does not contain a valid address.', `personalizations.${index}.${kind}`);
      }
    }
  }
  const from = mail['from'] as Body | undefined;
  if (!from || !isEmail(from['email'])) return problem(400, 'The from object must be provided for every email send. It is an object that requires an email parameter, but may also contain a name parameter.', 'from');
  if (mail['template_id'] === undefined) {
    if (typeof mail['subject'] !== 'string' || mail['subject'] === '') return problem(400, 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.', 'subject');
    const content = list(mail['content']);
    if (content.length === 0 || content.some((part) => typeof part['type'] !== 'string' || typeof part['value'] !== 'string' || part['value'] === '')) {
      return problem(400, 'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.', 'content');
    }
  }
  const replyTo = mail['reply_to'] as Body | undefined;
  if (replyTo !== undefined && !isEmail(replyTo['email'])) return problem(400, 'The reply_to email does not contain a valid address.', 'reply_to');
  return undefined;
}

/**
 * A local SendGrid v3 API on 127.0.0.1 following its documented contract: Bearer API key (401 otherwise),
 * `POST /v3/mail/send` (202, empty body, `X-Message-Id`), `PUT /v3/marketing/contacts` (202 with a
 * `job_id`), `GET /v3/scopes`, `GET /v3/templates`, `GET /v3/marketing/lists`; errors as
 * `{ errors: [{ message, field, help }] }`. Every request is recorded by the underlying sink.
 */
export async function startSendgridFake(apiKey: string) {
  const sink = await Sink.start();
  const mails: Body[] = [];
  const contacts: { listIds: string[]; contact: Body }[] = [];

  function handle(request: SinkRequest): SinkReply {
    if (request.headers['authorization'] !== `Bearer ${apiKey}`) return problem(401, 'The provided authorization grant is invalid, expired, or revoked');
    const route = `${request.method} ${request.path}`;
    const body = (request.json ?? {}) as Body;
    switch (route) {
      case 'GET /v3/scopes':
        return { status: 200, body: { scopes: ['mail.send', 'marketing.read', 'marketing.write', 'templates.read'] } };
      case 'GET /v3/templates':
        return { status: 200, body: { result: [{ id: 'd-1a2b3c', name: 'Receipt', generation: 'dynamic' }], _metadata: { count: 1 } } };
      case 'GET /v3/marketing/lists':
        return { status: 200, body: { result: [{ id: 'lst-bounced', name: 'Bounced', contact_count: 0 }], _metadata: { count: 1 } } };
      case 'POST /v3/mail/send': {
        const refused = mailProblem(body);
        if (refused) return refused;
        mails.push(body);
        return { status: 202, headers: { 'x-message-id': randomUUID().replaceAll('-', '').slice(0, 22) }, body: '' };
      }
      case 'PUT /v3/marketing/contacts': {
        const given = list(body['contacts']);
        if (given.length === 0) return problem(400, 'contacts is required', 'contacts');
        const missing = given.findIndex((contact) => !isEmail(contact['email']));
        if (missing >= 0) return problem(400, 'email is required and must be a valid address', `contacts[${missing}].email`);
        const listIds = Array.isArray(body['list_ids']) ? (body['list_ids'] as string[]) : [];
        for (const contact of given) contacts.push({ listIds, contact });
        return { status: 202, body: { job_id: randomUUID() } };
      }
      default:
        return problem(404, 'resource not found');
    }
  }

  sink.setDefault(handle);
  return { sink, mails, contacts };
}
