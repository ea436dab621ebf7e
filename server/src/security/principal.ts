import type { Role } from './roles.js';

/** Who is making a request: a user through a session or an API token. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  via: 'session' | 'token' | 'cli';
}
