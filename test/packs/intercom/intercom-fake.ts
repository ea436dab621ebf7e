import { bearerToken, VendorFake, recordRequest, type FakeReply as Reply, type RecordedRequest, type ReceivedRequest } from '../../support/fake-vendor-server.js';

export type IntercomRequest = RecordedRequest;

interface Contact {
  type: 'contact';
  id: string;
  role: string;
  email: string | null;
  external_id: string | null;
  name: string | null;
  phone: string | null;
  custom_attributes: Record<string, unknown>;
  tags: string[];
  created_at: number;
  updated_at: number;
}

interface Conversation {
  id: string;
  contactId: string;
  parts: { part_type: string; body: string; author: { type: string; id: string } }[];
}

let requestNumber = 0;
const errorList = (status: number, code: string, message: string): Reply => ({
  status,
  body: { type: 'error.list', request_id: `000on0tuggm3b1k0l${String(++requestNumber).padStart(3, '0')}`, errors: [{ code, message }] },
});

/**
 * A local stand-in for Intercom's REST API 2.14 (https://developers.intercom.com/docs/references/rest-api/api.intercom.io)
 * on 127.0.0.1: Bearer tokens (a workspace access token, or one from the OAuth exchange at /auth/eagle/token,
 * which never expires), contacts (a user needs an email or external id; a second user with the same email
 * is a 409), conversations started by a contact, admin replies and notes, tags on contacts, admins and tags
 * lists. Error bodies are Intercom's `{ type: "error.list", request_id, errors: [{ code, message }] }`; the
 * clock is Unix seconds as Intercom writes it. It records every request.
 */
export class IntercomFake extends VendorFake<IntercomRequest> {
  readonly contacts = new Map<string, Contact>();
  readonly conversations = new Map<string, Conversation>();
  readonly admins = [
    { type: 'admin', id: '991267', name: 'Grace Hopper', email: 'grace@example.com' },
    { type: 'admin', id: '991268', name: 'Alan Turing', email: 'alan@example.com' },
  ];
  readonly tags = [
    { type: 'tag', id: '7522907', name: 'VIP' },
    { type: 'tag', id: '7522908', name: 'Churn risk' },
  ];
  readonly oauthApp = { clientId: '1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d', clientSecret: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f' };
  readonly accessToken = 'dG9rOmNkNDFmZDhiX2Y5YjdfNDJlZl85ZmQ1X2Q0NjE1YjU4NmNlYzoxOjA=';
  private readonly tokens = new Set<string>([this.accessToken]);
  private readonly codes = new Map<string, string>();
  private nextId = 1000;

  private constructor() {
    super({ record: recordRequest, contentType: 'application/json; charset=utf-8' });
  }

  static async start(): Promise<IntercomFake> {
    const fake = new IntercomFake();
    await fake.server.listen();
    return fake;
  }

  requestsTo(method: string, path: string | RegExp): IntercomRequest[] {
    return this.requests.filter((request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)));
  }

  /** A contact as if it signed up through the Messenger. */
  addContact(email: string): Contact {
    return this.createContact({ role: 'user', email });
  }

  /** A conversation a contact started in the Messenger. */
  addConversation(contactId: string, body: string): Conversation {
    const conversation = { id: String(this.nextId++), contactId, parts: [{ part_type: 'comment', body, author: { type: 'user', id: contactId } }] };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  protected answer(request: IntercomRequest, { url }: ReceivedRequest): Reply {
    if (request.method === 'GET' && request.path === '/oauth') return this.authorize(url);
    if (request.method === 'POST' && request.path === '/auth/eagle/token') return this.exchange(request);
    const token = bearerToken(request);
    if (!token || !this.tokens.has(token)) return errorList(401, 'unauthorized', 'Access Token Invalid');
    const body = (request.json ?? {}) as Record<string, unknown>;
    const route = `${request.method} ${request.path}`;
    if (route === 'GET /me') return { status: 200, body: { ...this.admins[0], app: { type: 'app', id_code: 'ecahpwf5', name: 'Analytical Engines' } } };
    if (route === 'GET /admins') return { status: 200, body: { type: 'admin.list', admins: this.admins } };
    if (route === 'GET /tags') return { status: 200, body: { type: 'list', data: this.tags } };
    if (route === 'POST /contacts') return this.createContactFrom(body);
    if (route === 'POST /conversations') return this.createConversation(body);
    const contact = /^\/contacts\/([^/]+)(\/tags)?$/.exec(request.path);
    if (contact && request.method === 'PUT' && !contact[2]) return this.updateContact(contact[1]!, body);
    if (contact && request.method === 'POST' && contact[2]) return this.tagContact(contact[1]!, body);
    const reply = /^\/conversations\/([^/]+)\/reply$/.exec(request.path);
    if (reply && request.method === 'POST') return this.reply(reply[1]!, body);
    return errorList(404, 'not_found', 'Resource Not Found');
  }

  private authorize(url: URL): Reply {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('client_id') !== this.oauthApp.clientId || !redirectUri) return { status: 400, body: 'Unknown client' };
    const code = `code-${this.nextId++}`;
    this.codes.set(code, redirectUri);
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    return { status: 302, headers: { location: back.href } };
  }

