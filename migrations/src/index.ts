import type { Migration } from 'kysely';
import * as createCoreTables from './20261127_0001_create_core_tables.js';
import * as indexRunsFinished from './20261127_0002_index_runs_finished.js';
import * as createLoginAttempts from './20261127_0003_create_login_attempts.js';
import * as createAuditLog from './20261127_0004_create_audit_log.js';
import * as createConnections from './20261127_0005_create_connections.js';
import * as createPacks from './20261127_0006_create_packs.js';
import * as createTriggerItemsAndThrottles from './20261127_0007_create_trigger_items_and_throttles.js';
import * as notifyOnChanges from './20261127_0008_notify_on_changes.js';
import * as createSignIn from './20261127_0009_create_sign_in.js';
import * as createIntegrationHealth from './20261127_0010_create_integration_health.js';
import * as createOutgoingHooks from './20261127_0011_create_outgoing_hooks.js';

/** Every migration by name; names sort in the order they apply. */
export const migrations: Record<string, Migration> = {
  '20261127_0001_create_core_tables': createCoreTables,
  '20261127_0002_index_runs_finished': indexRunsFinished,
  '20261127_0003_create_login_attempts': createLoginAttempts,
  '20261127_0004_create_audit_log': createAuditLog,
  '20261127_0005_create_connections': createConnections,
  '20261127_0006_create_packs': createPacks,
  '20261127_0007_create_trigger_items_and_throttles': createTriggerItemsAndThrottles,
  '20261127_0008_notify_on_changes': notifyOnChanges,
  '20261127_0009_create_sign_in': createSignIn,
  '20261127_0010_create_integration_health': createIntegrationHealth,
  '20261127_0011_create_outgoing_hooks': createOutgoingHooks,
};
