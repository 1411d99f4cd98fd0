import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of Slack's Web API on 127.0.0.1, for integration tests that point the real
 * Bolt app / WebClient at it via `slackApiUrl`. It speaks the wire protocol the real
 * @slack/web-api client uses (form bodies with JSON-encoded nested values, multipart uploads,
 * 429 + Retry-After), so the client's serialization, retries and error mapping run for real.
 */

/** The one workspace the fake pretends to be; the request builders in slack-signer.ts use the same ids. */
export const FAKE_WORKSPACE = {
  teamId: 'T0001',
  teamDomain: 'scout-test',
  teamName: 'Scout Test',
  enterpriseId: null,
  userId: 'U0001',
  userName: 'alice',
  channelId: 'C0001',
  channelName: 'general',
  botId: 'B0001',
  botUserId: 'U0BOT0001',
  botName: 'scout',
  appId: 'A0001',
} as const;

export interface RecordedCall {
  method: string;
  /** Parsed arguments without `token`; JSON-encoded values (blocks, files, view, chunks…) decoded. */
  args: Record<string, unknown>;
  token: string | null;
  at: number;
  /** HTTP status the fake answered with. */
  status: number;
  /** The Slack error code answered (`ratelimited` for 429, `http_500` for 5xx), or null when ok. */
  error: string | null;
  /** The JSON body the fake answered with (e.g. the `ts` of a posted message); null for injected failures. */
  response: Record<string, unknown> | null;
}

export type FakeFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503 }
  | { error: string };

export interface FakeUpload {
  fileId: string;
  filename: string;
  bytes: Buffer;
}

/** One streamed message as the fake saw it. */
export interface FakeStream {
  channel: string;
  ts: string;
  threadTs: string;
  chunks: Args[];
  /** The markdown text of its chunks, joined. */
  text: string;
  /** The blocks it stopped with; null while it streams. */
  blocks: Args[] | null;
}

