import type { z } from 'zod';
import type { actionSchema } from '../manifest/action-schema.js';

/** An action as written in a manifest (defaults not applied), the converter's unit of output. */
export type ActionInput = z.input<typeof actionSchema>;
