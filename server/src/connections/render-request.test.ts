import { requestTemplateSchema } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { renderRequest } from './render-request.js';

const scope = { connection: { base_url: 'https://sheets.example', drive_url: 'https://drive.example', bad: 'not a url' }, input: { id: 'a/b', q: "mimeType='x'" } };

describe('a second base URL from a connection field', () => {
  it('is rendered like baseUrl: the connection value is the origin, run values stay in their segment', async () => {
    const request = requestTemplateSchema.parse({ path: '{{connection.drive_url}}/drive/v3/files/{{input.id}}', query: { q: '{{input.q}}' } });
    const rendered = await renderRequest('{{connection.base_url}}', undefined, request, scope);
    expect(rendered.url.origin).toBe('https://drive.example');
    expect(rendered.url.pathname).toBe('/drive/v3/files/a%2Fb');
    expect(rendered.url.searchParams.get('q')).toBe("mimeType='x'");
  });

  it('must render to an absolute URL; a run value leading a path stays one segment on the base URL', async () => {
    const bad = requestTemplateSchema.parse({ path: '{{connection.bad}}/x' });
    await expect(renderRequest('{{connection.base_url}}', undefined, bad, scope)).rejects.toThrow('must be an absolute http(s) URL');
    const fromRun = requestTemplateSchema.parse({ path: '{{input.url}}/x' });
    const kept = await renderRequest('{{connection.base_url}}', undefined, fromRun, { ...scope, input: { url: 'https://evil.example' } });
    expect(kept.url.href).toBe('https://sheets.example/https%3A%2F%2Fevil.example/x');
  });
});
