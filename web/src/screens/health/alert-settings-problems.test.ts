import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { alertSettingsProblems } from './alert-settings-problems';

describe('alert settings problems by field', () => {
  it('puts each server problem under its field, naming the recipient address', () => {
    const error = new ApiError(422, 'VALIDATION_FAILED', '/recipients/1: invalid email address', [
      { path: '/recipients/1', message: 'invalid email address' },
      { path: '/smtpConnectionId', message: 'connection "Slack" is not an SMTP account' },
    ]);
    expect(alertSettingsProblems(error, ['ada@example.com', 'not-an-email'])).toEqual({
      recipients: 'Recipient "not-an-email": invalid email address.',
      smtpConnectionId: 'Connection "Slack" is not an SMTP account.',
    });
  });

  it('joins several problems of one field and keeps unknown paths as general', () => {
    const error = new ApiError(422, 'VALIDATION_FAILED', 'x', [
      { path: '/recipients/0', message: 'invalid email address' },
      { path: '/recipients', message: 'too many' },
      { path: '/other', message: 'unrecognized key' },
    ]);
    expect(alertSettingsProblems(error, ['a'])).toEqual({ recipients: 'Recipient "a": invalid email address. Too many.', general: '/other: unrecognized key.' });
  });

  it('shows an error without problems, or a network failure, as general; nothing when there is no error', () => {
    expect(alertSettingsProblems(new ApiError(403, 'FORBIDDEN', 'owners only'), [])).toEqual({ general: 'Owners only.' });
    expect(alertSettingsProblems(null, [])).toEqual({});
  });
});