export interface FakeSlack {
  /** Every stream started, by ts. */
  streams(): FakeStream[];
  /** The Home tab last published for a user. */
  home(user: string): Args | undefined;
  /** Base Web API URL ending in '/', e.g. http://127.0.0.1:PORT/api/ */
  url: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  uploads: FakeUpload[];
  /** Holds every call to `method` (unanswered) until the returned release is called. */
  hold(method: string): () => void;
  /** How many calls to `method` are being held now. */
  held(method: string): number;
  /** A response_url pointing at the fake; POSTs to it land in `responses`. */
  responseUrl(id?: string): string;
  responses: { id: string; body: Record<string, unknown> }[];
  /** Who `conversations.members` lists for a channel (default: the fake user and the bot). */
  setChannelMembers(channel: string, users: string[]): void;
  /** Workspace roles `users.info` reports for a user (default: a plain member). */
  setUserRoles(user: string, roles: { admin?: boolean; owner?: boolean }): void;
  /**
   * Makes the next `times` requests to `method` fail. Besides Web API method names, 'upload'
   * targets upload URLs and 'response_url' targets response URLs.
   */
  failNext(method: string, failure: FakeFailure, times?: number): void;
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

type Args = Record<string, unknown>;

/** Thrown by a method handler to answer `{ ok: false, error: code }`. */
class SlackErrorCode extends Error {}

interface State {
  origin: string;
  seq: number;
  messages: Set<string>;
  streams: Map<string, 'streaming' | 'stopped'>;
  /** What each stream showed: its chunks in order, and the blocks it stopped with. */
  streamed: Map<string, FakeStream>;
  /** The Home tab each user was last published. */
  homes: Map<string, Args>;
  views: Set<string>;
  files: Map<string, { filename: string; length: number }>;
  members: Map<string, string[]>;
  roles: Map<string, { admin?: boolean; owner?: boolean }>;
}

/** An argument (or any of several) that must be present, and the error Slack gives without it. */
type Required = [name: string | string[], error: string];

interface MethodSpec {
  scope: string;
  required?: Required[];
  respond?: (args: Args, state: State) => Args;
}

const W = FAKE_WORKSPACE;
const CHANNEL: Required = ['channel', 'channel_not_found'];
const TEXT: Required = [['text', 'blocks', 'attachments', 'markdown_text'], 'no_text'];
const TS: Required = ['ts', 'message_not_found'];
const invalid = (name: string | string[]): Required => [name, 'invalid_arguments'];
/** Scopes the fake bot was "installed" with (the manifest's bot scopes); sent as x-oauth-scopes. */
const BOT_SCOPES =
  'app_mentions:read,assistant:write,channels:history,channels:read,groups:history,groups:read,im:history,im:read,im:write,chat:write,chat:write.public,commands,files:write,users:read,users:read.email';

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** Increasing unique message timestamps like 1700000000.000100. */
function nextTs(state: State): string {
  state.seq += 1;
  const micros = state.seq * 100;
  return `${1_700_000_000 + Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

function nextId(state: State, prefix: string): string {
  state.seq += 1;
  return `${prefix}0${String(state.seq).padStart(8, '0')}`;
}

function knownMessage(state: State, ts: unknown): string {
  const key = str(ts);
  if (!state.messages.has(key)) throw new SlackErrorCode('message_not_found');
  return key;
}

function messageEcho(args: Args, ts: string): Args {
  const echo: Args = { type: 'message', user: W.botUserId, bot_id: W.botId, app_id: W.appId, team: W.teamId };
  for (const key of ['text', 'blocks', 'attachments', 'thread_ts', 'metadata'] as const) {
    if (args[key] !== undefined) echo[key] = args[key];
  }
  return { ...echo, ts };
}

function post(args: Args, state: State): Args {
  const ts = nextTs(state);
  state.messages.add(ts);
  // A user id as channel posts in the app's DM with them; Slack answers with the DM's id.
  const channel = str(args.channel).startsWith('U') ? `D${str(args.channel).slice(1)}` : args.channel;
  return { channel, ts, message: messageEcho(args, ts) };
}

const CHUNK_TYPES = new Set(['markdown_text', 'task_update', 'plan_update', 'blocks']);
const TASK_STATUSES = new Set(['pending', 'in_progress', 'complete', 'error']);
const BLOCK_TYPES = new Set([
  'section',
  'context',
  'actions',
  'context_actions',
  'divider',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'table',
  'file',
]);

/** Chunks as Slack checks them (REFERENCE 2.7): known types, task fields, text ≤ 12,000. */
function checkChunks(chunks: unknown): Args[] {
  if (chunks === undefined) return [];
  if (!Array.isArray(chunks) || chunks.length > 50) throw new SlackErrorCode('invalid_chunks');
  for (const chunk of chunks as Args[]) {
    if (!CHUNK_TYPES.has(str(chunk?.type))) throw new SlackErrorCode('invalid_chunks');
    if (chunk.type === 'markdown_text' && (typeof chunk.text !== 'string' || chunk.text.length > 12_000))
      throw new SlackErrorCode('invalid_chunks');
    if (chunk.type === 'task_update') {
      const ok = present(chunk.id) && present(chunk.title) && TASK_STATUSES.has(str(chunk.status));
      if (!ok || str(chunk.title).length > 256) throw new SlackErrorCode('invalid_chunks');
    }
  }
  return chunks as Args[];
}

/**
 * Blocks as Slack checks them, in part: ≤ 50 known block types; an image shows a URL or a file
 * the fake has seen uploaded; a context_actions block holds 1–5 feedback or icon buttons.
 */
function checkBlocks(blocks: unknown, state: State): void {
  if (blocks === undefined || blocks === '') return;
  if (!Array.isArray(blocks) || blocks.length > 50) throw new SlackErrorCode('invalid_blocks');
  for (const block of blocks as Args[]) {
    if (!BLOCK_TYPES.has(str(block?.type))) throw new SlackErrorCode('invalid_blocks');
    if (block.type === 'image') {
      const file = (block.slack_file as Args | undefined)?.id;
      if (!block.image_url && !(file && state.files.has(str(file))))
        throw new SlackErrorCode('invalid_blocks');
    }
    if (block.type === 'context_actions') {
      const elements = Array.isArray(block.elements) ? (block.elements as Args[]) : [];
      const allowed = elements.every((e) => e.type === 'feedback_buttons' || e.type === 'icon_button');
      if (elements.length === 0 || elements.length > 5 || !allowed)
        throw new SlackErrorCode('invalid_blocks');
    }
  }
}

function startStream(args: Args, state: State): Args {
  // Streams outside DMs must sit in a thread and name their recipient (REFERENCE 2.7).
  if (!str(args.channel).startsWith('D')) {
    if (!args.thread_ts) throw new SlackErrorCode('invalid_thread_ts');
    if (!args.recipient_user_id) throw new SlackErrorCode('missing_recipient_user_id');
    if (!args.recipient_team_id) throw new SlackErrorCode('missing_recipient_team_id');
  }
  const chunks = checkChunks(args.chunks);
  if (str(args.markdown_text).length > 12_000) throw new SlackErrorCode('msg_too_long');
  const ts = nextTs(state);
  state.messages.add(ts);
  state.streams.set(ts, 'streaming');
  state.streamed.set(ts, {
    channel: str(args.channel),
    ts,
    threadTs: str(args.thread_ts),
    chunks: [...chunks],
    text: str(args.markdown_text),
    blocks: null,
  });
  return { channel: args.channel, ts };
}

function streamStep(stop: boolean) {
  return (args: Args, state: State): Args => {
    const ts = knownMessage(state, args.ts);
    if (state.streams.get(ts) !== 'streaming') throw new SlackErrorCode('message_not_in_streaming_state');
    const chunks = checkChunks(args.chunks);
    if (str(args.markdown_text).length > 12_000) throw new SlackErrorCode('msg_too_long');
    if (stop) checkBlocks(args.blocks, state);
    const seen = state.streamed.get(ts);
    if (seen) {
      seen.chunks.push(...chunks);
      seen.text +=
        str(args.markdown_text) +
        chunks
          .filter((c) => c.type === 'markdown_text')
          .map((c) => str(c.text))
          .join('');
      if (stop) seen.blocks = Array.isArray(args.blocks) ? (args.blocks as Args[]) : [];
    }
    if (stop) state.streams.set(ts, 'stopped');
    return { channel: args.channel, ts };
  };
}

function publishHome(args: Args, state: State): Args {
  const spec = typeof args.view === 'object' && args.view !== null ? (args.view as Args) : {};
  if (spec.type !== 'home') throw new SlackErrorCode('invalid_arguments');
  checkBlocks(spec.blocks, state);
  state.homes.set(str(args.user_id), spec);
  return view(args, state, nextId(state, 'V'));
}

/** Up to four prompts, each with a title and a message (REFERENCE 2.9). */
function suggestedPrompts(args: Args): Args {
  const prompts = Array.isArray(args.prompts) ? (args.prompts as Args[]) : [];
  const ok =
    prompts.length >= 1 &&
    prompts.length <= 4 &&
    prompts.every((p) => present(p.title) && present(p.message));
  if (!ok) throw new SlackErrorCode('invalid_arguments');
  return {};
}

function view(args: Args, state: State, id: string): Args {
  const spec = typeof args.view === 'object' && args.view !== null ? (args.view as Args) : {};
  state.views.add(id);
  return {
    view: {
      id,
      team_id: W.teamId,
      app_id: W.appId,
      bot_id: W.botId,
      state: { values: {} },
      hash: `${Date.now()}.fakehash`,
      root_view_id: id,
      previous_view_id: null,
      private_metadata: '',
      ...spec,
    },
  };
}

function uploadUrl(args: Args, state: State): Args {
  const length = Number(args.length);
  if (!Number.isInteger(length) || length <= 0) throw new SlackErrorCode('invalid_arguments');
  const fileId = nextId(state, 'F');
  state.files.set(fileId, { filename: str(args.filename), length });
  return { upload_url: `${state.origin}/upload/${fileId}`, file_id: fileId };
}

function completeUpload(args: Args, state: State): Args {
  if (!Array.isArray(args.files) || args.files.length === 0) throw new SlackErrorCode('invalid_arguments');
  const files = (args.files as Args[]).map((entry) => {
    const id = str(entry.id);
    const known = state.files.get(id);
    if (!known) throw new SlackErrorCode('file_not_found');
    const png = known.filename.toLowerCase().endsWith('.png');
    return {
      id,
      created: Math.floor(Date.now() / 1000),
      name: known.filename,
      title: entry.title ?? known.filename,
      mimetype: png ? 'image/png' : 'application/octet-stream',
      filetype: png ? 'png' : 'binary',
      user: W.botUserId,
      size: known.length,
      is_public: false,
      url_private: `${state.origin}/files-pri/${W.teamId}-${id}/${known.filename}`,
      permalink: `https://${W.teamDomain}.slack.com/files/${W.botUserId}/${id}/${known.filename}`,
    };
  });
  return { files };
}

