import type { Audience } from '../audience.ts';

/**
 * Who may see a knowledge-base document. `internal` (the default): every member of the
 * workspace. `restricted`: only a question asked in one of `channels`, or by one of `users`
 * where every reader of the answer is one of `users` too. Anything the front matter gets wrong
 * narrows access, never widens it: an unknown `access` value, or a list that is not a list of
 * Slack ids, leaves the document restricted to whatever valid ids remain (often nobody).
 */
export type KbAccess = { level: 'internal' } | { level: 'restricted'; channels: string[]; users: string[] };

export const INTERNAL_ACCESS: KbAccess = { level: 'internal' };

/** Conversation ids: public (C), private (G) or direct (D) conversations. */
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
/** User ids (W: Enterprise Grid). */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

export const isChannelId = (value: string): boolean => CHANNEL_ID.test(value);
export const isUserId = (value: string): boolean => USER_ID.test(value);

export interface AccessFields {
  access?: unknown;
  allowed_channels?: unknown;
  allowed_users?: unknown;
}

export interface AccessReading {
  access: KbAccess;
  /** What was wrong, for the ingest report; empty when the fields were well formed. */
  problems: string[];
}

function idList(raw: unknown, key: string, valid: (id: string) => boolean, problems: string[]): string[] {
  if (raw === undefined || raw === null) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const ids: string[] = [];
  for (const item of items) {
    const id = typeof item === 'string' ? item.trim().toUpperCase() : '';
    if (valid(id)) ids.push(id);
    else problems.push(`${key}: "${String(item)}" is not a Slack id; left out`);
  }
  return [...new Set(ids)];
}

/**
 * Reads the access fields of a document (front matter, HTML meta tags or Knowledge Base
 * metadata). `whenMissing` is what no `access` key means: `internal` for our own front matter
 * (the contract's default), `nobody` where the key is required (Knowledge Base metadata).
 */
export function readAccess(
  fields: AccessFields,
  whenMissing: 'internal' | 'nobody' = 'internal',
): AccessReading {
  const problems: string[] = [];
  const channels = idList(fields.allowed_channels, 'allowed_channels', isChannelId, problems);
  const users = idList(fields.allowed_users, 'allowed_users', isUserId, problems);
  const listed = fields.allowed_channels != null || fields.allowed_users != null;
  const raw = fields.access;
  const level = typeof raw === 'string' ? raw.trim().toLowerCase() : raw == null ? null : undefined;
  const restricted = (): KbAccess => ({ level: 'restricted', channels, users });

  if (level === 'restricted') {
    if (channels.length === 0 && users.length === 0)
      problems.push('access: restricted names no valid allowed_channels or allowed_users; nobody can see it');
    return { access: restricted(), problems };
  }
  if (level === 'internal' || (level === null && whenMissing === 'internal')) {
    if (!listed) return { access: INTERNAL_ACCESS, problems };
    // Lists of who may see it say the author meant to restrict it: the narrower reading wins.
    problems.push('allowed_channels / allowed_users without access: restricted; treated as restricted');
    return { access: restricted(), problems };
  }
  problems.push(
    level === null
      ? 'no access value; restricted to nobody'
      : `access "${String(raw)}" is neither internal nor restricted; restricted to nobody`,
  );
  return { access: { level: 'restricted', channels: [], users: [] }, problems };
}

/**
 * Whether every reader of an answer for `audience` may see a document with `access`. A channel
 * rule admits a question asked in that channel; a user rule admits a question whose asker and
 * every reader are allowed, which needs the readers to be known (a DM: the asker alone).
 */
export function mayRead(access: KbAccess, audience: Audience): boolean {
  if (access.level === 'internal') return true;
  if (audience.channel !== null && access.channels.includes(audience.channel)) return true;
  const { asker, readers } = audience;
  return (
    asker !== null &&
    access.users.includes(asker) &&
    readers !== null &&
    readers.length > 0 &&
    readers.every((reader) => access.users.includes(reader))
  );
}
