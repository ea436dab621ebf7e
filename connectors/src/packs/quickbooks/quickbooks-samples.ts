/** Example QuickBooks Online entities (v3 JSON, minor version 75), shown in the builder before a step has run. */

const metaData = { CreateTime: '2024-06-01T09:15:00-07:00', LastUpdatedTime: '2024-06-01T09:15:00-07:00' };

export const customerSample = {
  Id: '58',
  SyncToken: '0',
  DisplayName: 'Ada Lovelace',
  GivenName: 'Ada',
  FamilyName: 'Lovelace',
  CompanyName: 'Analytical Engines Ltd',
  PrimaryEmailAddr: { Address: 'ada@example.com' },
  PrimaryPhone: { FreeFormNumber: '(555) 555-0100' },
  BillAddr: { Id: '59', Line1: '12 St James Square', City: 'London', PostalCode: 'SW1Y 4JH', Country: 'GB' },
  Balance: 0,
  Active: true,
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  MetaData: metaData,
};

const salesLine = {
  Id: '1',
  LineNum: 1,
  Description: 'Consulting, June',
  Amount: 750,
  DetailType: 'SalesItemLineDetail',
  SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' }, Qty: 5, UnitPrice: 150 },
};
const subtotalLine = { Amount: 750, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} };

export const invoiceSample = {
  Id: '130',
  SyncToken: '0',
  DocNumber: '1037',
  TxnDate: '2024-06-01',
  DueDate: '2024-07-01',
  CustomerRef: { value: '58', name: 'Ada Lovelace' },
  BillEmail: { Address: 'ada@example.com' },
  Line: [salesLine, subtotalLine],
  TotalAmt: 750,
  Balance: 750,
  EmailStatus: 'NotSet',
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  MetaData: metaData,
};

export const sentInvoiceSample = { ...invoiceSample, SyncToken: '1', EmailStatus: 'EmailSent', DeliveryInfo: { DeliveryType: 'Email', DeliveryTime: '2024-06-01T09:20:00-07:00' } };

export const salesReceiptSample = {
  Id: '141',
  SyncToken: '0',
  DocNumber: '1038',
  TxnDate: '2024-06-01',
  CustomerRef: { value: '58', name: 'Ada Lovelace' },
  Line: [salesLine, subtotalLine],
  TotalAmt: 750,
  Balance: 0,
  PaymentMethodRef: { value: '1', name: 'Cash' },
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  MetaData: metaData,
};

export const paymentSample = {
  Id: '152',
  SyncToken: '0',
  TxnDate: '2024-06-03',
  CustomerRef: { value: '58', name: 'Ada Lovelace' },
  TotalAmt: 750,
  UnappliedAmt: 0,
  Line: [{ Amount: 750, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }],
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  MetaData: { CreateTime: '2024-06-03T11:02:00-07:00', LastUpdatedTime: '2024-06-03T11:02:00-07:00' },
};