function conversation(args: Args): Args {
  const id = str(args.channel);
  const im = id.startsWith('D');
  const name = id === W.channelId ? W.channelName : `channel-${id.toLowerCase()}`;
  return {
    channel: {
      id,
      ...(im ? { user: W.userId } : { name, name_normalized: name }),
      is_channel: id.startsWith('C'),
      is_group: false,
      is_im: im,
      is_private: !id.startsWith('C'),
      is_member: true,
      is_archived: false,
      created: 1_690_000_000,
      context_team_id: W.teamId,
    },
  };
}

/** One page of a channel's members; `cursor` is the offset of the next page. */
function members(args: Args, state: State): Args {
  const all = state.members.get(str(args.channel)) ?? [W.userId, W.botUserId];
  const limit = Math.max(1, Math.min(Number(args.limit) || 100, 1000));
  const offset = Number(str(args.cursor) || '0');
  const next = offset + limit < all.length ? String(offset + limit) : '';
  return { members: all.slice(offset, offset + limit), response_metadata: { next_cursor: next } };
}

function user(args: Args, state: State): Args {
  const id = str(args.user);
  const bot = id === W.botUserId;
  const roles = state.roles.get(id) ?? {};
  const name = id === W.userId ? W.userName : bot ? W.botName : `user-${id.toLowerCase()}`;
  return {
    user: {
      id,
      team_id: W.teamId,
      name,
      real_name: name,
      deleted: false,
      is_bot: bot,
      is_admin: roles.admin === true || roles.owner === true,
      is_owner: roles.owner === true,
      tz: 'Europe/Amsterdam',
      tz_offset: 3600,
      profile: {
        real_name: name,
        display_name: name,
        ...(bot ? { bot_id: W.botId } : { email: `${name}@example.com` }),
      },
    },
  };
}

