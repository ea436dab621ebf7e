import type { ErrorMapping } from '../../manifest/error-mapping-schema.js';

const reconnect = 'reconnect the Slack connection (or paste a new bot token)';

/**
 * Slack answers HTTP 200 with `{ "ok": false, "error": "<code>" }` when a method fails
 * (https://docs.slack.dev/apis/web-api/#responses), and 429 with `Retry-After` when rate limited. These
 * sentences replace the codes people meet most; any other code is shown as Slack sent it.
 */
export const slackErrors = {
  code: 'error',
  message: 'error',
  failWhen: { path: 'ok', equals: false },
  // Slack says "reconnect" in a 200 answer: these are taken like a 401 (a refresh, then the connection is marked).
  unauthorizedCodes: ['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive'],
  byCode: {
    channel_not_found: 'No channel with that ID or name is visible to the app (channel_not_found). Pick the channel from the list or use its ID (C…); invite the app to private channels first.',
    not_in_channel: 'The app is not a member of this channel (not_in_channel): invite it with /invite @your-app, or add the chat:write.public scope to post without joining.',
    is_archived: 'The channel is archived (is_archived); unarchive it or pick another channel.',
    msg_too_long: 'The message text is too long (msg_too_long); Slack takes at most 40,000 characters.',
    no_text: 'The message needs text or blocks (no_text).',
    invalid_blocks: 'The blocks are not valid Block Kit (invalid_blocks); check them in Block Kit Builder. {{body.response_metadata.messages | join: " "}}',
    invalid_blocks_format: 'The blocks must be a JSON list of Block Kit blocks, such as [{"type":"section","text":{"type":"mrkdwn","text":"Hi"}}] (invalid_blocks_format).',
    thread_not_found: 'No thread starts at that timestamp in this channel (thread_not_found).',
    message_not_found: 'No message has that timestamp in this channel (message_not_found).',
    users_not_found: 'No user in this workspace has that email address (users_not_found).',
    user_not_found: 'No user in this workspace has that ID (user_not_found).',
    already_reacted: 'The app already added this reaction to the message (already_reacted).',
    invalid_name: 'The name is not valid (invalid_name).',
    name_taken: 'A channel with that name already exists (name_taken).',
    too_long: 'The topic is too long (too_long); Slack takes at most 250 characters.',
    method_not_supported_for_channel_type: 'The app cannot do this in that kind of conversation (method_not_supported_for_channel_type); private channels need an invitation.',
    already_in_channel: 'That user is already in the channel (already_in_channel).',
    cant_invite_self: 'The app cannot invite itself (cant_invite_self).',
    cant_update_message: 'Only messages the app posted can be updated (cant_update_message).',
    edit_window_closed: 'The message is too old to edit (edit_window_closed).',
    restricted_action: 'A workspace setting does not allow the app to do this (restricted_action); ask a Slack admin.',
    missing_scope: 'The Slack app lacks the {{body.needed}} scope (missing_scope): add it under OAuth & Permissions, reinstall the app, then reconnect.',
    not_authed: `No token was sent (not_authed): ${reconnect}.`,
    invalid_auth: `The token is not valid (invalid_auth): ${reconnect}.`,
    token_revoked: `The token was revoked (token_revoked): ${reconnect}.`,
    token_expired: `The token has expired (token_expired): ${reconnect}.`,
    account_inactive: `The token belongs to a deactivated user or an uninstalled app (account_inactive): ${reconnect}.`,
    ratelimited: 'Too many calls: the app is rate limited (ratelimited); the step is retried after the wait Slack asks for.',
  },
} satisfies ErrorMapping;

/** Slack's mapping with sentences for one method where a shared code (`invalid_name`) needs its context. */
export function slackErrorsWith(byCode: Record<string, string>): ErrorMapping {
  return { ...slackErrors, byCode: { ...slackErrors.byCode, ...byCode } };
}
