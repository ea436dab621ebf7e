import type { FakeReply } from './fake-vendor-server.js';

/**
 * The authorization codes of a fake OAuth server (RFC 6749 §4.1.2–4.1.3): each is bound to the redirect URI
 * it was issued for, and redeems once, with that same URI.
 */
export class AuthorizationCodes {
  private readonly redirects = new Map<string, string>();
  private issued = 0;

  /** `prefix` makes the codes look like the vendor's (e.g. `AB11-code-`). */
  constructor(private readonly prefix: string) {}

  /** Issues a code for `redirectUri` and answers the 302 back there with the code, `state` and any `extra` parameters. */
  redirect(redirectUri: string, state: string, extra: Record<string, string> = {}): FakeReply {
    const code = `${this.prefix}${++this.issued}`;
    this.redirects.set(code, redirectUri);
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', state);
    for (const [name, value] of Object.entries(extra)) back.searchParams.set(name, value);
    return { status: 302, headers: { location: back.href } };
  }

  /** Whether `code` was issued for `redirectUri` and not redeemed yet; a successful redemption uses it up. */
  redeem(code: string | null, redirectUri: string | null): boolean {
    const bound = this.redirects.get(code ?? '');
    if (bound === undefined || bound !== redirectUri) return false;
    this.redirects.delete(code!);
    return true;
  }
}