/** The Web API surface Scout uses. Unlisted methods answer `unknown_method`. */
const METHODS: Record<string, MethodSpec> = {
  'auth.test': {
    scope: '',
    respond: () => ({
      url: `https://${W.teamDomain}.slack.com/`,
      team: W.teamName,
      user: W.botName,
      team_id: W.teamId,
      user_id: W.botUserId,
      bot_id: W.botId,
      is_enterprise_install: false,
    }),
  },
  'chat.postMessage': {
    scope: 'chat:write',
    required: [CHANNEL, TEXT],
    respond: (args, state) => {
      checkBlocks(args.blocks, state);
      return post(args, state);
    },
  },
  'chat.update': {
    scope: 'chat:write',
    required: [CHANNEL, TS, TEXT],
    respond: (args, state) => {
      const ts = knownMessage(state, args.ts);
      return { channel: args.channel, ts, text: str(args.text), message: messageEcho(args, ts) };
    },
  },
  'chat.postEphemeral': {
    scope: 'chat:write',
    required: [CHANNEL, ['user', 'user_not_found'], TEXT],
    respond: (_args, state) => ({ message_ts: nextTs(state) }),
  },
  'chat.delete': {
    scope: 'chat:write',
    required: [CHANNEL, TS],
    respond: (args, state) => {
      const ts = knownMessage(state, args.ts);
      state.messages.delete(ts);
      return { channel: args.channel, ts };
    },
  },
  'chat.startStream': { scope: 'chat:write', required: [CHANNEL], respond: startStream },
  'chat.appendStream': {
    scope: 'chat:write',
    required: [CHANNEL, TS, [['markdown_text', 'chunks'], 'no_text']],
    respond: streamStep(false),
  },
  'chat.stopStream': { scope: 'chat:write', required: [CHANNEL, TS], respond: streamStep(true) },
  'files.getUploadURLExternal': {
    scope: 'files:write',
    required: [invalid('filename'), invalid('length')],
    respond: uploadUrl,
  },
  'files.completeUploadExternal': {
    scope: 'files:write',
    required: [invalid('files')],
    respond: completeUpload,
  },
  'views.open': {
    scope: '',
    required: [invalid('trigger_id'), invalid('view')],
    respond: (args, state) => view(args, state, nextId(state, 'V')),
  },
  'views.push': {
    scope: '',
    required: [invalid('trigger_id'), invalid('view')],
    respond: (args, state) => view(args, state, nextId(state, 'V')),
  },
  'views.update': {
    scope: '',
    required: [invalid('view'), invalid(['view_id', 'external_id'])],
    respond: (args, state) => {
      const id = str(args.view_id);
      if (id && !state.views.has(id)) throw new SlackErrorCode('not_found');
      return view(args, state, id || nextId(state, 'V'));
    },
  },
  'assistant.threads.setStatus': {
    scope: 'assistant:write',
    required: [['channel_id', 'channel_not_found'], invalid('thread_ts')],
    respond: (args) => {
      const loading = args.loading_messages;
      if (loading !== undefined && (!Array.isArray(loading) || loading.length > 10))
        throw new SlackErrorCode('invalid_arguments');
      return {};
    },
  },
  'assistant.threads.setSuggestedPrompts': {
    scope: 'assistant:write',
    required: [['channel_id', 'channel_not_found'], invalid('prompts')],
    respond: suggestedPrompts,
  },
  'assistant.threads.setTitle': {
    scope: 'assistant:write',
    required: [['channel_id', 'channel_not_found'], invalid('thread_ts'), invalid('title')],
  },
  'views.publish': {
    scope: '',
    required: [['user_id', 'user_not_found'], invalid('view')],
    respond: publishHome,
  },
  'conversations.info': { scope: 'channels:read', required: [CHANNEL], respond: conversation },
  'conversations.members': { scope: 'channels:read', required: [CHANNEL], respond: members },
  'users.info': { scope: 'users:read', required: [['user', 'user_not_found']], respond: user },
};

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Free-text fields stay strings even when they look like JSON. */
const TEXT_FIELDS = new Set([
  'text',
  'markdown_text',
  'status',
  'title',
  'initial_comment',
  'alt_text',
  'filename',
]);

