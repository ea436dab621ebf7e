import { describe, expect, it } from 'vitest';
import { classifyStatus } from './classify-response.js';

describe('classifyStatus', () => {
  it.each([200, 201, 204, 301, 304])('%i is ok', (status) => expect(classifyStatus(status)).toBe('ok'));
  it.each([408, 429, 500, 502, 503, 504, 599])('%i is retryable', (status) => expect(classifyStatus(status)).toBe('retryable'));
  it.each([400, 401, 403, 404, 409, 410, 422, 0, 600])('%i is fatal', (status) => expect(classifyStatus(status)).toBe('fatal'));
});
