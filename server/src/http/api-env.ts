import type { Principal } from '../security/principal.js';

/** Values middleware puts on the request context for handlers. */
export interface ApiEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}
