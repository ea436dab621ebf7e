/**
 * Salesforce field types (REST API describe, "Field Types" in the SOAP API guide) as form fields. Types not
 * listed (string, phone, reference, id, combobox, textarea's long variants, …) are text. A multi-select
 * picklist is one string of values joined by ";" on the wire. URL fields stay text: Salesforce takes
 * "www.example.com" without a scheme.
 */
const types = {
  textarea: 'text',
  email: 'email',
  picklist: 'select',
  multipicklist: { type: 'multiselect', value: "{{value | join: ';'}}" },
  int: 'integer',
  long: 'integer',
  double: 'number',
  currency: 'number',
  percent: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
} as const;

/**
 * The fields of the chosen object, from `GET /sobjects/{object}/describe`, that a request may set (`when`:
 * `createable` or `updateable`); active picklist values become the choices.
 */
export function describedFields(when: 'createable' | 'updateable') {
  return {
    request: { method: 'GET' as const, path: '/sobjects/{{input.object}}/describe' },
    items: 'fields',
    when: { [when]: true },
    key: '{{item.name}}',
    label: '{{item.label}}',
    description: '{{item.inlineHelpText}}',
    type: '{{item.type}}',
    types,
    choices: { items: 'picklistValues', when: { active: true }, label: '{{choice.label}}', value: '{{choice.value}}' },
    dependsOn: ['object'],
  };
}

/** The object a step works on, chosen from the org's objects (`GET /sobjects`, describeGlobal). */
export const objectField = {
  key: 'object',
  label: 'Object',
  type: 'select' as const,
  required: true,
  description: 'The kind of record: Lead, Contact, Account, Opportunity, or a custom object (API name, e.g. Invoice__c).',
  dynamicChoices: {
    request: { method: 'GET' as const, path: '/sobjects' },
    items: 'sobjects',
    label: '{{item.label}} ({{item.name}})',
    value: '{{item.name}}',
  },
};

/** The fields of the chosen object as choices (API name as value), for picking one to search by. */
export const fieldChoices = {
  request: { method: 'GET' as const, path: '/sobjects/{{input.object}}/describe' },
  items: 'fields',
  label: '{{item.label}} ({{item.name}})',
  value: '{{item.name}}',
  dependsOn: ['object'],
};

/**
 * A template for `value` inside a quoted SOQL string literal: backslash first, then the single quote (the
 * two reserved characters), and new line, carriage return and tab as their escape sequences (SOQL and SOSL
 * reference, "Quoted String Escape Sequences"), so a value can never end the literal and add SOQL of its own.
 */
export function soqlQuoted(value: string): string {
  return `'{{${value} | replace: "\\\\", "\\\\\\\\" | replace: "'", "\\\\'" | replace: "\\n", "\\\\n" | replace: "\r", "\\\\r" | replace: "\\t", "\\\\t"}}'`;
}

/** A SOQL dateTime literal (no quotes, whole seconds in UTC) from an ISO time such as a poll cursor. */
export function soqlDateTime(value: string): string {
  return `{{${value} | date: "yyyy-MM-dd'T'HH:mm:ss'Z'"}}`;
}
