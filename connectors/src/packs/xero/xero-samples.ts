/** Example Xero Accounting API answers (JSON, as Xero writes them: .NET dates beside readable ones). */

export const contactSample = {
  ContactID: 'bd2270c3-8706-4c11-9cfb-000b551c3f51',
  ContactStatus: 'ACTIVE',
  Name: 'Ada Lovelace',
  FirstName: 'Ada',
  LastName: 'Lovelace',
  EmailAddress: 'ada@example.com',
  AccountNumber: 'CUST-001',
  Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '555-0100' }],
  Addresses: [],
  IsSupplier: false,
  IsCustomer: true,
  UpdatedDateUTC: '/Date(1717233300000+0000)/',
};

export const invoiceSample = {
  InvoiceID: '243216c5-369e-4056-ac67-05388f86dc81',
  InvoiceNumber: 'INV-0042',
  Type: 'ACCREC',
  Status: 'AUTHORISED',
  Contact: { ContactID: contactSample.ContactID, Name: contactSample.Name },
  Date: '/Date(1717200000000+0000)/',
  DateString: '2024-06-01T00:00:00',
  DueDate: '/Date(1719792000000+0000)/',
  DueDateString: '2024-07-01T00:00:00',
  Reference: 'June consulting',
  LineAmountTypes: 'Exclusive',
  LineItems: [{ LineItemID: '52208ff9-528a-4985-a9ad-b2b1d4210e38', Description: 'Consulting', Quantity: 5, UnitAmount: 150, AccountCode: '200', TaxType: 'OUTPUT', LineAmount: 750 }],
  SubTotal: 750,
  TotalTax: 75,
  Total: 825,
  AmountDue: 825,
  AmountPaid: 0,
  CurrencyCode: 'USD',
  UpdatedDateUTC: '/Date(1717233300000+0000)/',
};

export const paymentSample = {
  PaymentID: 'b26fd49a-cbae-470a-a8f8-bcbc119e0379',
  Date: '/Date(1717372800000+0000)/',
  Amount: 825,
  Reference: 'Bank transfer 7781',
  Status: 'AUTHORISED',
  PaymentType: 'ACCRECPAYMENT',
  Account: { AccountID: 'ac993f75-035b-433c-82e0-7b7a2d40802c', Code: '090' },
  Invoice: { InvoiceID: invoiceSample.InvoiceID, InvoiceNumber: invoiceSample.InvoiceNumber, Contact: invoiceSample.Contact },
  UpdatedDateUTC: '/Date(1717405200000+0000)/',
};

/** One event of a webhook delivery (developer.xero.com/documentation/guides/webhooks/overview). */
export const webhookEventSample = {
  resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/${invoiceSample.InvoiceID}`,
  resourceId: invoiceSample.InvoiceID,
  eventDateUtc: '2024-06-01T09:15:00.000',
  eventType: 'UPDATE',
  eventCategory: 'INVOICE',
  tenantId: 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f',
  tenantType: 'ORGANISATION',
};
