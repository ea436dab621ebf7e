import { Modal, NavLink, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { searchCatalog, type CatalogEntry } from '../catalog/step-catalog';
import { StepIcon } from '../step-icon';

interface StepPickerProps {
  opened: boolean;
  title: string;
  entries: CatalogEntry[];
  loading: boolean;
  onPick: (entry: CatalogEntry) => void;
  onClose: () => void;
}

/** A searchable list of steps (or triggers), grouped under headings with icons. */
export function StepPicker({ opened, title, entries, loading, onPick, onClose }: StepPickerProps) {
  const [query, setQuery] = useState('');
  const found = searchCatalog(entries, query);
  const groups = [...new Set(found.map((entry) => entry.group))];
  const close = () => {
    setQuery('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" scrollAreaComponent={ScrollArea.Autosize}>
      <TextInput
        data-autofocus
        leftSection={<IconSearch size={16} />}
        placeholder="Search steps, apps and actions"
        aria-label="Search"
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && found[0]) {
            onPick(found[0]);
            setQuery('');
          }
        }}
        mb="md"
      />
      {loading && <Text c="dimmed">Loading installed packs…</Text>}
      {!loading && found.length === 0 && <Text c="dimmed">Nothing matches “{query}”.</Text>}
      <Stack gap="md">
        {groups.map((group) => (
          <div key={group} role="group" aria-label={group}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
              {group}
            </Text>
            <Stack gap={2}>
              {found
                .filter((entry) => entry.group === group)
                .map((entry) => (
                  <NavLink
                    key={entry.use}
                    component="button"
                    onClick={() => {
                      onPick(entry);
                      setQuery('');
                    }}
                    aria-label={`${entry.title} (${entry.group})`}
                    leftSection={<StepIcon use={entry.use} icon={entry.icon} size={30} />}
                    label={entry.title}
                    description={entry.description}
                    styles={{ label: { fontWeight: 500 }, description: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } }}
                  />
                ))}
            </Stack>
          </div>
        ))}
      </Stack>
    </Modal>
  );
}
