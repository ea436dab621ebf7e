import { Alert, Button, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconApi, IconSearch, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage, useRecipes } from '../../api';
import { ImportPackModal } from './import-pack-modal';
import { OpenApiImportModal } from './openapi-import-modal';
import { PackCard } from './pack-card';
import { usePacks } from './packs-api';
import { recipesByPack } from './recipes-by-pack';
import { searchPacks, type PackOrigin } from './search-packs';

const origins: { value: PackOrigin; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'built-in', label: 'Built-in' },
  { value: 'imported', label: 'Imported' },
];

/** Every installed pack, built-in or imported, with how it signs in and what it offers; searchable; import from files, URLs, npm or OpenAPI. */
export function PacksScreen() {
  const packs = usePacks();
  const [importing, setImporting] = useState<'pack' | 'openapi' | null>(null);
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const origin = (origins.find((o) => o.value === params.get('from'))?.value ?? 'all');
  const recipes = useRecipes();
  const users = useMemo(() => recipesByPack(recipes.data ?? []), [recipes.data]);
  const shown = useMemo(() => searchPacks(packs.data ?? [], query, origin), [packs.data, query, origin]);
  const update = (next: { q?: string; from?: PackOrigin }) => {
    const merged = { q: query, from: origin, ...next };
    setParams({ ...(merged.q !== '' && { q: merged.q }), ...(merged.from !== 'all' && { from: merged.from }) }, { replace: true });
  };
  return (
    <Stack gap="md" p="md">
      <Group justify="space-between">
        <Title order={2}>Packs</Title>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconApi size={16} />} onClick={() => setImporting('openapi')}>From OpenAPI</Button>
          <Button leftSection={<IconUpload size={16} />} onClick={() => setImporting('pack')}>Import pack</Button>
        </Group>
      </Group>
      <Group gap="sm" align="flex-end">
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          aria-label="Search packs"
          placeholder="Search apps, triggers and actions"
          leftSection={<IconSearch size={16} />}
          value={query}
          onChange={(event) => update({ q: event.currentTarget.value })}
        />
        <SegmentedControl aria-label="Which packs" data={origins} value={origin} onChange={(value) => update({ from: value as PackOrigin })} />
      </Group>
      {packs.error && <Alert color="red">{errorMessage(packs.error)}</Alert>}
      {packs.data && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {shown.length === packs.data.length ? `${shown.length} packs` : `${shown.length} of ${packs.data.length} packs`}
          </Text>
          {shown.length === 0 ? (
            <Text>No pack matches {query === '' ? 'this filter' : `“${query}”`}. Import one, or generate one from an OpenAPI document.</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {shown.map((pack) => <PackCard key={pack.id} pack={pack} usedBy={users.get(pack.id) ?? []} />)}
            </SimpleGrid>
          )}
        </>
      )}
      {importing === 'pack' && <ImportPackModal opened onClose={() => setImporting(null)} />}
      {importing === 'openapi' && <OpenApiImportModal opened onClose={() => setImporting(null)} />}
    </Stack>
  );
}
