import type { ConnectionHealth, TriggerHealth } from '@switchyard/server/contracts';
import { dateTime } from '../../app/format-time';

export const triggerKindLabels: Record<TriggerHealth['kind'], string> = {
  webhook: 'Webhook',
  subscription: 'Vendor subscription',
  poll: 'Polling',
  schedule: 'Schedule',
  other: 'Other',
};

/** The OAuth token's state in words, and whether it asks for attention. */
export function refreshLabel(connection: Pick<ConnectionHealth, 'refresh' | 'tokenExpiresAt'>): { text: string; color: string } {
  switch (connection.refresh) {
    case 'not_oauth':
      return { text: 'No token to refresh', color: 'dimmed' };
    case 'fresh':
      return { text: connection.tokenExpiresAt === null ? 'Token valid' : `Token valid until ${dateTime(connection.tokenExpiresAt)}`, color: 'green.8' };
    case 'expired':
      return { text: 'Token expired; refreshed at next use', color: 'dimmed' };
    case 'pasted_token':
      return { text: 'Pasted token (not refreshed)', color: 'dimmed' };
    case 'needs_reconnect':
      return { text: 'Needs a new authorisation', color: 'orange.8' };
  }
}

/** Average deliveries a day, rounded for reading: "about 12", "under 1". */
export function usualRate(perDay: number | null): string {
  if (perDay === null) return 'not enough history';
  if (perDay < 1) return 'under 1 a day';
  return `about ${Math.round(perDay)} a day`;
}
