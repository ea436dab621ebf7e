import { pointer } from './pack-problem.js';
import { looseKeys, looseList, looseObject, type LooseObject } from './loose.js';

/** What templates may name in one place of a manifest (the scopes documented beside each schema). */
export interface TemplateScope {
  /** Used in messages: "an action's request". */
  place: string;
  roots: readonly string[];
  /** Keys `{{input.*}}` may name; undefined when the place has no input. */
  input?: readonly string[];
  /** Says why an input key is not allowed here when `input` is narrower than the step's fields. */
  inputHint?: string;
  /** Keys `{{subscription.*}}` may name. */
  subscription?: readonly string[];
}

export interface TemplatePlace {
  pointer: string;
  text: string;
  scope: TemplateScope;
}

type Path = readonly (string | number)[];
const deliveryRoots = ['headers', 'query', 'body', 'event', 'input', 'connection'];
const errorScope: TemplateScope = { place: 'an error message', roots: ['status', 'body'] };
const connectionScope = (place: string): TemplateScope => ({ place, roots: ['connection'] });

/** Every template string of a (possibly invalid) manifest with the scope it renders in. */
export function templatePlaces(manifest: LooseObject): TemplatePlace[] {
  const places: TemplatePlace[] = [];
  const add = (value: unknown, path: Path, scope: TemplateScope): void => eachString(value, path, (text, at) => places.push({ pointer: pointer(at), text, scope }));

  add(manifest.baseUrl, ['baseUrl'], connectionScope('baseUrl'));
  add(manifest.headers, ['headers'], connectionScope("the pack's headers"));
  addErrors(add, manifest.errors, ['errors']);

  const auth = looseObject(manifest.auth) ?? {};
  for (const key of ['value', 'username', 'password', 'token', 'headers', 'query', 'authorizationUrl', 'tokenUrl', 'test']) {
    add(auth[key], ['auth', key], connectionScope('auth'));
  }
  addFields(add, auth.fields, ['auth', 'fields'], 'a connection field');
  // A connection field's text default may name the other fields (`https://{{connection.shop}}.myshopify.com`).
  looseList(auth.fields).forEach((item, index) => add(looseObject(item)?.default, ['auth', 'fields', index, 'default'], connectionScope('a connection field default')));

  looseList(manifest.actions).forEach((item, index) => {
    const action = looseObject(item) ?? {};
    const at = ['actions', index];
    const input = looseKeys(action.input);
    const dynamic = looseObject(action.dynamicFields);
    const roots = dynamic === undefined ? ['input', 'connection'] : ['input', 'connection', 'fields'];
    add(action.request, [...at, 'request'], { place: "an action's request", roots, input });
    addErrors(add, action.errors, [...at, 'errors']);
    addFields(add, action.input, [...at, 'input'], 'an input field');
    if (dynamic !== undefined) addDynamicFields(add, dynamic, [...at, 'dynamicFields']);
  });

  looseList(manifest.triggers).forEach((item, index) => addTrigger(add, looseObject(item) ?? {}, ['triggers', index]));
  return places;
}

type Add = (value: unknown, path: Path, scope: TemplateScope) => void;

