/** One field of a describe answer, with what the fake needs to check writes. */
export interface FakeField {
  name: string;
  label: string;
  type: string;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  inlineHelpText: string | null;
  picklistValues: { active: boolean; defaultValue: boolean; label: string; value: string; validFor: null }[];
}

const field = (name: string, type: string, extra: Partial<FakeField> = {}): FakeField => ({
  name,
  label: name.replace(/__c$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
  type,
  createable: true,
  updateable: true,
  nillable: true,
  defaultedOnCreate: false,
  inlineHelpText: null,
  picklistValues: [],
  ...extra,
});
const values = (...list: [string, boolean?][]) => list.map(([value, active = true]) => ({ active, defaultValue: false, label: value, value, validFor: null }));
const system = (name: string, type: string) => field(name, type, { createable: false, updateable: false, nillable: false, defaultedOnCreate: true });

/** The objects of the fake org, with the describe fields Salesforce documents for them (a subset). */
export const fakeObjects: Record<string, { label: string; keyPrefix: string; fields: FakeField[] }> = {
  Lead: {
    label: 'Lead',
    keyPrefix: '00Q',
    fields: [
      system('Id', 'id'),
      field('FirstName', 'string'),
      field('LastName', 'string', { nillable: false }),
      field('Company', 'string', { nillable: false }),
      field('Email', 'email', { inlineHelpText: 'Where we write to the lead.' }),
      field('Status', 'picklist', { nillable: false, defaultedOnCreate: true, picklistValues: values(['Open - Not Contacted'], ['Working - Contacted'], ['Closed - Converted'], ['Closed - Not Converted']) }),
      field('LeadSource', 'picklist', { picklistValues: values(['Web'], ['Phone Inquiry'], ['Partner Referral'], ['Trade Show', false]) }),
      field('NumberOfEmployees', 'int'),
      field('AnnualRevenue', 'currency'),
      field('HasOptedOutOfEmail', 'boolean', { nillable: false, defaultedOnCreate: true }),
      field('Interests__c', 'multipicklist', { picklistValues: values(['Billing'], ['Support'], ['Sales']) }),
      field('Website', 'url'),
      system('CreatedDate', 'datetime'),
      system('SystemModstamp', 'datetime'),
    ],
  },
  Account: {
    label: 'Account',
    keyPrefix: '001',
    fields: [system('Id', 'id'), field('Name', 'string', { nillable: false }), field('Industry', 'picklist', { picklistValues: values(['Energy'], ['Banking']) }), system('CreatedDate', 'datetime'), system('SystemModstamp', 'datetime')],
  },
};

/** Why a value does not fit a field, as Salesforce words it, or undefined. */
export function valueProblem(field: FakeField, value: unknown): { errorCode: string; message: string } | undefined {
  if (value === null) return field.nillable ? undefined : { errorCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${field.name}]` };
  const deserialize = (kind: string) => ({ errorCode: 'JSON_PARSER_ERROR', message: `Cannot deserialize instance of ${kind} from ${typeof value} value ${JSON.stringify(value)} or request may be missing a required field` });
  const active = field.picklistValues.filter((entry) => entry.active).map((entry) => entry.value);
  switch (field.type) {
    case 'int':
      return Number.isInteger(value) ? undefined : deserialize('int');
    case 'currency':
    case 'double':
    case 'percent':
      return typeof value === 'number' ? undefined : deserialize('double');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : deserialize('boolean');
    case 'picklist':
      return typeof value === 'string' && active.includes(value) ? undefined : { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: `${field.label}: bad value for restricted picklist field: ${String(value)}` };
    case 'multipicklist':
      return typeof value === 'string' && value.split(';').every((part) => active.includes(part)) ? undefined : { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: `${field.label}: bad value for restricted picklist field: ${String(value)}` };
    case 'email':
      return typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value) ? undefined : { errorCode: 'INVALID_EMAIL_ADDRESS', message: `Email: invalid email address: ${String(value)}` };
    default:
      return typeof value === 'string' ? undefined : deserialize('string');
  }
}
