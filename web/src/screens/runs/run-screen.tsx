import { Alert, Stack, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/api-error';
import { useRun } from '../../api/runs';
import { PageLoader } from '../../app/page-loader';
import { RunStatusBadge } from './run-status-badge';

export function RunScreen() {
  const { id = '' } = useParams();
  const run = useRun(id);
  if (run.error) return <Alert color="red">{errorMessage(run.error)}</Alert>;
  if (!run.data) return <PageLoader />;
  return (
    <Stack>
      <Title order={1} size="h2">
        Run <RunStatusBadge status={run.data.status} />
      </Title>
    </Stack>
  );
}