function decodeFormValue(key: string, value: string): unknown {
  if (TEXT_FIELDS.has(key) || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Multipart via the platform's own parser (undici), so boundaries are handled like a real server. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<Args> {
  const form = await new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  }).formData();
  const args: Args = {};
  for (const [key, value] of form.entries()) {
    args[key] =
      typeof value === 'string' ? decodeFormValue(key, value) : Buffer.from(await value.arrayBuffer());
  }
  return args;
}

async function parseArgs(req: IncomingMessage, raw: Buffer, query: URLSearchParams): Promise<Args> {
  const contentType = req.headers['content-type'] ?? '';
  const args: Args = {};
  for (const [key, value] of query) args[key] = decodeFormValue(key, value);
  if (raw.length === 0) return args;
  if (contentType.startsWith('application/json'))
    return { ...args, ...(JSON.parse(raw.toString('utf8')) as Args) };
  if (contentType.startsWith('multipart/form-data'))
    return { ...args, ...(await parseMultipart(raw, contentType)) };
  for (const [key, value] of new URLSearchParams(raw.toString('utf8')))
    args[key] = decodeFormValue(key, value);
  return args;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: Args,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Writes an injected failure and returns the error code to record. */
function sendFailure(res: ServerResponse, failure: FakeFailure): string {
  if ('error' in failure) {
    sendJson(res, 200, { ok: false, error: failure.error });
    return failure.error;
  }
  if (failure.status === 429) {
    sendJson(
      res,
      429,
      { ok: false, error: 'ratelimited' },
      { 'retry-after': String(failure.retryAfterSeconds) },
    );
    return 'ratelimited';
  }
  res.writeHead(failure.status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`fake slack: injected HTTP ${failure.status}`);
  return `http_${failure.status}`;
}

/** Answers a Web API method: auth, required arguments, then the method's handler. */
function answer(
  method: string,
  args: Args,
  token: string | null,
  botToken: string | undefined,
  state: State,
) {
  const spec = METHODS[method];
  if (!spec) return { body: { ok: false, error: 'unknown_method' } };
  const headers = { 'x-oauth-scopes': BOT_SCOPES, 'x-accepted-oauth-scopes': spec.scope };
  if (!token) return { body: { ok: false, error: 'not_authed' }, headers };
  const valid = botToken === undefined ? /^xox[a-z]-/.test(token) : token === botToken;
  if (!valid) return { body: { ok: false, error: 'invalid_auth' }, headers };
  for (const [names, error] of spec.required ?? []) {
    const any = (Array.isArray(names) ? names : [names]).some((name) => present(args[name]));
    if (!any) return { body: { ok: false, error }, headers };
  }
  try {
    return { body: { ok: true, ...(spec.respond?.(args, state) ?? {}) }, headers };
  } catch (error) {
    if (error instanceof SlackErrorCode) return { body: { ok: false, error: error.message }, headers };
    throw error;
  }
}

function describeCall(call: RecordedCall): string {
  const args = JSON.stringify(call.args);
  const shown = args.length > 160 ? `${args.slice(0, 160)}…` : args;
  return `${call.method} ${shown} -> ${call.error ?? 'ok'}`;
}

export async function startFakeSlack(options: { botToken?: string } = {}): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const uploads: FakeUpload[] = [];
  const responses: { id: string; body: Record<string, unknown> }[] = [];
  const failures = new Map<string, { failure: FakeFailure; left: number }[]>();
  const state: State = {
    origin: '',
    seq: 0,
    messages: new Set(),
    streams: new Map(),
    streamed: new Map(),
    homes: new Map(),
    views: new Set(),
    files: new Map(),
    members: new Map(),
    roles: new Map(),
  };

  const holds = new Map<string, { waiting: number; released: Promise<void> }>();

  const takeFailure = (key: string): FakeFailure | undefined => {
    const queue = failures.get(key);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.left -= 1;
    if (head.left <= 0) queue.shift();
    return head.failure;
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL, method: string) => {
    const args = await parseArgs(req, await readBody(req), url.searchParams);
    const hold = holds.get(method);
    if (hold) {
      hold.waiting += 1;
      await hold.released;
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof args.token === 'string' ? args.token : null);
    delete args.token;
    const call: RecordedCall = {
      method,
      args,
      token,
      at: Date.now(),
      status: 200,
      error: null,
      response: null,
    };
    calls.push(call);
    const failure = takeFailure(method);
    if (failure) {
      call.error = sendFailure(res, failure);
      call.status = 'status' in failure ? failure.status : 200;
      return;
    }
    const { body, headers } = answer(method, args, token, options.botToken, state);
    call.error = body.ok ? null : str(body.error);
    call.response = body;
    sendJson(res, 200, body, headers);
  };

  const handleUpload = async (req: IncomingMessage, res: ServerResponse, fileId: string) => {
    const raw = await readBody(req);
    const failure = takeFailure('upload');
    if (failure) return void sendFailure(res, failure);
    const known = state.files.get(fileId);
    if (!known) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('file not found');
    }
    // The WebClient sends the bytes as a multipart field named `body`; plain bodies are accepted too.
    const contentType = req.headers['content-type'] ?? '';
    let bytes = raw;
    if (contentType.startsWith('multipart/form-data')) {
      const parts = Object.values(await parseMultipart(raw, contentType));
      bytes = parts.find((part): part is Buffer => Buffer.isBuffer(part)) ?? Buffer.alloc(0);
    }
    uploads.push({ fileId, filename: known.filename, bytes });
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`OK - ${bytes.length}`);
  };

  const handleResponseUrl = async (req: IncomingMessage, res: ServerResponse, id: string) => {
    const raw = await readBody(req);
    const failure = takeFailure('response_url');
    if (failure) return void sendFailure(res, failure);
    const args = await parseArgs(req, raw, new URLSearchParams());
    const payload = typeof args.payload === 'object' && args.payload !== null ? (args.payload as Args) : args;
    responses.push({ id, body: payload });
    sendJson(res, 200, { ok: true });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', state.origin);
    const [, area, name = ''] = url.pathname.split('/');
    const route =
      area === 'api'
        ? handleApi(req, res, url, name)
        : area === 'upload'
          ? handleUpload(req, res, name)
          : area === 'response'
            ? handleResponseUrl(req, res, name)
            : Promise.resolve(void sendJson(res, 404, { ok: false, error: 'not_found' }));
    route.catch((error: unknown) => {
      // A bug in the fake itself: make it loud rather than a hanging request.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake slack crashed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let responseSeq = 0;

  return {
    url: `${state.origin}/api/`,
    streams: () => [...state.streamed.values()],
    home: (userId) => state.homes.get(userId),
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    uploads,
    responseUrl: (id) => {
      responseSeq += 1;
      return `${state.origin}/response/${id ?? `R${String(responseSeq).padStart(4, '0')}`}`;
    },
    responses,
    hold: (method) => {
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.set(method, { waiting: 0, released });
      return () => {
        holds.delete(method);
        release();
      };
    },
    held: (method) => holds.get(method)?.waiting ?? 0,
    setChannelMembers: (channel, users) => {
      state.members.set(channel, [...users]);
    },
    setUserRoles: (userId, roles) => {
      state.roles.set(userId, roles);
    },
    failNext: (method, failure, times = 1) => {
      const queue = failures.get(method) ?? [];
      queue.push({ failure, left: times });
      failures.set(method, queue);
    },
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          const seen = calls.map((call, i) => `  ${i + 1}. ${describeCall(call)}`).join('\n') || '  (none)';
          throw new Error(`fake slack: condition not met within ${timeoutMs} ms; calls seen:\n${seen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset: () => {
      // Arrays are emptied in place so references held by tests stay live; `seq` keeps ts unique.
      calls.length = 0;
      uploads.length = 0;
      responses.length = 0;
      failures.clear();
      state.messages.clear();
      state.streams.clear();
      state.streamed.clear();
      state.homes.clear();
      state.views.clear();
      state.files.clear();
      state.members.clear();
      state.roles.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
