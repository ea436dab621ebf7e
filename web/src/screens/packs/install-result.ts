import { notifications } from '@mantine/notifications';
import type { PackSummary } from '@switchyard/server/contracts';

/** Tells the user what an install did. */
export function notifyInstalled(result: { status: 'installed' | 'updated' | 'unchanged'; pack: PackSummary; version: string }) {
  const what = `${result.pack.name} ${result.version}`;
  notifications.show({
    color: 'green',
    title: result.status === 'unchanged' ? 'Already installed' : 'Pack installed',
    message: result.status === 'unchanged' ? `${what} was installed already, with the same content.` : `${what} is ready to use.`,
  });
}
