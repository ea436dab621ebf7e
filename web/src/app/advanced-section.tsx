import { Button, Collapse, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';

interface AdvancedSectionProps {
  /** Opens it whatever the user chose: one of the fields inside has a problem to show. */
  forceOpen: boolean;
  children: ReactNode;
}

/** Fields a pack marks `advanced` (settings almost nobody changes), folded under an "Advanced" button. */
export function AdvancedSection({ forceOpen, children }: AdvancedSectionProps) {
  const [opened, { toggle }] = useDisclosure(false);
  const id = useId();
  const shown = opened || forceOpen;
  return (
    <Stack gap="xs">
      <Button
        variant="subtle"
        size="xs"
        color="gray"
        style={{ alignSelf: 'flex-start' }}
        leftSection={shown ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        aria-expanded={shown}
        aria-controls={id}
        onClick={toggle}
      >
        Advanced
      </Button>
      <Collapse expanded={shown} id={id}>
        <Stack gap="sm">{children}</Stack>
      </Collapse>
    </Stack>
  );
}
