import { Alert, Stack, Title } from '@mantine/core';
import { errorMessage } from '../../api/api-error';
import { useRuns } from '../../api/runs';
import { PageLoader } from '../../app/page-loader';
import { RunsTable } from './runs-table';

export function RunsScreen() {
  const runs = useRuns({});
  return (
    <Stack>
      <Title order={1} size="h2">
        Runs
      </Title>
      {runs.error && <Alert color="red">{errorMessage(runs.error)}</Alert>}
      {runs.isPending ? <PageLoader /> : runs.data && <RunsTable runs={runs.data.pages.flatMap((page) => page.runs)} />}
    </Stack>
  );
}
