import { Code, ScrollArea, Text } from '@mantine/core';

/** Recorded data, pretty-printed and scrollable; `undefined` (nothing recorded) says so instead of printing nothing. */
export function JsonView({ value, label, maxHeight = 280 }: { value: unknown; label: string; maxHeight?: number }) {
  if (value === undefined) {
    return (
      <Text size="sm" c="dimmed">
        Nothing recorded.
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" aria-label={label}>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
      </Code>
    </ScrollArea.Autosize>
  );
}
