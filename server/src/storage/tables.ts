import type { Generated, Selectable } from 'kysely';

/** Row shapes as stored: times are epoch ms, JSON columns are text. */
export interface Tables {
  users: { id: string; email: string; password_hash: string; role: string; created_at: number };
  sessions: { id: string; user_id: string; created_at: number; expires_at: number };
  api_tokens: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    created_at: number;
    last_used_at: number | null;
  };
  recipes: {
    id: string;
    name: string;
    folder: Generated<string>;
    owner_id: string | null;
    status: string;
    published_version_id: string | null;
    latest_version_id: string;
    created_at: number;
    updated_at: number;
  };
  recipe_versions: {
    id: string;
    recipe_id: string;
    number: number;
    definition: string;
    created_at: number;
    created_by: string | null;
  };
  triggers: {
    id: string;
    recipe_id: string;
    kind: string;
    webhook_token: string;
    version_id: string | null;
    config: string;
    active: number;
    last_fire_at: number | null;
    next_fire_at: number | null;
    enabled_at: number | null;
    state: Generated<string>;
  };
  runs: {
    id: string;
    recipe_id: string;
    version_id: string;
    status: string;
    trigger_kind: string;
    trigger_event: string;
    output: string | null;
    error: string | null;
    created_at: number;
    started_at: number | null;
    finished_at: number | null;
    deadline_at: number | null;
    replay_of: string | null;
    parent_run_id: string | null;
    parent_step_path: string | null;
  };
  run_steps: {
    run_id: string;
    path: string;
    seq: number;
    step_id: string;
    use: string;
    status: string;
    input: string | null;
    output: string | null;
    error: string | null;
    attempts: number;
    idempotency_key: string;
    side_effect: number;
    started_at: number | null;
    finished_at: number | null;
    next_attempt_at: number | null;
  };
  inbox: { id: string; source: string; dedupe_key: string; run_id: string | null; received_at: number };
  jobs: {
    id: string;
    kind: string;
    run_id: string | null;
    recipe_id: string | null;
    payload: Generated<string>;
    run_at: number;
    attempts: Generated<number>;
    lease_owner: string | null;
    lease_until: Generated<number>;
    created_at: number;
  };
  kv: { scope: string; key: string; value: string; updated_at: number };
  settings: { key: string; value: string };
  /** `account_key` is a hash of the e-mail tried; `address` is null when the request had no socket (in-process). */
  login_attempts: { id: string; account_key: string; address: string | null; at: number };
  audit_log: {
    id: string;
    at: number;
    actor_id: string | null;
    actor_email: string | null;
    action: string;
    target_id: string | null;
    details: string;
  };
  connections: {
    id: string;
    pack_id: string;
    name: string;
    owner_id: string | null;
    status: string;
    status_message: string | null;
    fields: string;
    /** AES-256-GCM envelope of every secret value (see connections/secret-box.ts). */
    secrets: string;
    token_expires_at: number | null;
    last_checked_at: number | null;
    revision: Generated<number>;
    created_at: number;
    updated_at: number;
  };
  oauth_states: { state_hash: string; connection_id: string; secrets: string; created_by: string | null; expires_at: number };
  pack_versions: {
    pack_id: string;
    version: string;
    major: number;
    manifest: string;
    digest: string;
    source: string;
    installed_at: number;
    installed_by: string | null;
  };
  trigger_items: { trigger_id: string; item_key: string; seen_at: number };
  throttles: { key: string; tat: number };
  sign_in_providers: {
    id: string;
    kind: string;
    name: string;
    issuer: string | null;
    web_url: string | null;
    api_url: string | null;
    client_id: string;
    client_secret: string;
    enabled: number;
    created_at: number;
    updated_at: number;
  };
  sign_in_states: { state_hash: string; provider_id: string; browser_hash: string; secrets: string; return_to: string; expires_at: number };
  user_identities: { provider_id: string; subject: string; user_id: string; email: string; created_at: number; last_sign_in_at: number };
  invitations: {
    id: string;
    email: string;
    role: string;
    invited_by: string | null;
    created_at: number;
    expires_at: number;
    accepted_at: number | null;
    accepted_user_id: string | null;
    revoked_at: number | null;
  };
  /** `day`: UTC day number (epoch ms / 86 400 000). */
  connection_daily: {
    connection_id: string;
    day: number;
    calls: number;
    failures: number;
    last_call_at: number;
    last_failure_at: number | null;
    last_failure: string | null;
  };
  health_alerts: {
    id: string;
    subject_kind: string;
    subject_id: string;
    condition: string;
    message: string;
    raised_at: number;
    cleared_at: number | null;
    notified_at: number | null;
  };
  /** Outgoing REST hooks: `secret` is sealed by the secret box (context `hook_subscription:<id>`). */
  hook_subscriptions: {
    id: string;
    target_url: string;
    event: string;
    recipe_id: string | null;
    emit_name: string | null;
    secret: string;
    created_by: string | null;
    created_at: number;
    unsubscribed_at: number | null;
  };
  /** The outbox: `status` is `pending | succeeded | failed | cancelled`; `payload` is the JSON body sent. */
  hook_deliveries: {
    id: string;
    subscription_id: string;
    event: string;
    event_key: string;
    payload: string;
    status: string;
    attempts: Generated<number>;
    next_attempt_at: number | null;
    lease_until: Generated<number>;
    created_at: number;
    finished_at: number | null;
  };
  hook_attempts: {
    id: string;
    delivery_id: string;
    attempted_at: number;
    duration_ms: number;
    http_status: number | null;
    error: string | null;
  };
}

export type RunRow = Selectable<Tables['runs']>;
export type RunStepRow = Selectable<Tables['run_steps']>;
export type JobRow = Selectable<Tables['jobs']>;
export type RecipeRow = Selectable<Tables['recipes']>;
export type RecipeVersionRow = Selectable<Tables['recipe_versions']>;
export type TriggerRow = Selectable<Tables['triggers']>;
export type UserRow = Selectable<Tables['users']>;
export type AuditRow = Selectable<Tables['audit_log']>;
export type ConnectionRow = Selectable<Tables['connections']>;
export type PackVersionRow = Selectable<Tables['pack_versions']>;
export type SignInProviderRow = Selectable<Tables['sign_in_providers']>;
export type InvitationRow = Selectable<Tables['invitations']>;
export type HealthAlertRow = Selectable<Tables['health_alerts']>;
export type HookSubscriptionRow = Selectable<Tables['hook_subscriptions']>;
export type HookDeliveryRow = Selectable<Tables['hook_deliveries']>;
export type HookAttemptRow = Selectable<Tables['hook_attempts']>;
