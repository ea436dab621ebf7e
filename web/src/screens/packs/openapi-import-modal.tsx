import { Alert, Badge, Button, FileInput, Group, List, Modal, ScrollArea, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import type { Problem } from '@switchyard/server/contracts';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api';
import { useFocusReturnOnUnmount } from '../../app/use-focus-return-on-unmount';
import { notifyInstalled } from './install-result';
import { readManifest } from './pack-manifest';
import { useFromOpenApi, useInstallPack } from './packs-api';
import { ProblemsTable } from './problems-table';
import { readFileText } from './read-file-text';

type Generated = { manifest: Record<string, unknown>; warnings: string[] };

/** Turn an OpenAPI 3 document into a pack: generate, look at the actions and warnings, then install. */
export function OpenApiImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  useFocusReturnOnUnmount();
  const generate = useFromOpenApi();
  const install = useInstallPack();
  const [spec, setSpec] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [id, setId] = useState('');
  const [generated, setGenerated] = useState<Generated | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const fail = (error: unknown) => {
    setProblems(error instanceof ApiError ? error.problems : []);
    setFailure(errorMessage(error));
  };

  const upload = async (file: File | null) => {
    if (!file) return;
    const read = await readFileText(file);
    setSpec(read.text);
    setFileName(read.fileName);
    setGenerated(null);
  };

  const run = async () => {
    setFailure(null);
    setProblems([]);
    setGenerated(null);
    try {
      setGenerated(await generate.mutateAsync({ spec, ...(id.trim() && { id: id.trim() }), ...(fileName && { fileName }) }));
    } catch (error) {
      fail(error);
    }
  };

  const installGenerated = async () => {
    if (!generated) return;
    try {
      notifyInstalled(await install.mutateAsync({ manifest: generated.manifest }));
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  const actions = generated ? readManifest(generated.manifest).actions : [];
  return (
    <Modal opened={opened} onClose={onClose} title="Import an OpenAPI document" size="xl">
      <Stack gap="md">
        <FileInput label="Upload a document" placeholder="openapi.yaml or .json" accept=".yaml,.yml,.json" onChange={(file) => void upload(file)} clearable />
        <Textarea
          label="…or paste it"
          description="OpenAPI 3, JSON or YAML"
          autosize
          minRows={4}
          maxRows={12}
          value={spec}
          onChange={(event) => {
            setSpec(event.currentTarget.value);
            setFileName(undefined);
            setGenerated(null);
          }}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        />
        <TextInput label="Pack id" description="Optional; taken from the document's title otherwise" value={id} onChange={(event) => setId(event.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button variant={generated ? 'default' : 'filled'} disabled={spec.trim() === ''} loading={generate.isPending} onClick={() => void run()}>
            Generate preview
          </Button>
          <Button disabled={!generated} loading={install.isPending} onClick={() => void installGenerated()}>Install</Button>
        </Group>
        {failure && problems.length === 0 && <Alert color="red" role="alert">{failure}</Alert>}
        {problems.length > 0 && <ProblemsTable problems={problems} label="Problems in the document" />}
        {generated && generated.warnings.length > 0 && (
          <Alert color="yellow" title="Warnings">
            <List size="sm">{generated.warnings.map((warning) => <List.Item key={warning}>{warning}</List.Item>)}</List>
          </Alert>
        )}
        {generated && (
          <Stack gap={4}>
            <Text fw={500}>
              {String(generated.manifest['name'] ?? '')} <Badge variant="light">{String(generated.manifest['id'] ?? '')}</Badge> — {actions.length} actions
            </Text>
            <ScrollArea.Autosize mah={280}>
              <Table aria-label="Generated actions" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr><Table.Th>Action</Table.Th><Table.Th>Key</Table.Th><Table.Th>Fields</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {actions.map((action) => (
                    <Table.Tr key={action.key}>
                      <Table.Td>{action.name}</Table.Td>
                      <Table.Td><Text size="xs" ff="monospace">{action.key}</Text></Table.Td>
                      <Table.Td>{action.fields.map((field) => field.key).join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
