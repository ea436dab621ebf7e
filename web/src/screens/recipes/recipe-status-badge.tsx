import { Badge } from '@mantine/core';
import type { RecipeStatus } from '@switchyard/server/contracts';

const colors: Record<RecipeStatus, string> = { draft: 'gray', live: 'green', paused: 'yellow' };

export function RecipeStatusBadge({ status }: { status: RecipeStatus }) {
  return (
    <Badge color={colors[status]} variant="light">
      {status}
    </Badge>
  );
}
