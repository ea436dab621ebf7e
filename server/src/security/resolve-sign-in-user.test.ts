import { describe, expect, it } from 'vitest';
import { identityRepo } from '../storage/identity-repo.js';
import { invitationRepo } from '../storage/invitation-repo.js';
import { dialects, useMigratedDatabase } from '../storage/test-databases.js';
import { userRepo } from '../storage/user-repo.js';
import { verifyPassword } from './password-hash.js';
import { resolveSignInUser } from './resolve-sign-in-user.js';

const hour = 3_600_000;

describe.each(dialects)('resolveSignInUser on %s', (dialect) => {
  const { database } = useMigratedDatabase(dialect);
  const invite = (email: string, role: string, expiresAt: number) =>
    database.write((trx) => invitationRepo.create(trx, { email, role, invitedBy: null, now: 1_000, expiresAt }));

  it('creates an invited user without a usable password, links the identity and closes the invitation', async () => {
    const invitation = await invite('ada@example.com', 'viewer', 10 * hour);
    const result = await resolveSignInUser(database, 'google', { subject: 'g-1', email: 'ada@example.com', emailVerified: true }, 2 * hour);
    expect(result).toMatchObject({ ok: true, outcome: 'invited', invitationId: invitation.id, user: { email: 'ada@example.com', role: 'viewer' } });
    const user = await userRepo.byEmail(database.db, 'ada@example.com');
    expect(await verifyPassword('!', user!.password_hash)).toBe(false);
    expect((await identityRepo.userFor(database.db, 'google', 'g-1'))?.id).toBe(user!.id);
    expect(await invitationRepo.byId(database.db, invitation.id)).toMatchObject({ accepted_at: 2 * hour, accepted_user_id: user!.id });
    // The same account on another provider is another identity: linked to the user by the verified address.
    const github = await resolveSignInUser(database, 'github', { subject: '77', email: 'ada@example.com', emailVerified: true }, 3 * hour);
    expect(github).toMatchObject({ ok: true, outcome: 'linked', user: { id: user!.id } });
  });

  it('refuses an expired invitation and an unverified address, writing nothing', async () => {
    await invite('late@example.com', 'editor', 2 * hour);
    expect(await resolveSignInUser(database, 'google', { subject: 'g-2', email: 'late@example.com', emailVerified: true }, 2 * hour)).toEqual({ ok: false, code: 'NOT_INVITED' });
    await invite('unverified@example.com', 'editor', 10 * hour);
    expect(await resolveSignInUser(database, 'google', { subject: 'g-3', email: 'unverified@example.com', emailVerified: false }, hour)).toEqual({ ok: false, code: 'EMAIL_UNVERIFIED' });
    expect(await userRepo.byEmail(database.db, 'late@example.com')).toBeUndefined();
    expect(await userRepo.byEmail(database.db, 'unverified@example.com')).toBeUndefined();
    expect(await identityRepo.userFor(database.db, 'google', 'g-2')).toBeUndefined();
  });

  it('signs a linked identity in by its subject, whatever address the provider sends now', async () => {
    const user = await database.write((trx) => userRepo.create(trx, { email: 'bob@example.com', passwordHash: '!', role: 'editor', now: 1 }));
    await database.write((trx) => identityRepo.link(trx, { providerId: 'corp', subject: 's-1', userId: user.id, email: 'bob@example.com', now: 1 }));
    const result = await resolveSignInUser(database, 'corp', { subject: 's-1', email: 'bob@new.example.com', emailVerified: false }, 5);
    expect(result).toMatchObject({ ok: true, outcome: 'signed-in', user: { id: user.id } });
  });

  it('lets only one of two racing first sign-ins of an invited address create the user', async () => {
    await invite('race@example.com', 'editor', 10 * hour);
    const identity = { subject: 'g-race', email: 'race@example.com', emailVerified: true };
    const results = await Promise.all([resolveSignInUser(database, 'google', identity, hour), resolveSignInUser(database, 'google', identity, hour)]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(new Set(results.map((result) => (result.ok ? result.user.id : '')))).toHaveProperty('size', 1);
    expect((await userRepo.list(database.db)).filter((user) => user.email === 'race@example.com')).toHaveLength(1);
  });
});
