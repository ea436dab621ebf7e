import { useQueryClient } from '@tanstack/react-query';
import type { Problem, Recipe, RecipeDefinition } from '@switchyard/server/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, errorMessage, recipeKeys } from '../api';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'invalid' | 'failed';

const saveDelayMs = 800;

/**
 * The definition being edited, saved as a new draft version (PATCH /recipes/:id) shortly after each
 * change. A save the server refuses (422) keeps the edits here and reports its problems, so the canvas can
 * point at the step and field; the next edit tries again.
 */
export function useBuilderDraft(recipe: Recipe) {
  const client = useQueryClient();
  const [definition, setDefinition] = useState<RecipeDefinition>(recipe.definition);
  const [state, setState] = useState<SaveState>('saved');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const edits = useRef(0);
  const saved = useRef(0);
  const latest = useRef(definition);
  latest.current = definition;

  const save = useCallback(async (): Promise<boolean> => {
    const edit = edits.current;
    if (edit === saved.current) return true;
    setState('saving');
    try {
      const updated = await api.patch<Recipe>(`/recipes/${encodeURIComponent(recipe.id)}`, { definition: latest.current });
      saved.current = edit;
      client.setQueryData(recipeKeys.one(recipe.id), updated);
      setProblems([]);
      setMessage(null);
      // The server pins pack steps to a major version; take its copy unless the user edited meanwhile.
      if (edits.current === edit) {
        setDefinition(updated.definition);
        setState('saved');
      }
      return true;
    } catch (error) {
      if (edits.current !== edit) return false;
      if (error instanceof ApiError && error.status === 422) {
        setProblems(error.problems);
        setState('invalid');
      } else setState('failed');
      setMessage(errorMessage(error));
      return false;
    }
  }, [client, recipe.id]);

  useEffect(() => {
    if (edits.current === saved.current) return;
    const timer = setTimeout(() => void save(), saveDelayMs);
    return () => clearTimeout(timer);
  }, [definition, save]);

  const change = useCallback((next: (current: RecipeDefinition) => RecipeDefinition) => {
    edits.current++;
    setState('unsaved');
    setDefinition(next);
  }, []);

  /** Shows a definition the server already holds (a restored version): nothing to save. */
  const reset = useCallback((next: RecipeDefinition) => {
    saved.current = edits.current;
    setDefinition(next);
    setState('saved');
    setProblems([]);
    setMessage(null);
  }, []);

  return { definition, change, reset, state, problems, setProblems, message, flush: save };
}
