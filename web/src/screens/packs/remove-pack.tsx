import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../api';
import type { useRemovePack } from './packs-api';

/** Asks first; a refusal (recipes still use it: 409 names them) is shown in a dialog. */
export function confirmRemovePack(remove: ReturnType<typeof useRemovePack>, pack: { id: string; name: string }, version: string | undefined, onRemoved: () => void) {
  const what = version === undefined ? pack.name : `${pack.name} ${version}`;
  modals.openConfirmModal({
    title: `Remove ${what}?`,
    children: <Text size="sm">{version === undefined ? 'Every installed version is removed.' : 'Only this version is removed.'} Recipes that use it are protected: removal is refused while they do.</Text>,
    labels: { confirm: 'Remove', cancel: 'Cancel' },
    confirmProps: { color: 'red' },
    onConfirm: () => {
      remove.mutateAsync({ id: pack.id, ...(version !== undefined && { version }) }).then(
        () => {
          notifications.show({ color: 'green', message: `${what} removed.` });
          onRemoved();
        },
        (error: unknown) => modals.open({ title: 'Not removed', children: <Text size="sm" data-testid="remove-refusal">{errorMessage(error)}</Text> }),
      );
    },
  });
}
