import { Text, Tooltip } from '@mantine/core';
import { dateTime, timeAgo } from '../../app/format-time';

/** "5 minutes ago" with the full time on hover, or a dimmed word when it never happened. */
export function LastSeen({ at, never = 'never', size = 'sm' }: { at: number | null; never?: string; size?: 'xs' | 'sm' }) {
  if (at === null) {
    return (
      <Text size={size} c="dimmed">
        {never}
      </Text>
    );
  }
  return (
    <Tooltip label={dateTime(at)}>
      <Text size={size} component="time" dateTime={new Date(at).toISOString()}>
        {timeAgo(at, Date.now())}
      </Text>
    </Tooltip>
  );
}

/** The last failure's message (clamped, whole on hover) and when it happened, or "none". */
export function LastProblem({ problem }: { problem: { message: string; at: number | null } | null }) {
  if (problem === null) {
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    );
  }
  return (
    <>
      <Text size="sm" lineClamp={3} title={problem.message}>
        {problem.message}
      </Text>
      <LastSeen at={problem.at} />
    </>
  );
}
