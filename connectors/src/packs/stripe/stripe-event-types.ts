/**
 * Event types offered by the Stripe triggers (https://docs.stripe.com/api/events/types): the ones
 * automations most often start from. Stripe sends only the chosen types to an endpoint it manages, and the
 * webhook trigger drops the rest, so choosing is also how a recipe ignores noise.
 */
const eventTypes: readonly [string, string][] = [
  ['payment_intent.succeeded', 'Payment succeeded'],
  ['payment_intent.payment_failed', 'Payment failed'],
  ['payment_intent.created', 'Payment intent created'],
  ['payment_intent.canceled', 'Payment intent canceled'],
  ['charge.succeeded', 'Charge succeeded'],
  ['charge.failed', 'Charge failed'],
  ['charge.refunded', 'Charge refunded'],
  ['charge.dispute.created', 'Dispute opened'],
  ['checkout.session.completed', 'Checkout session completed'],
  ['checkout.session.async_payment_succeeded', 'Checkout delayed payment succeeded'],
  ['checkout.session.expired', 'Checkout session expired'],
  ['customer.created', 'Customer created'],
  ['customer.updated', 'Customer updated'],
  ['customer.deleted', 'Customer deleted'],
  ['customer.subscription.created', 'Subscription created'],
  ['customer.subscription.updated', 'Subscription updated'],
  ['customer.subscription.deleted', 'Subscription ended'],
  ['customer.subscription.trial_will_end', 'Trial ends in three days'],
  ['invoice.created', 'Invoice created'],
  ['invoice.finalized', 'Invoice finalized'],
  ['invoice.paid', 'Invoice paid'],
  ['invoice.payment_failed', 'Invoice payment failed'],
  ['invoice.upcoming', 'Invoice upcoming'],
  ['refund.created', 'Refund created'],
  ['refund.updated', 'Refund updated'],
  ['payout.paid', 'Payout paid'],
  ['payout.failed', 'Payout failed'],
  ['product.created', 'Product created'],
  ['price.created', 'Price created'],
];

export const stripeEventTypeChoices = eventTypes.map(([value, label]) => ({ label: `${label} (${value})`, value }));
