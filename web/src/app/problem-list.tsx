import { Code, List, Text } from '@mantine/core';
import type { Problem } from '@switchyard/server/contracts';

/** Every problem the server found, each with the JSON pointer of the place it is about. */
export function ProblemList({ problems }: { problems: Problem[] }) {
  return (
    <List size="sm" spacing={4} aria-label="Problems">
      {problems.map((problem) => (
        <List.Item key={`${problem.path}:${problem.message}`}>
          <Code>{problem.path || '/'}</Code>{' '}
          <Text span size="sm">
            {problem.message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
