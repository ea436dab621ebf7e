import { notifications } from '@mantine/notifications';
import type { RecipeDefinition, RecipeVersion } from '@switchyard/server/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, recipeKeys } from '../../api';

interface Draft {
  flush: () => Promise<boolean>;
  reset: (definition: RecipeDefinition) => void;
}

/**
 * Restores an old version as the new draft. Pending edits are saved first, so the restore is the newest
 * version and those edits stay in the history; the builder then shows the restored definition.
 */
export function useRestoreVersion(recipeId: string, draft: Draft, onDone: () => void) {
  const client = useQueryClient();
  const [restoring, setRestoring] = useState<string | null>(null);
  const restore = async (version: RecipeVersion) => {
    setRestoring(version.id);
    try {
      await draft.flush();
      const restored = await api.post<RecipeVersion>(`/recipes/${encodeURIComponent(recipeId)}/versions/${encodeURIComponent(version.id)}/restore`);
      draft.reset(restored.definition);
      await client.invalidateQueries({ queryKey: recipeKeys.all });
      notifications.show({ color: 'green', title: `Version ${version.number} restored`, message: `It is now the draft (version ${restored.number}). Publish to make it live.` });
      onDone();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not restore', message: errorMessage(error) });
    } finally {
      setRestoring(null);
    }
  };
  return { restoring, restore };
}
