import { createHmac } from 'node:crypto';
import { FAKE_WORKSPACE as W } from './fake-slack.ts';

/**
 * Signs and sends requests to the app's HTTP receiver exactly as Slack does (v0 signatures,
 * form bodies for commands and interactivity, JSON for events), plus payload builders with
 * defaults that match the fake workspace in fake-slack.ts.
 */

export type SlackContentType = 'application/json' | 'application/x-www-form-urlencoded';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  /** Exactly these strings: Bolt compares the header with `===`, so a `; charset=` suffix breaks form parsing. */
  'content-type': SlackContentType;
}

export function signSlackRequest(
  body: string,
  signingSecret: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const hash = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return {
    'x-slack-signature': `v0=${hash}`,
    'x-slack-request-timestamp': String(timestampSeconds),
    'content-type': body.trimStart().startsWith('{')
      ? 'application/json'
      : 'application/x-www-form-urlencoded',
  };
}

/** A loopback address that refuses connections: the default response_url when a test does not pass one. */
const DEAD_RESPONSE_URL = 'http://127.0.0.1:9/response/unset';

export type SlashCommandFields = {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
};

/** Any JSON payload with a `type` (event envelopes, url_verification, interactive payloads). */
export type SlackPayload = { type: string } & Record<string, unknown>;

export type EventCallback = SlackPayload & {
  type: 'event_callback';
  event: SlackPayload;
  event_id: string;
  event_time: number;
  team_id: string;
  api_app_id: string;
  authorizations: {
    enterprise_id: string | null;
    team_id: string;
    user_id: string;
    is_bot: boolean;
    is_enterprise_install: boolean;
  }[];
};

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};
const nowSeconds = () => Math.floor(Date.now() / 1000);
const triggerId = () => `${nowSeconds()}.${next()}.fake${sequence.toString(16).padStart(6, '0')}`;
const user = (id: string) => ({
  id,
  username: id === W.userId ? W.userName : id.toLowerCase(),
  name: id === W.userId ? W.userName : id.toLowerCase(),
  team_id: W.teamId,
});
const team = { id: W.teamId, domain: W.teamDomain };

export function slashCommand(fields: Partial<SlashCommandFields> = {}): SlashCommandFields {
  return {
    token: 'legacy-verification-token',
    team_id: W.teamId,
    team_domain: W.teamDomain,
    channel_id: W.channelId,
    channel_name: W.channelName,
    user_id: W.userId,
    user_name: W.userName,
    command: '/ask',
    text: '',
    api_app_id: W.appId,
    is_enterprise_install: 'false',
    response_url: DEAD_RESPONSE_URL,
    trigger_id: triggerId(),
    ...fields,
  };
}

