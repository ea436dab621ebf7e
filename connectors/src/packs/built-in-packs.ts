import type { PackManifestInput } from '../manifest/pack-manifest-schema.js';
import { ntfyPack } from './ntfy/ntfy-pack.js';
import { stripePack } from './stripe/stripe-pack.js';

/** The packs shipped with Switchyard, installed like any imported pack (they pass the same validator). */
export const builtInPacks: readonly PackManifestInput[] = [ntfyPack, stripePack];
