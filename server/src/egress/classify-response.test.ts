import { describe, expect, it } from 'vitest';
import { classifyResponse, classifyStatus, rateLimitWaitMs } from './classify-response.js';

describe('classifyStatus', () => {
  it.each([200, 201, 204, 301, 304])('%i is ok', (status) => expect(classifyStatus(status)).toBe('ok'));
  it.each([408, 429, 500, 502, 503, 504, 599])('%i is retryable', (status) => expect(classifyStatus(status)).toBe('retryable'));
  it.each([400, 401, 403, 404, 409, 410, 422, 0, 600])('%i is fatal', (status) => expect(classifyStatus(status)).toBe('fatal'));
});

describe('classifyResponse', () => {
  it('makes a 403 retryable when it says it is a rate limit (retry-after, or x-ratelimit-remaining 0)', () => {
    expect(classifyResponse(403, { 'retry-after': '60' })).toBe('retryable');
    expect(classifyResponse(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000090' })).toBe('retryable');
    expect(classifyResponse(403, { 'x-ratelimit-remaining': '12' })).toBe('fatal');
    expect(classifyResponse(403, {})).toBe('fatal');
    expect(classifyResponse(404, { 'retry-after': '60' })).toBe('fatal');
    expect(classifyResponse(200, { 'x-ratelimit-remaining': '0' })).toBe('ok');
  });
});

describe('rateLimitWaitMs', () => {
  const now = 1_700_000_000_000;
  it('takes retry-after first, else the x-ratelimit-reset epoch second when none are left', () => {
    expect(rateLimitWaitMs({ 'retry-after': '7', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000090' }, now)).toBe(7000);
    expect(rateLimitWaitMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000090' }, now)).toBe(90_000);
  });
  it('gives null when nothing usable says how long: requests left, a reset passed or unreadable', () => {
    expect(rateLimitWaitMs({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1700000090' }, now)).toBeNull();
    expect(rateLimitWaitMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1699999990' }, now)).toBeNull();
    expect(rateLimitWaitMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': 'soon' }, now)).toBeNull();
    expect(rateLimitWaitMs({}, now)).toBeNull();
  });
});
