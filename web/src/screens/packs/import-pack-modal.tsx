import { Alert, Button, FileInput, Group, Modal, Stack, Tabs, Text, TextInput } from '@mantine/core';
import type { Problem } from '@switchyard/server/contracts';
import { IconFileUpload, IconWorldDownload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api';
import { useFocusReturnOnUnmount } from '../../app/use-focus-return-on-unmount';
import { notifyInstalled } from './install-result';
import { useInstallPack, useValidatePack } from './packs-api';
import { ProblemsTable } from './problems-table';
import { readFileText } from './read-file-text';

type Checked = { text: string; fileName: string; problems: Problem[] };

/**
 * Install a pack from a file (checked first, every problem listed by JSON path) or from a URL / npm name
 * (downloaded by the server, so its problems come back from the install itself).
 */
export function ImportPackModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  useFocusReturnOnUnmount();
  const validate = useValidatePack();
  const install = useInstallPack();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [source, setSource] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>('file');

  const reset = () => {
    setChecked(null);
    setProblems([]);
    setFailure(null);
  };

  const pick = async (picked: File | null) => {
    setFile(picked);
    reset();
    if (!picked) return;
    try {
      const body = await readFileText(picked);
      const result = await validate.mutateAsync(body);
      setChecked({ ...body, problems: result.problems });
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const run = async (body: { text: string; fileName: string } | { source: string }) => {
    setFailure(null);
    setProblems([]);
    try {
      notifyInstalled(await install.mutateAsync(body));
      onClose();
    } catch (error) {
      setProblems(error instanceof ApiError ? error.problems.filter((p) => p.path !== '/source') : []);
      setFailure(errorMessage(error));
    }
  };

  const fromSource = (event: FormEvent) => {
    event.preventDefault();
    if (source.trim() !== '') void run({ source: source.trim() });
  };

  const shownProblems = checked?.problems.length ? checked.problems : problems;
  return (
    <Modal opened={opened} onClose={onClose} title="Import a pack" size="xl">
      <Tabs value={tab} onChange={(next) => { setTab(next); reset(); }}>
        <Tabs.List mb="md">
          <Tabs.Tab value="file" leftSection={<IconFileUpload size={16} />}>From a file</Tabs.Tab>
          <Tabs.Tab value="source" leftSection={<IconWorldDownload size={16} />}>From a URL or npm</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="file">
          <Stack gap="md">
            <FileInput
              label="Pack manifest"
              description="A .pack.yaml, .yaml or .json file"
              placeholder="Choose a file"
              accept=".yaml,.yml,.json,application/json,application/yaml"
              value={file}
              onChange={(picked) => void pick(picked)}
              clearable
            />
            {validate.isPending && <Text size="sm">Checking…</Text>}
            {checked && checked.problems.length === 0 && (
              <Alert color="green" title="The pack is valid">Nothing is installed until you press Install.</Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>Cancel</Button>
              <Button
                disabled={!checked || checked.problems.length > 0}
                loading={install.isPending}
                onClick={() => checked && void run({ text: checked.text, fileName: checked.fileName })}
              >
                Install
              </Button>
            </Group>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="source">
          <form onSubmit={fromSource}>
            <Stack gap="md">
              <TextInput
                label="Where the pack is"
                description="npm:<name>[@range], or an https URL of a manifest or .tgz"
                placeholder="npm:@acme/switchyard-pack@^1"
                value={source}
                onChange={(event) => setSource(event.currentTarget.value)}
                error={failure !== null && problems.length === 0 ? failure : undefined}
                data-autofocus
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>Cancel</Button>
                <Button type="submit" loading={install.isPending} disabled={source.trim() === ''}>Download and install</Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
      </Tabs>
      {shownProblems.length > 0 && (
        <Stack gap="xs" mt="md">
          <Text fw={500} c="red">{shownProblems.length === 1 ? 'One problem' : `${shownProblems.length} problems`} to fix; nothing was installed.</Text>
          <ProblemsTable problems={shownProblems} label="Problems in the pack" />
        </Stack>
      )}
      {failure && shownProblems.length === 0 && tab === 'file' && (
        <Alert color="red" mt="md" role="alert">{failure}</Alert>
      )}
    </Modal>
  );
}
