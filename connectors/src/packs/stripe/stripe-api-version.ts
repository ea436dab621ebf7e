/** The API version every request asks for (the `Stripe-Version` header) and managed endpoints render events in: the one stripe-node 23 pins. */
export const stripeApiVersion = '2026-10-28.endive';
