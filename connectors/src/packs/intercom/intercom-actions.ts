import type { FieldInput } from '../../manifest/field-schema.js';
import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { contactSample, conversationSample, messageSample, tagSample } from './intercom-samples.js';

type Actions = NonNullable<PackManifestInput['actions']>;

const contactIdField: FieldInput = {
  key: 'contact_id',
  label: 'Contact ID',
  required: true,
  placeholder: '6762f0dd1bb69f9f2193bb83',
  description: "Intercom's id of the contact (from a trigger or a create step), not your external ID.",
};

/** What a contact carries; create and update send the same fields, and empty ones are left out. */
const contactFields: FieldInput[] = [
  { key: 'email', label: 'Email', type: 'email' },
  { key: 'external_id', label: 'External ID', description: 'Your own id for the user; unique in the workspace.' },
  { key: 'name', label: 'Name' },
  { key: 'phone', label: 'Phone', placeholder: '+447700900123' },
  {
    key: 'custom_attributes',
    label: 'Custom attributes',
    type: 'json',
    placeholder: '{ "plan": "pro" }',
    description: 'An object of data attributes that already exist in Intercom (Settings → Data → People).',
  },
];

const contactBody = {
  email: '{{input.email}}',
  external_id: '{{input.external_id}}',
  name: '{{input.name}}',
  phone: '{{input.phone}}',
  custom_attributes: '{{input.custom_attributes}}',
};

const roleField = (required: boolean): FieldInput => ({
  key: 'role',
  label: 'Role',
  type: 'select',
  required,
  ...(required && { default: 'user' }),
  choices: [
    { label: 'User (signed up)', value: 'user' },
    { label: 'Lead (visitor)', value: 'lead' },
  ],
});

/**
 * Intercom's REST API (https://developers.intercom.com/docs/references/rest-api/api.intercom.io): contacts,
 * conversations started for a contact, admin replies and tags. Intercom takes no idempotency key.
 */
export const intercomActions: Actions = [
  {
    key: 'create-contact',
    name: 'Create contact',
    description: 'Adds a user or lead. A user needs an email or an external ID; Intercom refuses one that matches an existing user.',
    input: [roleField(true), ...contactFields],
    request: { method: 'POST', path: '/contacts', json: { role: '{{input.role}}', ...contactBody } },
    sample: contactSample,
  },
  {
    key: 'update-contact',
    name: 'Update contact',
    description: 'Changes the fields filled in below; empty ones stay as they are. Setting Role to user converts a lead.',
    input: [contactIdField, roleField(false), ...contactFields],
    request: { method: 'PUT', path: '/contacts/{{input.contact_id}}', json: { role: '{{input.role}}', ...contactBody } },
    sample: contactSample,
  },
  {
    key: 'create-conversation',
    name: 'Create conversation',
    description: 'Starts a conversation as if the contact had written in (it shows in the Inbox as theirs).',
    input: [
      {
        key: 'from_type',
        label: 'Contact role',
        type: 'select',
        required: true,
        default: 'user',
        choices: [
          { label: 'User', value: 'user' },
          { label: 'Lead', value: 'lead' },
          { label: 'Either (contact)', value: 'contact' },
        ],
      },
      contactIdField,
      { key: 'body', label: 'Message', type: 'text', required: true, description: 'Plain text or simple HTML.' },
    ],
    request: { method: 'POST', path: '/conversations', json: { from: { type: '{{input.from_type}}', id: '{{input.contact_id}}' }, body: '{{input.body}}' } },
    sample: messageSample,
  },
  {
    key: 'reply-to-conversation',
    name: 'Reply to conversation',
    description: 'Replies as a teammate: a reply the contact sees, or an internal note.',
    input: [
      { key: 'conversation_id', label: 'Conversation ID', required: true, placeholder: '123' },
      {
        key: 'admin_id',
        label: 'Reply as',
        type: 'select',
        required: true,
        description: 'The teammate the reply comes from.',
        dynamicChoices: { request: { method: 'GET', path: '/admins' }, items: 'admins', label: '{{item.name}} ({{item.email}})', value: '{{item.id}}' },
      },
      {
        key: 'message_type',
        label: 'Kind',
        type: 'select',
        required: true,
        default: 'comment',
        choices: [
          { label: 'Reply (the contact sees it)', value: 'comment' },
          { label: 'Internal note', value: 'note' },
        ],
      },
      { key: 'body', label: 'Message', type: 'text', required: true, description: 'Plain text or simple HTML.' },
    ],
    request: {
      method: 'POST',
      path: '/conversations/{{input.conversation_id}}/reply',
      json: { message_type: '{{input.message_type}}', type: 'admin', admin_id: '{{input.admin_id}}', body: '{{input.body}}' },
    },
    sample: conversationSample,
  },
  {
    key: 'add-tag-to-contact',
    name: 'Add tag to contact',
    description: 'Tags a contact with an existing tag.',
    input: [
      contactIdField,
      {
        key: 'tag_id',
        label: 'Tag',
        type: 'select',
        required: true,
        dynamicChoices: { request: { method: 'GET', path: '/tags' }, items: 'data', label: '{{item.name}}', value: '{{item.id}}' },
      },
    ],
    request: { method: 'POST', path: '/contacts/{{input.contact_id}}/tags', json: { id: '{{input.tag_id}}' } },
    sample: tagSample,
  },
];
