import { ActionIcon, Anchor, Button, Code, CopyButton, Group, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconHistory, IconPlayerPause, IconPlayerStop, IconRocket } from '@tabler/icons-react';
import type { Recipe } from '@switchyard/server/contracts';
import { Link } from 'react-router';
import { RecipeStatusBadge } from '../screens/recipes/recipe-status-badge';
import type { SaveState } from './use-builder-draft';

const saveText: Record<SaveState, string> = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  invalid: 'Not saved: fix the problems marked in red',
  failed: 'Not saved: the server could not be reached',
};

interface BuilderHeaderProps {
  recipe: Recipe;
  saveState: SaveState;
  busy: boolean;
  onPublish: () => void;
  onUnpublish: () => void;
  onPause: () => void;
  onHistory: () => void;
}

/** The recipe's name and status, the save state, the live webhook URL, and the publish buttons. */
export function BuilderHeader({ recipe, saveState, busy, onPublish, onUnpublish, onPause, onHistory }: BuilderHeaderProps) {
  const webhookUrl = recipe.trigger?.webhookUrl;
  return (
    <Group justify="space-between" wrap="wrap" gap="sm" mb="sm">
      <div style={{ minWidth: 0 }}>
        <Group gap="sm" wrap="nowrap">
          <Anchor component={Link} to="/recipes" size="sm">
            Recipes
          </Anchor>
          <Text c="dimmed">/</Text>
          <Title order={2} size="h3" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {recipe.name}
          </Title>
          <RecipeStatusBadge status={recipe.status} />
        </Group>
        <Group gap="xs" mt={4}>
          <Text size="xs" c={saveState === 'invalid' || saveState === 'failed' ? 'red' : 'dimmed'} role="status" aria-live="polite">
            {saveText[saveState]}
          </Text>
          {webhookUrl && recipe.status === 'live' && (
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed">
                Webhook URL:
              </Text>
              <Code data-testid="webhook-url">{webhookUrl}</Code>
              <CopyButton value={webhookUrl}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'}>
                    <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label="Copy the webhook URL">
                      {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          )}
        </Group>
      </div>
      <Group gap="xs">
        <Button variant="default" leftSection={<IconHistory size={16} />} onClick={onHistory}>
          History
        </Button>
        {recipe.status === 'live' && (
          <Button variant="default" leftSection={<IconPlayerPause size={16} />} onClick={onPause} disabled={busy}>
            Pause
          </Button>
        )}
        {recipe.status !== 'draft' && (
          <Button variant="default" leftSection={<IconPlayerStop size={16} />} onClick={onUnpublish} disabled={busy}>
            Unpublish
          </Button>
        )}
        <Button leftSection={<IconRocket size={16} />} onClick={onPublish} loading={busy}>
          {recipe.status === 'draft' ? 'Publish' : 'Publish changes'}
        </Button>
      </Group>
    </Group>
  );
}
