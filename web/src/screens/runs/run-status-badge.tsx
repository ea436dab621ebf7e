import { Badge } from '@mantine/core';
import type { RunStatus, RunStepStatus } from '@switchyard/server/contracts';

const colors: Record<RunStatus | RunStepStatus, string> = {
  queued: 'gray',
  running: 'blue',
  retrying: 'orange',
  sleeping: 'indigo',
  waiting: 'violet',
  succeeded: 'green',
  failed: 'red',
  skipped: 'gray',
  cancelled: 'dark',
};

export function RunStatusBadge({ status }: { status: RunStatus | RunStepStatus }) {
  return (
    <Badge color={colors[status]} variant="light" miw="max-content">
      {status}
    </Badge>
  );
}
