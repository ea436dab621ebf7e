/** A Lead as the REST API returns it from a query (`attributes` first, then the selected fields). */
export const leadSample = {
  attributes: { type: 'Lead', url: '/services/data/v67.0/sobjects/Lead/00Q5e00000AbCdEEAV' },
  Id: '00Q5e00000AbCdEEAV',
  FirstName: 'Ada',
  LastName: 'Lovelace',
  Company: 'Analytical Engines Ltd',
  Email: 'ada@example.com',
  Status: 'Open - Not Contacted',
  LeadSource: 'Web',
  CreatedDate: '2026-06-01T12:00:00.000+0000',
  LastModifiedDate: '2026-06-01T12:00:00.000+0000',
  SystemModstamp: '2026-06-01T12:00:00.000+0000',
};

/** `POST /sobjects/{object}`'s answer (201). */
export const createdSample = { id: '00Q5e00000AbCdEEAV', success: true, errors: [] };
