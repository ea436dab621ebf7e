import { builtInPacks, validatePack, type PackManifest } from '@switchyard/connectors';
import { describe, expect, it } from 'vitest';
import { ConnectionError } from '../connections/connection-error.js';
import type { EngineDeps } from './engine-deps.js';
import { stepConnectionFields } from './step-connection-fields.js';

const validated = validatePack(builtInPacks.find((pack) => pack.id === 'smtp'));
if (!validated.ok) throw new Error('the smtp pack is invalid');
const smtp = validated.manifest;

/** A registry with only the smtp pack, and a connection store holding one SMTP account. */
function deps(): Pick<EngineDeps, 'registry' | 'connections'> {
  return {
    registry: {
      pack: async (id: string) => (id === 'smtp' ? { manifest: smtp, version: '1.0.0', major: 1 } : undefined),
      action: async () => undefined,
      trigger: async () => undefined,
    },
    connections: {
      resolve: async (id: string, pack: PackManifest) => {
        if (id !== 'con_smtp' || pack.id !== 'smtp') throw new ConnectionError('CONNECTION_WRONG_PACK', `connection ${id} belongs to pack resend, not ${pack.id}`);
        return { id, packId: 'smtp', fields: { host: 'mail.example.com', password: 'pw' } };
      },
      refreshAfterUnauthorized: async () => {
        throw new Error('not used');
      },
    },
  };
}

describe('stepConnectionFields', () => {
  it('answers the fields of a connection of the named pack', async () => {
    expect(await stepConnectionFields(deps(), 'con_smtp', 'smtp')).toEqual({ host: 'mail.example.com', password: 'pw' });
  });

  it('needs a connection, an installed pack, and a connection of that pack', async () => {
    await expect(stepConnectionFields(deps(), undefined, 'smtp')).rejects.toMatchObject({ code: 'CONNECTION_REQUIRED' });
    await expect(stepConnectionFields(deps(), 'con_smtp', 'fax')).rejects.toMatchObject({ code: 'PACK_NOT_INSTALLED' });
    await expect(stepConnectionFields(deps(), 'con_resend', 'smtp')).rejects.toMatchObject({ code: 'CONNECTION_WRONG_PACK' });
  });
});
