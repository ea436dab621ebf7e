import type { Database } from '../storage/database.js';
import { identityRepo } from '../storage/identity-repo.js';
import { invitationRepo } from '../storage/invitation-repo.js';
import type { UserRow } from '../storage/tables.js';
import { userRepo } from '../storage/user-repo.js';
import type { ProviderIdentity } from './sign-in-provider.js';

/** Users made by a provider sign-in have no password: this never verifies (see `verifyPassword`). */
const noPassword = '!';

export type SignInResolution =
  | {
      ok: true;
      user: UserRow;
      /** signed-in: the identity was linked before; linked: to the existing user of that address; invited: a new user. */
      outcome: 'signed-in' | 'linked' | 'invited';
      invitationId?: string;
    }
  | { ok: false; code: 'EMAIL_UNVERIFIED' | 'NOT_INVITED' };

/**
 * Which user a provider identity signs in as. An identity linked before signs in as its user. Otherwise the
 * address counts only when the provider verified it: an existing user of that address gets the identity
 * linked; an address with an open invitation gets a new user with the invited role; any other address is
 * refused and nothing is written.
 */
export async function resolveSignInUser(database: Database, providerId: string, identity: ProviderIdentity, now: number): Promise<SignInResolution> {
  const linked = await identityRepo.userFor(database.db, providerId, identity.subject);
  if (linked) {
    await identityRepo.touch(database.db, providerId, identity.subject, identity.email, now);
    return { ok: true, user: linked, outcome: 'signed-in' };
  }
  if (!identity.emailVerified) return { ok: false, code: 'EMAIL_UNVERIFIED' };
  const link = { providerId, subject: identity.subject, email: identity.email, now };
  try {
    return await database.write(async (trx): Promise<SignInResolution> => {
      const existing = await userRepo.byEmail(trx, identity.email);
      if (existing) {
        await identityRepo.link(trx, { ...link, userId: existing.id });
        return { ok: true, user: existing, outcome: 'linked' };
      }
      const invitation = await invitationRepo.openFor(trx, identity.email, now);
      if (!invitation) return { ok: false, code: 'NOT_INVITED' };
      const user = await userRepo.create(trx, { email: identity.email, passwordHash: noPassword, role: invitation.role, now });
      await identityRepo.link(trx, { ...link, userId: user.id });
      if (!(await invitationRepo.accept(trx, invitation.id, user.id, now))) throw new Error('the invitation was used or revoked meanwhile');
      return { ok: true, user, outcome: 'invited', invitationId: invitation.id };
    });
  } catch (error) {
    // A racing sign-in of the same identity or address won (unique keys decided): its result stands.
    const winner = await identityRepo.userFor(database.db, providerId, identity.subject);
    if (winner) return { ok: true, user: winner, outcome: 'signed-in' };
    throw error;
  }
}
