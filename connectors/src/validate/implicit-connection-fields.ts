import type { Field } from '../manifest/field-schema.js';
import { scanTemplate } from '../templates/scan-template.js';
import { looseKeys, looseObject, looseString } from './loose.js';

interface ImplicitField {
  key: string;
  label: string;
  secret: boolean;
  /** The auth property whose default template names this field; undefined: always implied. */
  property?: string;
}

const implicitFieldsByKind: Readonly<Record<string, readonly ImplicitField[]>> = {
  api_key: [{ key: 'api_key', label: 'API key', secret: true, property: 'value' }],
  basic: [
    { key: 'username', label: 'Username', secret: false, property: 'username' },
    { key: 'password', label: 'Password', secret: true, property: 'password' },
  ],
  bearer: [{ key: 'token', label: 'Token', secret: true, property: 'token' }],
  // Self-hosters register their own OAuth app, so every oauth2 connection asks for its client.
  oauth2: [
    { key: 'client_id', label: 'Client ID', secret: false },
    { key: 'client_secret', label: 'Client secret', secret: true },
  ],
};

/**
 * The connection fields an auth block implies but does not declare: the ones its default templates name
 * (`{{connection.api_key}}`, …) and the OAuth client. A declared field of the same key wins; an auth whose
 * template was changed to name another field implies nothing for it.
 */
export function implicitConnectionFields(auth: unknown): Field[] {
  const block = looseObject(auth);
  const declared = new Set(looseKeys(block?.fields));
  const implied = implicitFieldsByKind[looseString(block?.kind) ?? ''] ?? [];
  // With a pasted token there is no OAuth client to name.
  const required = block?.pasteToken === undefined;
  return implied
    .filter((field) => !declared.has(field.key) && namesField(block?.[field.property ?? ''], field))
    .map((field) => ({ key: field.key, label: field.label, type: 'string', required, secret: field.secret, advanced: false }));
}

function namesField(template: unknown, field: ImplicitField): boolean {
  if (field.property === undefined || template === undefined) return true;
  const text = looseString(template);
  return text !== undefined && scanTemplate(text).references.some((ref) => ref.root === 'connection' && ref.first === field.key);
}

/** Every key `{{connection.*}}` may name: declared, implied and (oauth2) captured after authorising. */
export function connectionFieldKeys(auth: unknown): string[] {
  const block = looseObject(auth);
  const capture = looseObject(block?.capture);
  return [
    ...implicitConnectionFields(auth).map((field) => field.key),
    ...looseKeys(block?.fields),
    ...Object.keys(looseObject(capture?.fromToken) ?? {}),
    ...Object.keys(looseObject(capture?.fromCallback) ?? {}),
  ];
}
