import type { PackManifestInput } from '../../manifest/pack-manifest-schema.js';
import { queryRequest } from './quickbooks-query.js';
import { customerSample, invoiceSample, paymentSample } from './quickbooks-samples.js';

type Triggers = NonNullable<PackManifestInput['triggers']>;

/**
 * New entities of one type, found with the query endpoint: those created since the newest one seen, oldest
 * first (ids already seen never fire again). The query is used rather than Change Data Capture because CDC
 * answers every change (updates and deletions too) within the last 30 days and cannot ask for creations
 * alone, while a where clause on MetaData.CreateTime can. 1,000 is the largest page QuickBooks returns; as the
 * oldest come first, a busier interval continues at the next check. Before the first entity is seen the
 * cursor is the time of the first check, so entities that existed before the recipe never start a run.
 */
function newEntity(entity: 'Invoice' | 'Customer' | 'Payment', key: string, name: string, what: string, sample: unknown): Triggers[number] {
  return {
    kind: 'poll',
    key,
    name: `${name} (checked every 5 minutes)`,
    description: `Starts a run for each ${what} created in QuickBooks after the recipe is published. The run sees the whole ${entity} entity.`,
    request: queryRequest(`select * from ${entity} where MetaData.CreateTime >= '{{poll.cursor}}' orderby MetaData.CreateTime maxresults 1000`),
    items: `QueryResponse.${entity}`,
    // Nothing new is answered as "QueryResponse": {}, without the list.
    omitsEmptyItems: true,
    id: 'Id',
    intervalSeconds: 300,
    // CreateTime has whole seconds: asking from one second earlier keeps an entity made in the same second as
    // the last check (already seen ids never fire again).
    cursor: { field: 'MetaData.CreateTime', initial: 'now', lagSeconds: 1 },
    order: 'oldest_first',
    sample,
  };
}

export const quickbooksTriggers: Triggers = [
  newEntity('Invoice', 'new-invoice', 'New invoice', 'invoice', invoiceSample),
  newEntity('Customer', 'new-customer', 'New customer', 'customer', customerSample),
  newEntity('Payment', 'new-payment', 'New payment', 'payment received from a customer', paymentSample),
];
