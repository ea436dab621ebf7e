/** Web API methods of the Slack fake, over its state; each answers Slack's JSON body (`ok: false` + `error` on failure). */

export interface FakeChannel {
  id: string;
  name: string;
  is_channel: true;
  is_private: boolean;
  is_archived: boolean;
  is_member: boolean;
  created: number;
  creator: string;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  members: string[];
  messages: FakeMessage[];
}

export interface FakeMessage {
  type: 'message';
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  blocks?: unknown;
  thread_ts?: string;
  reactions?: { name: string; users: string[]; count: number }[];
}

export interface FakeUser {
  id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  profile: { email: string; real_name: string; display_name: string };
}

export interface SlackState {
  teamId: string;
  botUserId: string;
  botId: string;
  channels: FakeChannel[];
  users: FakeUser[];
  /** Seconds of the next message ts; each message gets a later one, as Slack's ts grows with time. */
  clock: number;
  /** Slack may answer fewer items than `limit` asks for; this caps a page so tests meet several pages. */
  maxPageSize: number;
}

type Args = Record<string, string>;
type Body = Record<string, unknown>;
export type Method = (state: SlackState, args: Args) => Body;

const fail = (error: string, extra: Body = {}): Body => ({ ok: false, error, ...extra });
const bool = (value: string | undefined) => value === 'true' || value === '1';

export function nextTs(state: SlackState): string {
  state.clock += 1;
  return `${state.clock}.000100`;
}

function channelOf(state: SlackState, args: Args): FakeChannel | Body {
  const wanted = args['channel'];
  if (!wanted) return fail('channel_not_found');
  const channel = state.channels.find((candidate) => candidate.id === wanted || `#${candidate.name}` === wanted);
  return channel ?? fail('channel_not_found');
}
const isChannel = (value: FakeChannel | Body): value is FakeChannel => typeof value['id'] === 'string';

/** A channel the app is in and that is not archived; otherwise Slack's error for it. */
function writableChannel(state: SlackState, args: Args): FakeChannel | Body {
  const channel = channelOf(state, args);
  if (!isChannel(channel)) return channel;
  if (channel.is_archived) return fail('is_archived');
  if (!channel.is_member) return fail('not_in_channel');
  return channel;
}

/** Public view of a channel, as conversations.* methods answer it. */
function view({ members, messages: _messages, ...channel }: FakeChannel) {
  return { ...channel, num_members: members.length };
}

/** `cursor`/`limit` pagination with `response_metadata.next_cursor` (opaque base64, empty on the last page). */
function page<T>(state: SlackState, items: T[], args: Args): { items: T[]; next_cursor: string } {
  const limit = Math.min(Math.max(Number(args['limit'] ?? 100) || 100, 1), 1000, state.maxPageSize);
  const start = args['cursor'] ? Number(Buffer.from(args['cursor'], 'base64').toString('utf8').replace('next:', '')) : 0;
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { items: slice, next_cursor: more ? Buffer.from(`next:${start + limit}`).toString('base64') : '' };
}

function parseBlocks(text: string | undefined): { ok: true; blocks: unknown } | { ok: false; body: Body } {
  if (text === undefined) return { ok: true, blocks: undefined };
  try {
    const blocks: unknown = JSON.parse(text);
    return Array.isArray(blocks) ? { ok: true, blocks } : { ok: false, body: fail('invalid_blocks_format') };
  } catch {
    return { ok: false, body: fail('invalid_blocks_format') };
  }
}

