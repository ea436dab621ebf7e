import { describe, expect, it } from 'vitest';
import { coreStepForm } from './core-steps';
import { addressesProblem, attachmentsProblem } from './email-step-form';
import { validateForm } from './form-field';

const fields = coreStepForm('core/email')?.fields ?? [];

describe('the core/email form', () => {
  it('acts through an SMTP account', () => {
    expect(coreStepForm('core/email')).toMatchObject({ group: 'Messaging', connection: { packId: 'smtp', label: 'SMTP account' } });
  });

  it('accepts addresses, named ones, several with commas, and pills; names the first that is not one', () => {
    expect(addressesProblem('To', 'ada@example.com')).toBeUndefined();
    expect(addressesProblem('To', 'Ada <ada@example.com>, "Hopper, Grace" <grace@example.com>, {{trigger.body.email}}')).toBeUndefined();
    expect(addressesProblem('Cc', ['ada@example.com', '{{steps.a.output.email}}'])).toBeUndefined();
    expect(addressesProblem('To', 'ada@example.com, ada-at-example')).toBe('To: "ada-at-example" is not an email address');
    expect(addressesProblem('To', 'Ada <ada@example>')).toBe('To: "Ada <ada@example>" is not an email address');
  });

  it('takes attachments from earlier steps as pills, or text files with a name', () => {
    expect(attachmentsProblem(['{{steps.download.output.body}}', { filename: 'a.csv', content: 'x,y' }])).toBeUndefined();
    expect(attachmentsProblem('{{steps.build.output.files}}')).toBeUndefined();
    expect(attachmentsProblem([{ base64: 'aGk=', filename: 'hi.txt' }])).toBeUndefined();
    expect(attachmentsProblem([''])).toBe('Attachment 1: insert a file from an earlier step');
    expect(attachmentsProblem(['{{trigger.file}}', { filename: ' ', content: 'x' }])).toBe('Attachment 2: give the file a name');
    expect(attachmentsProblem({ filename: 'a' })).toBe('Attachments must be a list');
  });

  it('shows each problem under its field: recipients, subject, a body, addresses, attachments', () => {
    expect(validateForm(fields, {})).toEqual({ to: 'To is required', subject: 'Subject is required', text: 'Give a text body or an HTML body' });
    expect(validateForm(fields, { to: '{{trigger.body.email}}', subject: 'Hi', html: '<p>Hi</p>' })).toEqual({});
    expect(validateForm(fields, { to: 'ada@example.com', bcc: 'nope', from: 'robot', subject: 'Hi', text: 'Hi', attachments: [{ content: 'x' }] })).toEqual({
      bcc: 'Bcc: "nope" is not an email address',
      from: 'From: "robot" is not an email address',
      attachments: 'Attachment 1: give the file a name',
    });
  });
});
