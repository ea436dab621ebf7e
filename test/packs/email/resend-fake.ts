import { randomUUID } from 'node:crypto';
import { Sink, type SinkReply, type SinkRequest } from '../../support/sink.js';

type Email = Record<string, unknown>;

// Resend's error body: { statusCode, message, name }.
const problem = (status: number, name: string, message: string): SinkReply => ({ status, body: { statusCode: status, message, name } });

/** Resend's own checks on one email (https://resend.com/docs/api-reference/emails/send-email). */
function emailProblem(email: unknown, at = ''): SinkReply | undefined {
  if (email === null || typeof email !== 'object' || Array.isArray(email)) return problem(422, 'validation_error', `${at}The email must be an object.`);
  const fields = email as Email;
  for (const field of ['from', 'to', 'subject']) if (fields[field] === undefined) return problem(422, 'missing_required_field', `${at}Missing \`${field}\` field.`);
  const to = Array.isArray(fields['to']) ? fields['to'] : [fields['to']];
  if (to.length > 50) return problem(422, 'validation_error', `${at}Too many recipients in \`to\` (max 50).`);
  if (to.some((address) => typeof address !== 'string' || !address.includes('@'))) return problem(422, 'validation_error', `${at}Invalid \`to\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`);
  for (const attachment of (fields['attachments'] as Email[] | undefined) ?? []) {
    if (attachment['content'] === undefined && attachment['path'] === undefined) return problem(422, 'validation_error', `${at}Attachments need \`content\` or \`path\`.`);
  }
  return undefined;
}

/**
 * A local Resend API on 127.0.0.1 following its documented contract: Bearer API key, a User-Agent required
 * (403 without), `POST /emails`, `POST /emails/batch` (at most 100, no attachments or scheduling,
 * `x-batch-validation` strict or permissive), `GET /emails/:id`, `POST /emails/:id/cancel` (scheduled only), `Idempotency-Key` (the same key and body
 * answer the first response again; the same key with another body is a 409), errors as
 * `{ statusCode, message, name }`; `loseReplies(n)` sends the next n emails but answers 502, as a lost answer
 * would. Every request is recorded by the underlying sink.
 */
export async function startResendFake(apiKey: string): Promise<{ sink: Sink; sent: Email[]; loseReplies(count: number): void }> {
  const sink = await Sink.start();
  const sent: (Email & { id: string })[] = [];
  const remembered = new Map<string, { body: string; reply: SinkReply }>();
  let repliesToLose = 0;

  function handle(request: SinkRequest): SinkReply {
    if (request.headers['authorization'] !== `Bearer ${apiKey}`) return problem(401, 'validation_error', 'API key is invalid');
    if (!request.headers['user-agent']) return problem(403, 'missing_user_agent', 'A User-Agent header is required.');
    if (request.method === 'GET' && request.path.startsWith('/emails/')) {
      const found = sent.find((email) => email.id === request.path.slice('/emails/'.length));
      return found ? { status: 200, body: { object: 'email', last_event: 'delivered', ...found } } : problem(404, 'not_found', 'Email not found');
    }
    const cancel = /^\/emails\/([^/]+)\/cancel$/.exec(request.path);
    if (request.method === 'POST' && cancel) return cancelScheduled(cancel[1]!);
    if (request.method !== 'POST' || (request.path !== '/emails' && request.path !== '/emails/batch')) return problem(404, 'not_found', 'The requested endpoint does not exist.');
    if (request.json === undefined) return problem(422, 'validation_error', 'Invalid JSON body.');
    const key = request.idempotencyKey;
    const earlier = key === undefined ? undefined : remembered.get(`${request.path} ${key}`);
    if (earlier) return earlier.body === request.body ? earlier.reply : problem(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
    const reply = request.path === '/emails' ? sendOne(request.json) : sendBatch(request.json, request.headers['x-batch-validation']);
    if (key !== undefined && reply.status === 200) remembered.set(`${request.path} ${key}`, { body: request.body, reply });
    // The email went out but the answer is lost (a gateway error): the sender cannot tell, and retries.
    if (reply.status === 200 && repliesToLose > 0) {
      repliesToLose -= 1;
      return problem(502, 'application_error', 'Bad gateway');
    }
    return reply;
  }

  function cancelScheduled(id: string): SinkReply {
    const found = sent.find((email) => email.id === id);
    if (!found) return problem(404, 'not_found', 'Email not found');
    if (found['scheduled_at'] === undefined || found['canceled'] === true) return problem(422, 'validation_error', 'Only scheduled emails that have not been sent can be canceled.');
    found['canceled'] = true;
    return { status: 200, body: { object: 'email', id } };
  }

  function store(email: Email): { id: string } {
    const id = randomUUID();
    sent.push({ ...email, id });
    return { id };
  }

  function sendOne(email: unknown): SinkReply {
    return emailProblem(email) ?? { status: 200, body: store(email as Email) };
  }

  function sendBatch(emails: unknown, validation: unknown): SinkReply {
    if (!Array.isArray(emails) || emails.length === 0 || emails.length > 100) return problem(422, 'validation_error', 'The batch must be a list of 1 to 100 emails.');
    const problems = emails.map((email, index) => {
      const found = emailProblem(email, `emails[${index}]: `);
      if (found) return { index, message: (found.body as { message: string }).message };
      const fields = email as Email;
      if (fields['attachments'] !== undefined || fields['scheduled_at'] !== undefined) return { index, message: `emails[${index}]: attachments and scheduled_at are not supported in batch.` };
      return undefined;
    });
    const errors = problems.filter((found) => found !== undefined);
    if (validation !== 'permissive' && errors.length > 0) return problem(422, 'validation_error', errors[0]!.message);
    const data = emails.flatMap((email, index) => (problems[index] ? [] : [store(email as Email)]));
    return { status: 200, body: validation === 'permissive' ? { data, errors } : { data } };
  }

  sink.setDefault(handle);
  return { sink, sent, loseReplies: (count) => (repliesToLose = count) };
}