  /** POST /auth/eagle/token with code, client_id and client_secret; the token never expires and has no refresh. */
  private exchange(request: IntercomRequest): Reply {
    const form = new URLSearchParams(request.body);
    const code = form.get('code') ?? '';
    const known = this.codes.delete(code);
    if (!known || form.get('client_id') !== this.oauthApp.clientId || form.get('client_secret') !== this.oauthApp.clientSecret) {
      return errorList(401, 'unauthorized', 'Invalid client credentials or code');
    }
    const token = `dG9rOm9hdXRoXzEyMzQ1Njc4OToxOj${this.nextId++}`;
    this.tokens.add(token);
    return { status: 200, body: { token_type: 'Bearer', token, access_token: token } };
  }

  private createContact(fields: Record<string, unknown>): Contact {
    const now = Math.floor(Date.now() / 1000);
    const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : null);
    const contact: Contact = {
      type: 'contact',
      id: `6762f0dd1bb69f9f2193${String(this.nextId++).padStart(4, '0')}`,
      role: text('role') ?? 'user',
      email: text('email'),
      external_id: text('external_id'),
      name: text('name'),
      phone: text('phone'),
      custom_attributes: (fields['custom_attributes'] as Record<string, unknown> | undefined) ?? {},
      tags: [],
      created_at: now,
      updated_at: now,
    };
    this.contacts.set(contact.id, contact);
    return contact;
  }

  private createContactFrom(body: Record<string, unknown>): Reply {
    const role = body['role'] ?? 'user';
    if (role !== 'user' && role !== 'lead') return errorList(400, 'parameter_invalid', 'Role must be user or lead');
    if (role === 'user' && !body['email'] && !body['external_id']) return errorList(400, 'parameter_invalid', 'Email or external_id is required for a user');
    const existing = [...this.contacts.values()].find((contact) => contact.role === 'user' && body['email'] && contact.email === body['email']);
    if (existing) return errorList(409, 'conflict', `A contact matching those details already exists with id=${existing.id}`);
    return { status: 200, body: this.view(this.createContact(body)) };
  }

  private updateContact(id: string, body: Record<string, unknown>): Reply {
    const contact = this.contacts.get(id);
    if (!contact) return errorList(404, 'not_found', 'User Not Found');
    for (const key of ['role', 'email', 'external_id', 'name', 'phone'] as const) if (typeof body[key] === 'string') contact[key] = body[key];
    if (body['custom_attributes']) contact.custom_attributes = { ...contact.custom_attributes, ...(body['custom_attributes'] as Record<string, unknown>) };
    contact.updated_at = Math.floor(Date.now() / 1000);
    return { status: 200, body: this.view(contact) };
  }

  private createConversation(body: Record<string, unknown>): Reply {
    const from = body['from'] as { type?: string; id?: string } | undefined;
    if (!from?.id || !['user', 'lead', 'contact'].includes(String(from.type))) return errorList(400, 'parameter_invalid', 'from must have a type of user, lead or contact, and an id');
    if (typeof body['body'] !== 'string' || body['body'] === '') return errorList(400, 'parameter_not_found', 'Body is required');
    if (!this.contacts.has(from.id)) return errorList(404, 'not_found', 'User Not Found');
    const conversation = this.addConversation(from.id, body['body']);
    return { status: 200, body: { type: 'user_message', id: String(this.nextId++), created_at: Math.floor(Date.now() / 1000), body: body['body'], message_type: 'inapp', conversation_id: conversation.id } };
  }

  private reply(id: string, body: Record<string, unknown>): Reply {
    const conversation = this.conversations.get(id);
    if (!conversation) return errorList(404, 'conversation_not_found', 'Conversation not found');
    if (body['type'] !== 'admin' || !this.admins.some((admin) => admin.id === body['admin_id'])) return errorList(400, 'parameter_invalid', 'admin_id must name an admin of the workspace');
    if (!['comment', 'note'].includes(String(body['message_type'])) || typeof body['body'] !== 'string') return errorList(400, 'parameter_invalid', 'message_type and body are required');
    conversation.parts.push({ part_type: String(body['message_type']), body: body['body'], author: { type: 'admin', id: String(body['admin_id']) } });
    return {
      status: 200,
      body: {
        type: 'conversation',
        id,
        state: 'open',
        contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: conversation.contactId }] },
        conversation_parts: { type: 'conversation_part.list', conversation_parts: conversation.parts.map((part, index) => ({ type: 'conversation_part', id: `${id}-${index}`, ...part })), total_count: conversation.parts.length },
      },
    };
  }

  private tagContact(id: string, body: Record<string, unknown>): Reply {
    const contact = this.contacts.get(id);
    if (!contact) return errorList(404, 'not_found', 'User Not Found');
    const tag = this.tags.find((candidate) => candidate.id === body['id']);
    if (!tag) return errorList(404, 'tag_not_found', 'Tag not found');
    if (!contact.tags.includes(tag.id)) contact.tags.push(tag.id);
    return { status: 200, body: tag };
  }

  private view(contact: Contact) {
    const { tags, ...rest } = contact;
    return { ...rest, tags: { type: 'list', data: tags.map((id) => ({ type: 'tag', id })), url: `/contacts/${contact.id}/tags`, total_count: tags.length, has_more: false } };
  }
}
