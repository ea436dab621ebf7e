/**
 * The parts of a pack manifest the screens show. The API returns the manifest as plain JSON (the connectors
 * package is not imported by the web app), so it is read defensively: anything missing or odd shows as empty
 * rather than breaking a page.
 */
export interface ManifestField {
  key: string;
  label: string;
  type: string;
  description?: string;
  placeholder?: string;
  required: boolean;
  secret: boolean;
  default?: unknown;
  choices: { label: string; value: string | number | boolean }[];
  dynamic: boolean;
  /** Folded under "Advanced" in forms: a setting almost nobody changes. */
  advanced: boolean;
}

export interface ManifestItem {
  key: string;
  name: string;
  description?: string;
  /** Actions: `action` or `search`; triggers: `webhook`, `poll`, `subscription`, … */
  kind: string;
  fields: ManifestField[];
}

export interface ManifestAuth {
  kind: string;
  /** OAuth2 only: `authorization_code` (a browser popup) or `client_credentials`. */
  grant?: string;
  fields: ManifestField[];
  hasTest: boolean;
  /** OAuth2: the user may paste a token (a bot token, a personal access token) instead of connecting through OAuth. */
  pasteToken?: { label: string; description?: string };
}

export interface ManifestView {
  homepage?: string;
  auth: ManifestAuth;
  actions: ManifestItem[];
  triggers: ManifestItem[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

function readField(raw: Json): ManifestField {
  const key = text(raw['key']) ?? '';
  return {
    key,
    label: text(raw['label']) ?? key,
    type: text(raw['type']) ?? 'string',
    ...(text(raw['description']) !== undefined && { description: text(raw['description']) }),
    ...(text(raw['placeholder']) !== undefined && { placeholder: text(raw['placeholder']) }),
    required: raw['required'] === true,
    secret: raw['secret'] === true,
    ...('default' in raw && { default: raw['default'] }),
    choices: objects(raw['choices']).flatMap((choice) => {
      const value = choice['value'];
      const label = text(choice['label']);
      return label !== undefined && ['string', 'number', 'boolean'].includes(typeof value) ? [{ label, value: value as string | number | boolean }] : [];
    }),
    dynamic: isObject(raw['dynamicChoices']),
    advanced: raw['advanced'] === true,
  };
}

/** Field objects as the manifest (or an action's fetched dynamic fields) lists them; ones without a key are left out. */
export const readFields = (value: unknown): ManifestField[] => objects(value).map(readField).filter((field) => field.key !== '');

function readItem(raw: Json, defaultKind: string): ManifestItem {
  const key = text(raw['key']) ?? '';
  return {
    key,
    name: text(raw['name']) ?? key,
    ...(text(raw['description']) !== undefined && { description: text(raw['description']) }),
    kind: text(raw['kind']) ?? defaultKind,
    fields: readFields(raw['input']),
  };
}

/** The server fills in defaults when it validates, but a generated (not yet installed) manifest may lack them. */
function readAuth(raw: unknown): ManifestAuth {
  const auth = isObject(raw) ? raw : {};
  const kind = text(auth['kind']) ?? 'none';
  const fields = readFields(auth['fields']);
  // An api_key pack without fields gets a secret `api_key` field from the validator; show it the same way.
  if (kind === 'api_key' && fields.length === 0) {
    fields.push({ key: 'api_key', label: 'API key', type: 'string', required: true, secret: true, choices: [], dynamic: false, advanced: false });
  }
  const paste = isObject(auth['pasteToken']) ? auth['pasteToken'] : undefined;
  const pasteLabel = text(paste?.['label']);
  const pasteDescription = text(paste?.['description']);
  return {
    kind,
    ...(kind === 'oauth2' && { grant: text(auth['grant']) ?? 'authorization_code' }),
    fields,
    hasTest: isObject(auth['test']),
    ...(kind === 'oauth2' && pasteLabel !== undefined && { pasteToken: { label: pasteLabel, ...(pasteDescription !== undefined && { description: pasteDescription }) } }),
  };
}

export function readManifest(manifest: unknown): ManifestView {
  const raw = isObject(manifest) ? manifest : {};
  return {
    ...(text(raw['homepage']) !== undefined && { homepage: text(raw['homepage']) }),
    auth: readAuth(raw['auth']),
    actions: objects(raw['actions']).map((item) => readItem(item, 'action')),
    triggers: objects(raw['triggers']).map((item) => readItem(item, 'webhook')),
  };
}

/** OAuth2 with the authorization-code grant: connecting opens the provider's page in a popup. */
export const needsBrowserAuthorization = (auth: ManifestAuth): boolean => auth.kind === 'oauth2' && auth.grant === 'authorization_code';
