import type { FieldInput } from '../../manifest/field-schema.js';

/**
 * The CRM objects the pack writes and finds, with the properties its forms offer (HubSpot's default
 * properties, https://knowledge.hubspot.com/properties/hubspots-default-contact-properties and the company and
 * deal lists beside it). `created` and `modified` are the datetime properties the polls order by: deals and
 * companies name their modified time `hs_lastmodifieddate`, contacts `lastmodifieddate`.
 */
export interface CrmObject {
  /** The path segment: `/crm/v3/objects/{type}`. */
  type: 'contacts' | 'companies' | 'deals';
  singular: string;
  title: string;
  fields: FieldInput[];
  created: string;
  modified: string;
}

export const contactObject: CrmObject = {
  type: 'contacts',
  singular: 'contact',
  title: 'Contact',
  created: 'createdate',
  modified: 'lastmodifieddate',
  fields: [
    { key: 'email', label: 'Email', type: 'email', description: "The contact's primary email; HubSpot refuses a second contact with the same one." },
    { key: 'firstname', label: 'First name' },
    { key: 'lastname', label: 'Last name' },
    { key: 'phone', label: 'Phone number' },
    { key: 'company', label: 'Company name', description: 'Text on the contact; to link a company record use "Associate records".' },
    { key: 'jobtitle', label: 'Job title' },
    { key: 'website', label: 'Website URL', type: 'url' },
    {
      key: 'lifecyclestage',
      label: 'Lifecycle stage',
      type: 'select',
      description: "HubSpot's internal value; a stage can only move forward unless it is cleared first.",
      choices: [
        { label: 'Subscriber', value: 'subscriber' },
        { label: 'Lead', value: 'lead' },
        { label: 'Marketing qualified lead', value: 'marketingqualifiedlead' },
        { label: 'Sales qualified lead', value: 'salesqualifiedlead' },
        { label: 'Opportunity', value: 'opportunity' },
        { label: 'Customer', value: 'customer' },
        { label: 'Evangelist', value: 'evangelist' },
        { label: 'Other', value: 'other' },
      ],
    },
  ],
};

export const companyObject: CrmObject = {
  type: 'companies',
  singular: 'company',
  title: 'Company',
  created: 'createdate',
  modified: 'hs_lastmodifieddate',
  fields: [
    { key: 'name', label: 'Company name' },
    { key: 'domain', label: 'Company domain', placeholder: 'example.com', description: 'Without https://; HubSpot matches contacts to companies by it.' },
    { key: 'phone', label: 'Phone number' },
    { key: 'city', label: 'City' },
    { key: 'country', label: 'Country/Region' },
    { key: 'industry', label: 'Industry', description: "HubSpot's internal value, e.g. COMPUTER_SOFTWARE." },
    { key: 'description', label: 'Description', type: 'text' },
  ],
};

export const dealObject: CrmObject = {
  type: 'deals',
  singular: 'deal',
  title: 'Deal',
  created: 'createdate',
  modified: 'hs_lastmodifieddate',
  fields: [
    { key: 'dealname', label: 'Deal name' },
    { key: 'amount', label: 'Amount', type: 'number' },
    { key: 'pipeline', label: 'Pipeline ID', placeholder: 'default', description: 'The internal ID of the pipeline; the standard sales pipeline is "default".' },
    { key: 'dealstage', label: 'Deal stage ID', placeholder: 'appointmentscheduled', description: "The stage's internal ID within the pipeline." },
    { key: 'closedate', label: 'Close date', type: 'datetime' },
    { key: 'hubspot_owner_id', label: 'Owner ID', description: 'The ID of a HubSpot user (Settings → Users).' },
  ],
};

export const crmObjects = [contactObject, companyObject, dealObject];

/** Properties asked for when reading records back: the form's fields and the times. */
export function readProperties(object: CrmObject): string[] {
  return [...object.fields.map((field) => field.key), object.created, object.modified];
}

/** `{ email: "{{input.email}}", … }`: empty inputs are left out of the request, so an update keeps them. */
export function propertiesTemplate(object: CrmObject): Record<string, string> {
  return Object.fromEntries(object.fields.map((field) => [field.key, `{{input.${field.key}}}`]));
}
