import { Alert, Button, Group, Loader, Modal, PasswordInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ConnectionView, Problem } from '@switchyard/server/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api';
import { needsBrowserAuthorization, readManifest } from '../packs/pack-manifest';
import { usePack, usePacks } from '../packs/packs-api';
import { useFocusReturnOnUnmount } from '../../app/use-focus-return-on-unmount';
import { ConnectionFields } from './connection-fields';
import { fieldsPayload, initialValues, type FormValue, type FormValues } from './connection-form-values';
import { useCreateConnection, useStartOAuth, useUpdateConnection } from './connections-api';
import type { useOAuthPopup } from './use-oauth-popup';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Editing this connection; otherwise a new one. */
  connection?: ConnectionView;
  /** A new connection for this pack (the pack picker is then fixed). */
  packId?: string;
  /** OAuth2 packs connect through the provider's page in a popup. */
  connect: ReturnType<typeof useOAuthPopup>['connect'];
  onSaved?: (connection: ConnectionView) => void;
}

// The OAuth client every oauth2 connection asks for (connectors' implicit fields): a pasted token needs none.
const oauthClientKeys = new Set(['client_id', 'client_secret']);

/** Server problems point into the body (`/name`, `/fields/<key>`); they are shown beside those inputs. */
function errorsFrom(problems: Problem[]): { name?: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  let name: string | undefined;
  for (const problem of problems) {
    if (problem.path === '/name') name = problem.message;
    const key = /^\/fields\/([^/]+)/.exec(problem.path)?.[1];
    if (key !== undefined) fields[key.replaceAll('~1', '/').replaceAll('~0', '~')] ??= problem.message;
  }
  return { ...(name !== undefined && { name }), fields };
}

