import { z } from 'zod';
import type { Db } from '../storage/database.js';
import { userRepo } from '../storage/user-repo.js';
import { hashPassword } from './password-hash.js';
import { roles } from './roles.js';

export const newUserSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')),
  password: z.string().min(10, 'use at least 10 characters').max(1024),
  role: z.enum(roles).default('editor'),
});
export type NewUser = z.input<typeof newUserSchema>;

export type CreateUserResult = { ok: true; user: { id: string; email: string; role: string } } | { ok: false; code: 'EMAIL_TAKEN' };

export async function createUser(db: Db, input: z.output<typeof newUserSchema>, now: number): Promise<CreateUserResult> {
  if (await userRepo.byEmail(db, input.email)) return { ok: false, code: 'EMAIL_TAKEN' };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await userRepo.create(db, { email: input.email, passwordHash, role: input.role, now });
    return { ok: true, user: { id: user.id, email: user.email, role: user.role } };
  } catch {
    // Lost a race with another request for the same address: the unique index decided.
    if (await userRepo.byEmail(db, input.email)) return { ok: false, code: 'EMAIL_TAKEN' };
    throw new Error('creating the user failed');
  }
}
