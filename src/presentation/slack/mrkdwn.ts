/**
 * Slack mrkdwn escaping. Only &, < and > are control characters: escaping them means a question
 * like "<!channel>" or "<https://evil|click>" shows as text instead of pinging or linking.
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Truncates to Slack's field limits, keeping the cut visible. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Inline code that cannot be broken out of: backticks inside become look-alikes. */
export function codeBlock(text: string, max = 2800): string {
  return `\`\`\`${truncate(escapeMrkdwn(text).replaceAll('```', 'ˋˋˋ'), max)}\`\`\``;
}