/** Create or edit a connection with a form generated from the pack's connection fields. */
export function ConnectionFormModal({ opened, onClose, connection, packId: fixedPack, connect, onSaved }: Props) {
  useFocusReturnOnUnmount();
  const packs = usePacks();
  const [packId, setPackId] = useState<string | null>(connection?.packId ?? fixedPack ?? null);
  const pack = usePack(packId ?? undefined);
  const auth = useMemo(() => readManifest(pack.data?.manifest).auth, [pack.data]);
  const [name, setName] = useState(connection?.name ?? '');
  const [values, setValues] = useState<FormValues>({});
  const [errors, setErrors] = useState<{ name?: string; fields: Record<string, string> }>({ fields: {} });
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = useCreateConnection();
  const update = useUpdateConnection();
  const start = useStartOAuth();
  // OAuth2 packs with `pasteToken`: connect through the provider's page, or paste a token the vendor issued by hand.
  const [method, setMethod] = useState<'oauth' | 'paste'>(connection?.tokenPasted ? 'paste' : 'oauth');
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<string | undefined>();
  const pasting = auth.pasteToken !== undefined && method === 'paste';

  // A fresh form when the chosen pack's fields arrive; later refetches (of the pack or the connection) keep what was typed.
  const formFor = useRef<string | null>(null);
  useEffect(() => {
    if (!pack.data || formFor.current === pack.data.pack.id) return;
    formFor.current = pack.data.pack.id;
    setValues(initialValues(auth.fields, connection));
    setErrors({ fields: {} });
    setFailure(null);
  }, [pack.data, auth, connection]);

  const choosePack = (id: string | null) => {
    setPackId(id);
    const chosen = packs.data?.find((p) => p.id === id);
    if (chosen && name === '') setName(chosen.name);
  };

  // An edited connection that authorises in the browser may be saved and sent through the provider's page again.
  const canReconnect = connection !== undefined && needsBrowserAuthorization(auth) && !pasting;

  const save = async (event: Pick<FormEvent, 'preventDefault'>, reconnect = false) => {
    event.preventDefault();
    if (!packId) return;
    const { fields, problems } = fieldsPayload(auth.fields, values, connection);
    const nameProblem = name.trim() === '' ? 'A name is required' : undefined;
    // A new connection by pasting needs the token; an edited one keeps its token unless a new one is pasted.
    const tokenProblem = pasting && !connection && token.trim() === '' ? `${auth.pasteToken?.label ?? 'The token'} is required` : undefined;
    setErrors({ ...errorsFrom(problems), ...(nameProblem !== undefined && { name: nameProblem }) });
    setTokenError(tokenProblem);
    setFailure(null);
    if (problems.length > 0 || nameProblem !== undefined || tokenProblem !== undefined) return;
    const pasted = pasting && token.trim() !== '' ? { token: token.trim() } : {};
    setBusy(true);
    try {
      if (connection && reconnect) {
        // The popup opens inside the click (or it is blocked), before the save and the authorisation URL.
        await connect(async () => {
          const saved = await update.mutateAsync({ id: connection.id, name: name.trim(), fields });
          onSaved?.(saved);
          const { authorizeUrl } = await start.mutateAsync(saved.id);
          return { id: saved.id, since: saved.updatedAt, authorizeUrl };
        });
      } else if (connection) {
        const saved = await update.mutateAsync({ id: connection.id, name: name.trim(), fields, ...pasted });
        notifications.show({ color: 'green', message: pasted.token ? `"${saved.name}" reconnected with the new token.` : `"${saved.name}" saved.` });
        onSaved?.(saved);
      } else if (needsBrowserAuthorization(auth) && !pasting) {
        await connect(async () => {
          const { connection: created, authorizeUrl } = await create.mutateAsync({ packId, name: name.trim(), fields });
          onSaved?.(created);
          return { id: created.id, since: created.updatedAt, authorizeUrl };
        });
      } else {
        const { connection: created } = await create.mutateAsync({ packId, name: name.trim(), fields, ...pasted });
        notifications.show({ color: 'green', message: `"${created.name}" is connected.` });
        onSaved?.(created);
      }
      onClose();
    } catch (error) {
      const problems = error instanceof ApiError ? error.problems : [];
      setErrors(errorsFrom(problems));
      setTokenError(problems.find((problem) => problem.path === '/token')?.message);
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const packChoices = (packs.data ?? []).filter((p) => p.auth !== 'none').map((p) => ({ value: p.id, label: p.name }));
  const title = connection ? `Edit ${connection.name}` : 'New connection';
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <form onSubmit={(event) => void save(event)} noValidate>
        <Stack gap="md">
          <Select
            label="App"
            placeholder="Choose an installed pack"
            data={packChoices}
            value={packId}
            onChange={choosePack}
            disabled={connection !== undefined || fixedPack !== undefined}
            searchable
            required
            nothingFoundMessage="No installed pack needs a connection"
          />
          {connection && connection.status !== 'ok' && (
            <Alert color="yellow" title={connection.status === 'needs_reauth' ? 'Needs reconnection' : 'Calls failing'} data-testid="connection-form-status">
              {connection.statusMessage ?? (canReconnect ? 'Reconnect it through the app’s page.' : 'Correct its fields and save; saving checks them with the app.')}
            </Alert>
          )}
          <TextInput label="Name" required value={name} onChange={(event) => setName(event.currentTarget.value)} error={errors.name} />
          {packId && pack.isPending && <Loader size="sm" aria-label="Loading the pack" />}
          {pack.error && <Alert color="red">{errorMessage(pack.error)}</Alert>}
          {pack.data && auth.pasteToken && (
            <Stack gap="xs">
              <SegmentedControl
                value={method}
                onChange={(next) => setMethod(next === 'paste' ? 'paste' : 'oauth')}
                data={[
                  { value: 'oauth', label: `Connect with ${pack.data.pack.name}` },
                  { value: 'paste', label: `Use a ${auth.pasteToken.label.toLowerCase()}` },
                ]}
                aria-label="How to connect"
              />
              {pasting && (
                <PasswordInput
                  label={auth.pasteToken.label}
                  description={auth.pasteToken.description}
                  required={!connection}
                  placeholder={connection?.tokenPasted ? 'Stored — paste a new one to reconnect' : undefined}
                  autoComplete="off"
                  value={token}
                  error={tokenError}
                  onChange={(event) => setToken(event.currentTarget.value)}
                />
              )}
            </Stack>
          )}
          {pack.data && (
            <ConnectionFields
              fields={pasting ? auth.fields.filter((field) => !oauthClientKeys.has(field.key)) : auth.fields}
              values={values}
              onChange={(key: string, value: FormValue) => setValues((previous) => ({ ...previous, [key]: value }))}
              errors={errors.fields}
              {...(connection && { stored: connection })}
            />
          )}
          {pack.data && auth.hasTest && (
            <Text size="xs" c="dimmed">Saving checks the account with the app; nothing is stored if it refuses.</Text>
          )}
          {failure && (
            <Alert color="red" title="Not saved" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" variant={canReconnect ? 'default' : 'filled'} loading={busy} disabled={!pack.data}>
              {!connection && needsBrowserAuthorization(auth) && !pasting ? 'Save and connect' : 'Save'}
            </Button>
            {canReconnect && (
              <Button loading={busy} onClick={(event) => void save(event, true)}>
                Save and reconnect
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
