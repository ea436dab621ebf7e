import { Code, Table } from '@mantine/core';
import type { Problem } from '@switchyard/server/contracts';

/** Everything wrong with a document, one row per problem, located by JSON pointer. */
export function ProblemsTable({ problems, label }: { problems: Problem[]; label: string }) {
  return (
    <Table striped withTableBorder aria-label={label} data-testid="problems">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="40%">Where</Table.Th>
          <Table.Th>What is wrong</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {problems.map((problem, index) => (
          <Table.Tr key={`${problem.path}-${index}`}>
            <Table.Td>
              <Code>{problem.path || '/'}</Code>
            </Table.Td>
            <Table.Td>{problem.message}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
