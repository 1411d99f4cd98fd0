/**
 * Who will read an answer: who asked, where it is posted, and who can read there. Built once per
 * request where the request arrives (Slack handler, report job, CLI) and passed down to the
 * retriever, which admits restricted documents only for an audience every member of which may
 * see them. Unknown is never widened: `readers: null` means "we do not know who reads here".
 */
export interface Audience {
  /** The Slack user who asked; null when nobody in particular (CLI, eval, a job without one). */
  asker: string | null;
  /** The conversation the answer is posted in; null for a direct message with Scout or no channel. */
  channel: string | null;
  /** Everyone who can read the answer where it is posted; null when unknown (a channel's members). */
  readers: readonly string[] | null;
}

/** Nobody in particular, nowhere in particular: sees internal documents only. */
export function workspaceAudience(): Audience {
  return { asker: null, channel: null, readers: null };
}

/** A direct message with Scout: the asker is its only reader. */
export function directMessageAudience(user: string): Audience {
  return { asker: user, channel: null, readers: [user] };
}

/** A channel (or a thread in it); `members` only when actually known, else the readers are unknown. */
export function channelAudience(
  channel: string,
  asker: string | null,
  members: readonly string[] | null = null,
): Audience {
  return { asker, channel, readers: members };
}

/**
 * The audience of a Slack request. Only a message event Slack marks as a DM (`channel_type: im`)
 * is known to be read by the asker alone; a slash command or an action in a `D…` conversation may
 * be a DM between two people, so it counts as a conversation whose readers are unknown.
 */
export function slackAudience(request: {
  user: string;
  channel: string;
  isDirectMessage: boolean;
}): Audience {
  return request.isDirectMessage
    ? directMessageAudience(request.user)
    : channelAudience(request.channel, request.user);
}

/** A stable key for caches keyed by audience. */
export function audienceKey(audience: Audience): string {
  const readers = audience.readers === null ? '?' : [...audience.readers].sort().join(',');
  return `${audience.asker ?? '-'}|${audience.channel ?? '-'}|${readers}`;
}
