import { randomUUID } from 'node:crypto';
import { AuthorizationCodes } from '../../support/authorization-codes.js';
import { bearerToken, recordRequest, VendorFake, type FakeReply as Reply, type RecordedRequest } from '../../support/fake-vendor-server.js';

export type XeroRequest = RecordedRequest;
type Row = Record<string, unknown>;

export interface Tenant {
  tenantId: string;
  tenantName: string;
  contacts: Row[];
  invoices: Row[];
  payments: Row[];
}

const validation = (message: string): Reply => ({
  status: 400,
  body: { ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: [{ ValidationErrors: [{ Message: message }] }] },
});
const problem = (status: number, title: string, detail: string): Reply => ({ status, body: { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} } });
const dotNetNow = () => `/Date(${Date.now()}+0000)/`;

/**
 * A local stand-in for Xero (identity, connections and Accounting API 2.0), following the documented
 * contract: authorize redirect with code and state; the token endpoint with HTTP Basic client auth,
 * authorization_code and refresh_token grants and rotating refresh tokens (a used one stops working);
 * GET /connections listing the organisations; Accounting calls need a Bearer token (401) and a connected
 * `xero-tenant-id` (403); answers are JSON only when asked for; a repeated Idempotency-Key replays the first
 * answer; contacts (unique names), invoices (contact and line items required) and payments (only on an
 * AUTHORISED invoice, at most the amount due) refused with Xero's ValidationException; contacts listed with
 * where (Name/EmailAddress ==), searchTerm, includeArchived and page/pageSize.
 */