/** Wraps an event as Slack's Events API delivers it; `event_ts` defaults to the event's `ts`. */
export function eventCallback(event: SlackPayload, envelope: Partial<EventCallback> = {}): EventCallback {
  const eventTs = event.event_ts ?? event.ts ?? `${nowSeconds()}.000000`;
  return {
    token: 'legacy-verification-token',
    team_id: W.teamId,
    context_team_id: W.teamId,
    context_enterprise_id: null,
    api_app_id: W.appId,
    type: 'event_callback',
    event_id: `Ev0FAKE${String(next()).padStart(6, '0')}`,
    event_time: nowSeconds(),
    authorizations: [
      {
        enterprise_id: null,
        team_id: W.teamId,
        user_id: W.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-fake-${sequence}`,
    ...envelope,
    event: { ...event, event_ts: eventTs },
  };
}

export interface BlockActionFields {
  action_id: string;
  value?: string;
  block_id?: string;
  /** The element type: 'button' by default, 'feedback_buttons' for feedback. */
  action_type?: string;
  user_id?: string;
  channel_id?: string;
  message_ts?: string;
  thread_ts?: string;
  response_url?: string;
  trigger_id?: string;
  message?: Record<string, unknown>;
}

export function blockAction(fields: BlockActionFields): SlackPayload {
  const channelId = fields.channel_id ?? W.channelId;
  const messageTs = fields.message_ts ?? '1700000000.000100';
  const thread = fields.thread_ts ? { thread_ts: fields.thread_ts } : {};
  return {
    type: 'block_actions',
    user: user(fields.user_id ?? W.userId),
    api_app_id: W.appId,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: false,
      ...thread,
    },
    trigger_id: fields.trigger_id ?? triggerId(),
    team,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: channelId === W.channelId ? W.channelName : channelId.toLowerCase() },
    message: fields.message ?? {
      type: 'message',
      user: W.botUserId,
      bot_id: W.botId,
      app_id: W.appId,
      text: '',
      ts: messageTs,
      ...thread,
    },
    state: { values: {} },
    response_url: fields.response_url ?? DEAD_RESPONSE_URL,
    actions: [
      {
        type: fields.action_type ?? 'button',
        action_id: fields.action_id,
        block_id: fields.block_id ?? 'fake_block',
        value: fields.value,
        action_ts: `${nowSeconds()}.000001`,
      },
    ],
  };
}

/** A message shortcut (`type: message_action`) on a message in a channel. */
export function messageShortcut(fields: {
  callback_id: string;
  message?: Record<string, unknown>;
  user_id?: string;
  channel_id?: string;
  response_url?: string;
}): SlackPayload {
  const message = fields.message ?? {
    type: 'message',
    user: W.userId,
    text: 'hello',
    ts: '1700000000.000100',
  };
  const channelId = fields.channel_id ?? W.channelId;
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: `${nowSeconds()}.000001`,
    team,
    user: user(fields.user_id ?? W.userId),
    channel: { id: channelId, name: channelId === W.channelId ? W.channelName : channelId.toLowerCase() },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: fields.callback_id,
    trigger_id: triggerId(),
    response_url: fields.response_url ?? DEAD_RESPONSE_URL,
    message_ts: message.ts,
    message,
  };
}

/** A modal submission; `values` is `state.values` (block_id -> action_id -> element state). */
export function viewSubmission(fields: {
  callback_id: string;
  values?: Record<string, Record<string, unknown>>;
  private_metadata?: string;
  user_id?: string;
  view_id?: string;
  response_urls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}): SlackPayload {
  const viewId = fields.view_id ?? `V0FAKE${String(next()).padStart(4, '0')}`;
  return {
    type: 'view_submission',
    team,
    user: user(fields.user_id ?? W.userId),
    api_app_id: W.appId,
    token: 'legacy-verification-token',
    trigger_id: triggerId(),
    view: {
      id: viewId,
      team_id: W.teamId,
      type: 'modal',
      callback_id: fields.callback_id,
      private_metadata: fields.private_metadata ?? '',
      blocks: [],
      state: { values: fields.values ?? {} },
      hash: `${nowSeconds()}.fakehash`,
      root_view_id: viewId,
      previous_view_id: null,
      app_id: W.appId,
      bot_id: W.botId,
    },
    response_urls: fields.response_urls ?? [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export type SlackRequestKind = 'command' | 'event' | 'interactive';

interface PayloadByKind {
  command: SlashCommandFields;
  event: SlackPayload;
  interactive: SlackPayload;
}

export interface SendOptions {
  signingSecret: string;
  timestampSeconds?: number;
  /** Overrides the computed `x-slack-signature` (to test rejection). */
  signature?: string;
  /** Sent as `X-Slack-Retry-Num` / `X-Slack-Retry-Reason`, as on Slack's redeliveries. */
  retryNum?: number;
  retryReason?: string;
}

function serialize<K extends SlackRequestKind>(kind: K, payload: PayloadByKind[K]): string {
  if (kind === 'event') return JSON.stringify(payload);
  if (kind === 'interactive') return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return new URLSearchParams(Object.entries(payload as SlashCommandFields)).toString();
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function sendSlackRequest<K extends SlackRequestKind>(
  url: string,
  kind: K,
  payload: PayloadByKind[K],
  options: SendOptions,
): Promise<{ status: number; body: string; elapsedMs: number }> {
  // Tests must never reach a real host.
  if (!LOOPBACK.has(new URL(url).hostname))
    throw new Error(`sendSlackRequest: refusing non-loopback URL ${url}`);
  const body = serialize(kind, payload);
  const headers: Record<string, string> = {
    ...signSlackRequest(body, options.signingSecret, options.timestampSeconds),
  };
  if (options.signature !== undefined) headers['x-slack-signature'] = options.signature;
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text, elapsedMs: performance.now() - started };
}
