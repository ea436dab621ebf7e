import { Alert, Button, Group, Select, Stack, Title } from '@mantine/core';
import type { RunStatus } from '@switchyard/server/contracts';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/api-error';
import { useRecipes } from '../../api/recipes';
import { useRuns } from '../../api/runs';
import { PageLoader } from '../../app/page-loader';
import { RunsTable } from './runs-table';

const statuses: RunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/** Runs, newest first; the filters live in the address (?recipe=…&status=…) so they can be linked to. */
export function RunsScreen() {
  const [params, setParams] = useSearchParams();
  const recipe = params.get('recipe') ?? undefined;
  const status = (statuses as string[]).includes(params.get('status') ?? '') ? (params.get('status') as RunStatus) : undefined;
  const runs = useRuns({ recipe, status });
  const recipes = useRecipes();
  const recipeNames = useMemo(() => new Map((recipes.data ?? []).map((r) => [r.id, r.name])), [recipes.data]);

  const setFilter = (key: 'recipe' | 'status', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const list = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Runs
      </Title>
      <Group gap="sm">
        <Select
          aria-label="Recipe"
          placeholder="All recipes"
          searchable
          clearable
          data={(recipes.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={recipe ?? null}
          onChange={(value) => setFilter('recipe', value)}
          w={260}
        />
        <Select
          aria-label="Status"
          placeholder="Any status"
          clearable
          data={statuses}
          value={status ?? null}
          onChange={(value) => setFilter('status', value)}
          w={180}
        />
      </Group>
      {runs.error && <Alert color="red">{errorMessage(runs.error)}</Alert>}
      {runs.isPending ? <PageLoader /> : <RunsTable runs={list} recipeNames={recipeNames} now={Date.now()} />}
      {runs.hasNextPage && (
        <Button variant="default" onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage} w="fit-content">
          Load older runs
        </Button>
      )}
    </Stack>
  );
}
