import { looseObject, looseString, type LooseObject } from './loose.js';
import type { PackProblem } from './pack-problem.js';

/**
 * `baseUrl` and the OAuth URLs are absolute http(s) URLs once their templates are filled. Templates are set
 * aside: one that starts the URL stands for a whole origin (`{{connection.base_url}}/v1`, checked when the
 * connection is saved), one elsewhere for a plain word (`https://{{connection.subdomain}}.example.com`).
 */
export function absoluteUrlRule(manifest: LooseObject): PackProblem[] {
  const auth = looseObject(manifest.auth);
  const urls = [
    { name: 'baseUrl', path: '/baseUrl', value: manifest.baseUrl },
    { name: 'tokenUrl', path: '/auth/tokenUrl', value: auth?.kind === 'oauth2' ? auth.tokenUrl : undefined },
    { name: 'authorizationUrl', path: '/auth/authorizationUrl', value: auth?.kind === 'oauth2' ? auth.authorizationUrl : undefined },
  ];
  return urls.flatMap(({ name, path, value }) => {
    const text = looseString(value);
    if (text === undefined || isAbsoluteHttpUrl(text)) return [];
    const message = `"${name}" must be an absolute http(s) URL such as https://api.example.com/v1 (templates may fill parts of it), not "${text}"`;
    return [{ path, message }];
  });
}

function isAbsoluteHttpUrl(template: string): boolean {
  const filled = template.replace(/^\s*\{\{[^}]*\}\}/, 'https://origin.invalid').replace(/\{\{[^}]*\}\}/g, 'x');
  try {
    const url = new URL(filled);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