export const methods: Record<string, Method> = {
  'auth.test': (state) => ({
    ok: true,
    url: 'https://switchyard-qa.slack.com/',
    team: 'Switchyard QA',
    user: 'switchyard',
    team_id: state.teamId,
    user_id: state.botUserId,
    bot_id: state.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (state, args) => {
    const channel = writableChannel(state, args);
    if (!isChannel(channel)) return channel;
    const blocks = parseBlocks(args['blocks']);
    if (!blocks.ok) return blocks.body;
    if (!args['text'] && blocks.blocks === undefined) return fail('no_text');
    if ((args['text'] ?? '').length > 40_000) return fail('msg_too_long');
    if (args['thread_ts'] && !channel.messages.some((message) => message.ts === args['thread_ts'])) return fail('thread_not_found');
    const message: FakeMessage = {
      type: 'message',
      ts: nextTs(state),
      text: args['text'] ?? '',
      user: state.botUserId,
      bot_id: state.botId,
      ...(blocks.blocks !== undefined && { blocks: blocks.blocks }),
      ...(args['thread_ts'] && { thread_ts: args['thread_ts'] }),
    };
    channel.messages.push(message);
    return { ok: true, channel: channel.id, ts: message.ts, message };
  },

  'chat.update': (state, args) => {
    const channel = writableChannel(state, args);
    if (!isChannel(channel)) return channel;
    const message = channel.messages.find((candidate) => candidate.ts === args['ts']);
    if (!message) return fail('message_not_found');
    if (message.bot_id !== state.botId) return fail('cant_update_message');
    const blocks = parseBlocks(args['blocks']);
    if (!blocks.ok) return blocks.body;
    if (args['text'] !== undefined) message.text = args['text'];
    if (blocks.blocks !== undefined) message.blocks = blocks.blocks;
    return { ok: true, channel: channel.id, ts: message.ts, text: message.text };
  },

  'reactions.add': (state, args) => {
    const channel = channelOf(state, args);
    if (!isChannel(channel)) return channel;
    const message = channel.messages.find((candidate) => candidate.ts === args['timestamp']);
    if (!message) return fail('message_not_found');
    const name = args['name'] ?? '';
    if (!/^[a-z0-9_+'-]+$/.test(name)) return fail('invalid_name');
    message.reactions ??= [];
    const reaction = message.reactions.find((candidate) => candidate.name === name);
    if (reaction?.users.includes(state.botUserId)) return fail('already_reacted');
    if (reaction) {
      reaction.users.push(state.botUserId);
      reaction.count += 1;
    } else message.reactions.push({ name, users: [state.botUserId], count: 1 });
    return { ok: true };
  },

  'users.lookupByEmail': (state, args) => {
    const user = state.users.find((candidate) => candidate.profile.email.toLowerCase() === (args['email'] ?? '').toLowerCase());
    return user ? { ok: true, user: { ...user, team_id: state.teamId } } : fail('users_not_found');
  },

  'users.list': (state, args) => {
    const { items, next_cursor } = page(state, state.users, args);
    return { ok: true, members: items, cache_ts: state.clock, response_metadata: { next_cursor } };
  },

  'conversations.create': (state, args) => {
    const name = args['name'] ?? '';
    if (name === '') return fail('invalid_name_required');
    if (name.length > 80) return fail('invalid_name_maxlength');
    if (!/^[a-z0-9_-]+$/.test(name)) return fail('invalid_name_specials');
    if (state.channels.some((channel) => channel.name === name)) return fail('name_taken');
    const created = nextTs(state).split('.')[0]!;
    const channel: FakeChannel = {
      id: `C${String(state.channels.length + 1).padStart(8, '0')}`,
      name,
      is_channel: true,
      is_private: bool(args['is_private']),
      is_archived: false,
      is_member: true,
      created: Number(created),
      creator: state.botUserId,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      members: [state.botUserId],
      messages: [],
    };
    state.channels.push(channel);
    return { ok: true, channel: view(channel) };
  },

  'conversations.setTopic': (state, args) => {
    const channel = writableChannel(state, args);
    if (!isChannel(channel)) return channel;
    const topic = args['topic'] ?? '';
    if (topic.length > 250) return fail('too_long');
    channel.topic = { value: topic, creator: state.botUserId, last_set: state.clock };
    return { ok: true, channel: view(channel) };
  },

  'conversations.join': (state, args) => {
    const channel = channelOf(state, args);
    if (!isChannel(channel)) return channel;
    if (channel.is_archived) return fail('is_archived');
    if (channel.is_private) return fail('method_not_supported_for_channel_type');
    const already = channel.is_member;
    if (!already) {
      channel.is_member = true;
      channel.members.push(state.botUserId);
    }
    return { ok: true, channel: view(channel), ...(already && { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } }) };
  },

  'conversations.invite': (state, args) => {
    const channel = writableChannel(state, args);
    if (!isChannel(channel)) return channel;
    const ids = (args['users'] ?? '').split(',').filter((id) => id !== '');
    if (ids.length === 0) return fail('no_user');
    for (const id of ids) {
      if (id === state.botUserId) return fail('cant_invite_self');
      if (!state.users.some((user) => user.id === id)) return fail('user_not_found');
      if (channel.members.includes(id)) return fail('already_in_channel');
    }
    channel.members.push(...ids);
    return { ok: true, channel: view(channel) };
  },

  'conversations.list': (state, args) => {
    const types = (args['types'] ?? 'public_channel').split(',');
    const listed = state.channels.filter(
      (channel) => types.includes(channel.is_private ? 'private_channel' : 'public_channel') && !(bool(args['exclude_archived']) && channel.is_archived),
    );
    const { items, next_cursor } = page(state, listed, args);
    return { ok: true, channels: items.map(view), response_metadata: { next_cursor } };
  },

  /** Newest first; `oldest`/`latest` bound the ts (exclusive unless `inclusive`), paged by `cursor` with `has_more`. */
  'conversations.history': (state, args) => {
    const channel = channelOf(state, args);
    if (!isChannel(channel)) return channel;
    if (!channel.is_member) return fail('not_in_channel');
    const inclusive = bool(args['inclusive']);
    const oldest = args['oldest'];
    const latest = args['latest'];
    const inRange = channel.messages
      .filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts)
      .filter((message) => oldest === undefined || (inclusive ? Number(message.ts) >= Number(oldest) : Number(message.ts) > Number(oldest)))
      .filter((message) => latest === undefined || (inclusive ? Number(message.ts) <= Number(latest) : Number(message.ts) < Number(latest)))
      .reverse();
    const { items, next_cursor } = page(state, inRange, args);
    return { ok: true, messages: items, has_more: next_cursor !== '', pin_count: 0, response_metadata: { next_cursor } };
  },
};

/** The bot scope each method needs (https://docs.slack.dev/reference/methods); missing ones answer `missing_scope`. */
export const neededScopes: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'reactions.add': 'reactions:write',
  'users.lookupByEmail': 'users:read.email',
  'users.list': 'users:read',
  'conversations.create': 'channels:manage',
  'conversations.setTopic': 'channels:manage',
  'conversations.invite': 'channels:manage',
  'conversations.join': 'channels:join',
  'conversations.list': 'channels:read',
  'conversations.history': 'channels:history',
};
