import { Alert, Button, FileButton, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { useImportRecipe } from '../../api/recipes';
import { ProblemList } from '../../app/problem-list';
import { parseRecipeFile } from './parse-recipe-file';

interface Failure {
  fileName: string;
  error: unknown;
}

/** Reads a recipe file (JSON as `switchyard recipes export` writes it, or YAML) and imports it as a new draft. */
export function ImportRecipeButton() {
  const importRecipe = useImportRecipe();
  const [failure, setFailure] = useState<Failure | null>(null);

  const read = async (file: File | null) => {
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = await parseRecipeFile(file.name, await file.text());
    } catch (error) {
      setFailure({ fileName: file.name, error });
      return;
    }
    importRecipe.mutate(parsed, {
      onSuccess: (recipe) => recipe && notifications.show({ color: 'green', message: `Imported "${recipe.name}" as a draft.` }),
      onError: (error) => setFailure({ fileName: file.name, error }),
    });
  };

  const problems = failure?.error instanceof ApiError ? failure.error.problems : [];
  return (
    <>
      <FileButton onChange={(file) => void read(file)} accept="application/json,.json,.yaml,.yml">
        {(props) => (
          <Button {...props} variant="default" leftSection={<IconFileImport size={16} aria-hidden />} loading={importRecipe.isPending}>
            Import
          </Button>
        )}
      </FileButton>
      <Modal opened={failure !== null} onClose={() => setFailure(null)} title="The recipe was not imported" centered size="lg">
        {failure && (
          <Stack gap="sm">
            <Text size="sm">
              <b>{failure.fileName}</b>: {problems.length > 0 ? 'fix these places in the file and import it again.' : errorMessage(failure.error)}
            </Text>
            {problems.length > 0 && (
              <Alert color="red" variant="light">
                <ProblemList problems={problems} />
              </Alert>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
