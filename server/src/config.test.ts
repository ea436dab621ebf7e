import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('server timeouts', () => {
  it('defaults to 10 s for headers and 60 s for the whole request', () => {
    expect(loadConfig({})).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 60_000 });
  });

  it('caps the headers timeout at the request timeout, which Node would otherwise refuse', () => {
    expect(loadConfig({ SWITCHYARD_REQUEST_TIMEOUT_MS: '2000' })).toMatchObject({ headersTimeoutMs: 2000, requestTimeoutMs: 2000 });
  });

  it('refuses 0, which would turn the cut-off off', () => {
    expect(() => loadConfig({ SWITCHYARD_HEADERS_TIMEOUT_MS: '0' })).toThrow(/SWITCHYARD_HEADERS_TIMEOUT_MS/);
  });
});

describe('audit retention', () => {
  it('keeps audit entries 365 days unless told otherwise, and at least a day', () => {
    expect(loadConfig({}).auditRetentionDays).toBe(365);
    expect(loadConfig({ SWITCHYARD_AUDIT_RETENTION_DAYS: '90' }).auditRetentionDays).toBe(90);
    expect(() => loadConfig({ SWITCHYARD_AUDIT_RETENTION_DAYS: '0' })).toThrow(/SWITCHYARD_AUDIT_RETENTION_DAYS/);
  });
});
