import { describe, expect, it } from 'vitest';
import { createAllowList } from './address-policy.js';
import { refuseDestination } from './guarded-connector.js';

// Pure checks on answers that must never be dialled in a test (public and non-loopback private).
describe('refuseDestination', () => {
  const none = createAllowList([]);

  it('refuses a name when any answer is blocked', () => {
    const refusal = refuseDestination('api.example.com', ['93.184.216.34', '10.0.0.1'], none);
    expect(refusal?.code).toBe('EGRESS_BLOCKED');
    expect(refusal?.retryable).toBe(false);
    expect(refusal?.message).toBe('blocked by egress policy: 10.0.0.1 (private) for host api.example.com');
  });

  it('refuses the cloud metadata address', () => {
    expect(refuseDestination('169.254.169.254', ['169.254.169.254'], none)?.message).toBe(
      'blocked by egress policy: 169.254.169.254 (link-local) for host 169.254.169.254',
    );
  });

  it('lets all-public answers through', () => {
    expect(refuseDestination('api.example.com', ['93.184.216.34', '2606:2800:220:1::1'], none)).toBeNull();
  });

  it('lets allow-listed hosts and addresses through', () => {
    expect(refuseDestination('intranet.corp', ['10.0.0.1'], createAllowList(['INTRANET.corp']))).toBeNull();
    expect(refuseDestination('db.corp', ['10.0.0.1', '8.8.8.8'], createAllowList(['10.0.0.0/8']))).toBeNull();
    expect(refuseDestination('db.corp', ['10.0.0.1', '192.168.0.1'], createAllowList(['10.0.0.0/8']))?.code).toBe(
      'EGRESS_BLOCKED',
    );
  });
});