export class XeroFake extends VendorFake<XeroRequest> {
  readonly app = { clientId: '6AF28A3F5B7E4C6D9E0F1A2B3C4D5E6F', clientSecret: 'xero-secret-Mv4wV2c9yJ0kP8hT' };
  readonly tenants: Tenant[] = [
    { tenantId: 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f', tenantName: 'Demo Company (US)', contacts: [], invoices: [], payments: [] },
    { tenantId: '3f1e0a55-2d4b-4c47-9a3e-5b8f1c2d7e90', tenantName: 'Analytical Engines Ltd', contacts: [], invoices: [], payments: [] },
  ];
  readonly accessTokens = new Set<string>();
  readonly refreshTokens = new Set<string>();
  private readonly codes = new AuthorizationCodes('xero-code-');
  private readonly replays = new Map<string, Reply>();
  private issued = 0;

  private constructor() {
    super({ record: recordRequest, contentType: 'application/json; charset=utf-8' });
  }

  static async start(): Promise<XeroFake> {
    const fake = new XeroFake();
    await fake.server.listen();
    return fake;
  }

  requestsTo(method: string, path: string): XeroRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  issueAccessToken(): string {
    const token = `eyJhbGciOiJSUzI1NiJ9.xero-${++this.issued}`;
    this.accessTokens.add(token);
    return token;
  }

  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** A contact or invoice made in Xero itself. */
  addContact(tenant: Tenant, fields: Row): Row {
    const contact = { ContactID: randomUUID(), ContactStatus: 'ACTIVE', Phones: [], Addresses: [], UpdatedDateUTC: dotNetNow(), ...fields };
    tenant.contacts.push(contact);
    return contact;
  }

  addInvoice(tenant: Tenant, fields: Row): Row {
    const total = ((fields['LineItems'] as { Quantity?: number; UnitAmount?: number }[] | undefined) ?? []).reduce((sum, item) => sum + (item.Quantity ?? 1) * (item.UnitAmount ?? 0), 0);
    const invoice = { InvoiceID: randomUUID(), InvoiceNumber: `INV-${String(tenant.invoices.length + 1).padStart(4, '0')}`, Status: 'DRAFT', Total: total, AmountDue: total, AmountPaid: 0, UpdatedDateUTC: dotNetNow(), ...fields };
    tenant.invoices.push(invoice);
    return invoice;
  }

  protected answer(request: XeroRequest): Reply {
    const query = Object.fromEntries(request.query);
    if (request.method === 'GET' && request.path === '/identity/connect/authorize') return this.authorize(query);
    if (request.method === 'POST' && request.path === '/connect/token') return this.token(request);
    const token = bearerToken(request);
    if (!token || !this.accessTokens.has(token)) return problem(401, 'Unauthorized', 'TokenExpired: token expired at 06/01/2024 09:15:00');
    if (request.method === 'GET' && request.path === '/connections') {
      return { status: 200, body: this.tenants.map((tenant) => ({ id: randomUUID(), authEventId: randomUUID(), tenantId: tenant.tenantId, tenantType: 'ORGANISATION', tenantName: tenant.tenantName, createdDateUtc: '2024-06-01T09:00:00.0000000', updatedDateUtc: '2024-06-01T09:00:00.0000000' })) };
    }
    if (!request.path.startsWith('/api.xro/2.0/')) return problem(404, 'Not Found', 'The resource you are looking for cannot be found');
    const tenant = this.tenants.find((candidate) => candidate.tenantId === request.headers['xero-tenant-id']);
    if (!tenant) return problem(403, 'Forbidden', 'AuthenticationUnsuccessful');
    if (!String(request.headers['accept']).includes('application/json')) {
      return { status: 200, body: '<Response xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/>', headers: { 'content-type': 'text/xml; charset=utf-8' } };
    }
    const key = request.headers['idempotency-key'];
    const replayKey = typeof key === 'string' && `${tenant.tenantId} ${request.method} ${request.path} ${key}`;
    const replayed = replayKey ? this.replays.get(replayKey) : undefined;
    if (replayed) return replayed;
    const reply = this.accounting(tenant, request.method, request.path.slice('/api.xro/2.0'.length), query, request.json as Row | undefined);
    if (replayKey && reply.status < 500) this.replays.set(replayKey, reply);
    return reply;
  }

  private authorize(query: Record<string, string>): Reply {
    if (query['client_id'] !== this.app.clientId || query['response_type'] !== 'code' || !query['scope']?.split(' ').includes('offline_access')) return { status: 400, body: 'invalid_request' };
    return this.codes.redirect(query['redirect_uri']!, query['state']!, { scope: query['scope'] });
  }

  private token(request: XeroRequest): Reply {
    if (request.headers['authorization'] !== `Basic ${Buffer.from(`${this.app.clientId}:${this.app.clientSecret}`).toString('base64')}`) return { status: 400, body: { error: 'invalid_client' } };
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') === 'authorization_code') {
      if (!this.codes.redeem(form.get('code'), form.get('redirect_uri'))) return { status: 400, body: { error: 'invalid_grant' } };
    } else if (form.get('grant_type') === 'refresh_token') {
      // Xero rotates refresh tokens: the one just used stops working.
      if (!this.refreshTokens.delete(form.get('refresh_token') ?? '')) return { status: 400, body: { error: 'invalid_grant' } };
    } else {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    const refresh = `xero-refresh-${++this.issued}`;
    this.refreshTokens.add(refresh);
    return { status: 200, body: { id_token: 'eyJ.id', access_token: this.issueAccessToken(), expires_in: 1800, token_type: 'Bearer', refresh_token: refresh, scope: 'offline_access accounting.transactions accounting.contacts' } };
  }

  private accounting(tenant: Tenant, method: string, path: string, query: Record<string, string>, body: Row | undefined): Reply {
    if (method === 'GET' && path === '/Contacts') return this.listContacts(tenant, query);
    if (method === 'PUT' && path === '/Contacts') {
      const [contact] = (body?.['Contacts'] as Row[] | undefined) ?? [];
      if (!contact?.['Name']) return validation('The contact name must be specified.');
      if (tenant.contacts.some((other) => other['Name'] === contact['Name'])) return validation(`The contact name ${String(contact['Name'])} is already assigned to another contact. The contact name must be unique across all active contacts.`);
      return { status: 200, body: { Id: randomUUID(), Status: 'OK', Contacts: [this.addContact(tenant, contact)] } };
    }
    if (method === 'PUT' && path === '/Invoices') {
      const [invoice] = (body?.['Invoices'] as Row[] | undefined) ?? [];
      const contactId = (invoice?.['Contact'] as { ContactID?: string } | undefined)?.ContactID;
      if (!invoice?.['Type']) return validation('Invoice Type must be specified');
      if (!tenant.contacts.some((contact) => contact['ContactID'] === contactId)) return validation('A Contact must be specified for this type of transaction');
      if (!Array.isArray(invoice['LineItems']) || invoice['LineItems'].length === 0) return validation('At least one line item must be specified');
      return { status: 200, body: { Id: randomUUID(), Status: 'OK', Invoices: [this.addInvoice(tenant, invoice)] } };
    }
    if (method === 'POST' && path === '/Payments') return this.pay(tenant, body ?? {});
    return problem(404, 'Not Found', 'The resource you are looking for cannot be found');
  }

  private pay(tenant: Tenant, payment: Row): Reply {
    const invoice = tenant.invoices.find((candidate) => candidate['InvoiceID'] === (payment['Invoice'] as { InvoiceID?: string } | undefined)?.InvoiceID);
    if (!invoice) return validation('Invoice could not be found');
    if (invoice['Status'] !== 'AUTHORISED') return validation('Payment cannot be created against a draft or paid invoice');
    if (!(payment['Account'] as { Code?: string } | undefined)?.Code) return validation('Account code or Account ID must be specified');
    const amount = payment['Amount'];
    if (typeof amount !== 'number' || amount <= 0 || amount > (invoice['AmountDue'] as number)) return validation('Payment amount exceeds the amount outstanding on this document');
    invoice['AmountDue'] = (invoice['AmountDue'] as number) - amount;
    invoice['AmountPaid'] = (invoice['AmountPaid'] as number) + amount;
    if (invoice['AmountDue'] === 0) invoice['Status'] = 'PAID';
    const made = { PaymentID: randomUUID(), Status: 'AUTHORISED', PaymentType: 'ACCRECPAYMENT', UpdatedDateUTC: dotNetNow(), ...payment, Invoice: { InvoiceID: invoice['InvoiceID'], InvoiceNumber: invoice['InvoiceNumber'] } };
    tenant.payments.push(made);
    return { status: 200, body: { Id: randomUUID(), Status: 'OK', Payments: [made] } };
  }

  /** where: `Field=="value"` terms joined by AND; searchTerm: part of the name, first or last name or email, any case. */
  private listContacts(tenant: Tenant, query: Record<string, string>): Reply {
    const terms = (query['where'] ?? '').split(/\s+AND\s+/i).filter((term) => term.trim() !== '');
    const conditions = terms.map((term) => /^\s*(\w+)\s*==\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(term));
    if (conditions.some((condition) => condition === null)) return validation(`The where clause could not be parsed: ${query['where']}`);
    const needle = query['searchTerm']?.toLowerCase();
    const pageSize = Math.min(Number(query['pageSize'] ?? 100), 1000);
    const page = Number(query['page'] ?? 1);
    const found = tenant.contacts.filter(
      (contact) =>
        (query['includeArchived'] === 'true' || contact['ContactStatus'] !== 'ARCHIVED') &&
        conditions.every((condition) => contact[condition![1]!] === condition![2]) &&
        (needle === undefined || ['Name', 'FirstName', 'LastName', 'EmailAddress'].some((field) => String(contact[field] ?? '').toLowerCase().includes(needle))),
    );
    return { status: 200, body: { Id: randomUUID(), Status: 'OK', Contacts: found.slice((page - 1) * pageSize, page * pageSize) } };
  }
}