function addTrigger(add: Add, trigger: LooseObject, at: Path): void {
  const input = looseKeys(trigger.input);
  addFields(add, trigger.input, [...at, 'input'], 'an input field');
  if (trigger.kind === 'poll') {
    const roots = trigger.cursor === undefined ? ['input', 'connection'] : ['input', 'connection', 'poll'];
    add(trigger.request, [...at, 'request'], { place: "a poll trigger's request", roots, input });
    add(looseObject(trigger.fetchEach)?.request, [...at, 'fetchEach', 'request'], { place: "a poll trigger's fetchEach request", roots: ['item', 'input', 'connection'], input });
    // Item paths may name a field the user picked (`fields.{{input.modified_field}}`).
    const itemPath = { place: "a poll trigger's item path", roots: ['input'], input };
    add(trigger.id, [...at, 'id'], itemPath);
    add(trigger.revision, [...at, 'revision'], itemPath);
    add(looseObject(trigger.cursor)?.field, [...at, 'cursor', 'field'], itemPath);
    return;
  }
  const subscribed = trigger.kind === 'subscription';
  const subscription = ['id', ...Object.keys(looseObject(trigger.capture) ?? {})];
  // A handshake that keeps a secret (echo_header, body_token) makes it `{{webhook.secret}}` for a pasted hook too.
  const handshake = looseObject(trigger.handshake)?.type;
  const captures = handshake === 'echo_header' || handshake === 'body_token';
  const secretRoots = subscribed ? ['input', 'connection', 'webhook', 'subscription'] : captures ? ['input', 'connection', 'webhook'] : ['input', 'connection'];
  const verification = looseObject(trigger.verification);
  add(verification?.secret, [...at, 'verification', 'secret'], { place: 'a verification secret', roots: secretRoots, input, subscription });
  const delivery: TemplateScope = { place: 'a delivery template (dedupe, filter)', roots: deliveryRoots, input };
  add(trigger.dedupe, [...at, 'dedupe'], delivery);
  add(trigger.filter, [...at, 'filter'], delivery);
  if (!subscribed) return;
  add(trigger.subscribe, [...at, 'subscribe'], { place: 'a subscribe request', roots: ['input', 'connection', 'webhook'], input });
  const later = { roots: ['input', 'connection', 'webhook', 'subscription'], input, subscription };
  add(trigger.unsubscribe, [...at, 'unsubscribe'], { place: 'an unsubscribe request', ...later });
  add(looseObject(trigger.renew)?.request, [...at, 'renew', 'request'], { place: 'a renew request', ...later });
}

function addErrors(add: Add, errors: unknown, at: Path): void {
  add(looseObject(errors)?.byCode, [...at, 'byCode'], errorScope);
  add(looseObject(errors)?.byStatus, [...at, 'byStatus'], errorScope);
}

/** Dynamic choices: the request sees the connection and the fields it depends on; label and value one item. */
function addFields(add: Add, fields: unknown, at: Path, owner: string): void {
  looseList(fields).forEach((item, index) => {
    const choices = looseObject(looseObject(item)?.dynamicChoices);
    if (choices === undefined) return;
    const choicesAt = [...at, index, 'dynamicChoices'];
    add(choices.request, [...choicesAt, 'request'], {
      place: `the dynamic choices request of ${owner}`,
      roots: ['input', 'connection'],
      input: dependsOnKeys(choices),
      inputHint: 'list it in dependsOn to use it here',
    });
    add(choices.label, [...choicesAt, 'label'], { place: 'a dynamic choice label', roots: ['item'] });
    add(choices.value, [...choicesAt, 'value'], { place: 'a dynamic choice value', roots: ['item'] });
  });
}

/**
 * Dynamic fields: the request sees the connection and the fields it depends on; the field templates one
 * item, the choice templates one choice, and a type's value shape the user's `{{value}}`.
 */
function addDynamicFields(add: Add, dynamic: LooseObject, at: Path): void {
  add(dynamic.request, [...at, 'request'], {
    place: 'the dynamic fields request',
    roots: ['input', 'connection'],
    input: dependsOnKeys(dynamic),
    inputHint: 'list it in dependsOn to use it here',
  });
  for (const key of ['key', 'label', 'description', 'type']) add(dynamic[key], [...at, key], { place: 'a dynamic field template', roots: ['item'] });
  const choices = looseObject(dynamic.choices);
  for (const key of ['label', 'value']) add(choices?.[key], [...at, 'choices', key], { place: 'a dynamic field choice', roots: ['choice'] });
  for (const [name, type] of Object.entries(looseObject(dynamic.types) ?? {})) {
    add(looseObject(type)?.value, [...at, 'types', name, 'value'], { place: 'a value shape', roots: ['value'] });
  }
}

function dependsOnKeys(owner: LooseObject): string[] {
  return looseList(owner.dependsOn).filter((key): key is string => typeof key === 'string');
}

/** Strings anywhere inside a value (json bodies included); object keys are never templates. */
function eachString(value: unknown, path: Path, visit: (text: string, at: Path) => void, depth = 0): void {
  if (depth > 64) return;
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => eachString(item, [...path, index], visit, depth + 1));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) eachString(item, [...path, key], visit, depth + 1);
  }
}
