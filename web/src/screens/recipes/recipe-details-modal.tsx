import { Alert, Autocomplete, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { useFocusReturnOnUnmount } from '../../app/use-focus-return-on-unmount';

export interface RecipeDetails {
  name: string;
  folder: string;
}

interface Props {
  title: string;
  submitLabel: string;
  /** Which fields this dialog edits. */
  fields: ('name' | 'folder')[];
  initial: RecipeDetails;
  folders: string[];
  onSubmit: (details: RecipeDetails) => Promise<unknown>;
  onClose: () => void;
}

/** Create, rename and move share one small form; the server's problems appear under the field they name. */
export function RecipeDetailsModal({ title, submitLabel, fields, initial, folders, onSubmit, onClose }: Props) {
  useFocusReturnOnUnmount();
  const [details, setDetails] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problemAt = (field: keyof RecipeDetails) => (error instanceof ApiError ? error.problemAt(`/${field}`) : undefined);
  const nameMissing = fields.includes('name') && details.name.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (nameMissing) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ name: details.name.trim(), folder: details.folder.trim() });
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const unplaced = error && !problemAt('name') && !problemAt('folder');
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {fields.includes('name') && (
            <TextInput
              label="Name"
              required
              data-autofocus
              maxLength={200}
              value={details.name}
              error={problemAt('name')}
              onChange={(event) => setDetails({ ...details, name: event.currentTarget.value })}
            />
          )}
          {fields.includes('folder') && (
            <Autocomplete
              label="Folder"
              description="Leave empty for no folder"
              data-autofocus={!fields.includes('name') || undefined}
              maxLength={200}
              data={folders}
              value={details.folder}
              error={problemAt('folder')}
              onChange={(folder) => setDetails({ ...details, folder })}
            />
          )}
          {unplaced ? <Alert color="red">{errorMessage(error)}</Alert> : null}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={nameMissing}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
