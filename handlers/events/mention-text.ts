/** Removes mentions of the bot ("<@U123> what was CTR") so only the question remains. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId
    ? text.replaceAll(`<@${botUserId}>`, ' ')
    : text.replace(/^\s*<@[A-Z0-9]+>/, ' ');
  return withoutBot.replace(/\s+/g, ' ').trim();
}

/** The event's team, else the envelope's (a stream outside a DM must name its recipient's team). */
export function teamOf(eventTeam: string | undefined, body: unknown): string | undefined {
  if (eventTeam) return eventTeam;
  const envelope = body as { team_id?: unknown };
  return typeof envelope.team_id === 'string' && envelope.team_id !== '' ? envelope.team_id : undefined;
}
