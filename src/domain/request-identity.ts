import { createHash } from 'node:crypto';

/**
 * Which requests are the same request delivered twice. Slack delivers at least once, and a
 * redelivered slash command repeats every field of the first one.
 */

export interface CommandFields {
  team_id?: string | undefined;
  channel_id: string;
  user_id: string;
  command: string;
  text: string;
  response_url?: string | undefined;
  trigger_id?: string | undefined;
}

export interface DedupeClaim {
  key: string;
  ttlSeconds: number;
}

/** How long a claim on one delivery lasts (Slack's last retry comes about 5 minutes after the first). */
export const DELIVERY_DEDUPE_SECONDS = 3600;
/**
 * Without a trigger id or a response_url nothing tells two identical commands apart, so the
 * claim lasts only as long as a redelivery could take to arrive: the same question typed again
 * a minute later is answered again.
 */
export const BODY_ONLY_DEDUPE_SECONDS = 60;

/**
 * The dedupe claim of a slash command: its trigger id when Slack sent one, else a hash of the
 * fields that identify the invocation (the response_url is unique to it when present).
 */
export function commandDedupeClaim(fields: CommandFields): DedupeClaim {
  if (fields.trigger_id) return { key: `command:${fields.trigger_id}`, ttlSeconds: DELIVERY_DEDUPE_SECONDS };
  const identity = [
    fields.team_id ?? '',
    fields.channel_id,
    fields.user_id,
    fields.command,
    fields.text,
    fields.response_url ?? '',
  ];
  // Hashed: the key must not carry the question's text into Redis.
  const hash = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
  return {
    key: `command:body:${hash}`,
    ttlSeconds: fields.response_url ? DELIVERY_DEDUPE_SECONDS : BODY_ONLY_DEDUPE_SECONDS,
  };
}
