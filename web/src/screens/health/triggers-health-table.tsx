import { Anchor, Table, Text } from '@mantine/core';
import type { TriggerHealth } from '@switchyard/server/contracts';
import { Link } from 'react-router';
import { DayChart } from './day-chart';
import { FlagList } from './flag-list';
import { recipeAction } from './health-flags';
import { triggerKindLabels, usualRate } from './health-labels';
import { LastProblem, LastSeen } from './last-seen';

/** Each live trigger: its recipe, kind, last event, usual rate, 14 days of events and failed runs, last error. */
export function TriggersHealthTable({ triggers }: { triggers: readonly TriggerHealth[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Trigger health">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Recipe</Table.Th>
            <Table.Th>Trigger</Table.Th>
            <Table.Th>Last event</Table.Th>
            <Table.Th>Usual</Table.Th>
            <Table.Th>Events, 14 days</Table.Th>
            <Table.Th>Last error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {triggers.map((trigger) => (
            <Table.Tr key={trigger.id} data-testid={`health-trigger-${trigger.recipeName}`}>
              <Table.Td maw={320}>
                <Anchor component={Link} to={`/recipes/${encodeURIComponent(trigger.recipeId)}`} fw={500}>
                  {trigger.recipeName}
                </Anchor>
                <FlagList flags={trigger.flags} action={() => recipeAction(trigger.recipeId, trigger.recipeName)} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{triggerKindLabels[trigger.kind]}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {trigger.use}
                </Text>
              </Table.Td>
              <Table.Td>
                <LastSeen at={trigger.lastEventAt} never="none yet" />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={trigger.usualPerDay === null ? 'dimmed' : undefined}>
                  {usualRate(trigger.usualPerDay)}
                </Text>
              </Table.Td>
              <Table.Td>
                <DayChart days={trigger.days} noun="events" />
              </Table.Td>
              <Table.Td maw={260}>
                <LastProblem problem={trigger.lastError} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
