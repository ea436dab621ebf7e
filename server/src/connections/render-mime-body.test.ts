import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { mimeMessageSchema } from '@switchyard/connectors';
import { renderMimeBody } from './render-mime-body.js';

const input = {
  to: ['ada@example.com', 'bob@example.com'],
  cc: 'Carol <carol@example.com>',
  bcc: 'dave@example.com',
  subject: 'Report ✓',
  text: 'See attached.',
  html: '<p>See <b>attached</b>.</p>',
  file: { base64: Buffer.from([0, 1, 2, 255]).toString('base64'), filename: 'data.bin', contentType: 'application/octet-stream' },
};
const message = mimeMessageSchema.parse({
  from: 'me@example.com',
  to: '{{input.to}}',
  cc: '{{input.cc}}',
  bcc: '{{input.bcc}}',
  replyTo: '{{input.reply_to}}',
  subject: '{{input.subject}}',
  text: '{{input.text}}',
  html: '{{input.html}}',
  headers: { 'X-Tag': 'e2e', 'X-Empty': '{{input.nothing}}' },
  attachments: [{ file: '{{input.file}}' }, { file: 'plain text', filename: 'note.txt' }, { file: '{{input.none}}' }],
});

describe('renderMimeBody', () => {
  it('builds an RFC 5322 message with alternatives, attachments and Bcc kept', async () => {
    const { body, contentType } = await renderMimeBody(message, { input });
    expect(contentType).toBe('message/rfc822');
    const parsed = await simpleParser(Buffer.from(body));
    expect(parsed.subject).toBe('Report ✓');
    expect(parsed.from?.text).toBe('me@example.com');
    expect([parsed.to].flat().map((to) => to?.text)).toEqual(['ada@example.com, bob@example.com']);
    expect([parsed.cc].flat()[0]?.value[0]).toMatchObject({ name: 'Carol', address: 'carol@example.com' });
    expect([parsed.bcc].flat()[0]?.text).toBe('dave@example.com');
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.text?.trim()).toBe('See attached.');
    expect(parsed.html).toContain('<b>attached</b>');
    expect(parsed.headers.get('x-tag')).toBe('e2e');
    expect(parsed.headers.has('x-empty')).toBe(false);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, [...a.content]])).toEqual([
      ['data.bin', 'application/octet-stream', [0, 1, 2, 255]],
      ['note.txt', 'text/plain', [...Buffer.from('plain text')]],
    ]);
  });

  it('wraps the message base64url-encoded in a JSON body beside other entries (Gmail raw)', async () => {
    const wrapped = mimeMessageSchema.parse({ to: 'a@example.com', subject: 'Hi', text: 'x', wrap: { field: 'raw', json: { threadId: '{{input.thread}}', gone: '{{input.none}}' } } });
    const { body, contentType } = await renderMimeBody(wrapped, { input: { thread: 't-1' } });
    expect(contentType).toBe('application/json');
    const json = JSON.parse(String(body)) as { raw: string; threadId: string };
    expect(Object.keys(json).sort()).toEqual(['raw', 'threadId']);
    expect(json.raw).toMatch(/^[A-Za-z0-9_-]+$/);
    const parsed = await simpleParser(Buffer.from(json.raw, 'base64url'));
    expect(parsed.subject).toBe('Hi');
  });

  it('adds one attachment per item when a file template renders to a list, and names bad files', async () => {
    const listed = mimeMessageSchema.parse({ to: 'a@example.com', attachments: [{ file: '{{input.files}}' }] });
    const files = [{ base64: 'YQ==', filename: 'a.txt' }, 'b'];
    const parsed = await simpleParser(Buffer.from((await renderMimeBody(listed, { input: { files } })).body));
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['a.txt', 'attachment-1-2']);
    await expect(renderMimeBody(listed, { input: { files: [{ name: 'x' }] } })).rejects.toThrow('attachment 1 needs a file');
  });
});
