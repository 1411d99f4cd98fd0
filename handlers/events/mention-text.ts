/** Removes mentions of the bot ("<@U123> what was CTR") so only the question remains. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const withoutBot = botUserId
    ? text.replaceAll(`<@${botUserId}>`, ' ')
    : text.replace(/^\s*<@[A-Z0-9]+>/, ' ');
  return withoutBot.replace(/\s+/g, ' ').trim();
}
