import type { SuggestedPrompt } from '../ports.ts';

/** Prompts any user can start with: one of each kind of question Scout answers well. */
export const defaultPrompts: readonly SuggestedPrompt[] = [
  { title: 'Top brands by spend', message: 'top 5 brands by spend in Gaming last quarter' },
  { title: 'CTR by channel', message: 'CTR by channel this year vs last year' },
  { title: 'Where the money went', message: 'what share of spend went to CTV in 2025' },
  { title: 'Monthly ROAS', message: 'monthly ROAS by market in 2025' },
];

const MAX_PROMPTS = 4;

/** A title for a question: its first words, within Slack's short title. */
function titleOf(question: string): string {
  const words = question.replace(/\s+/g, ' ').trim();
  return words.length <= 40 ? words : `${words.slice(0, 39).trimEnd()}…`;
}

/**
 * Up to four prompts fitted to the user: their own recent answered questions first (again, once
 * each, newest first; at most two, so Scout still shows what else it can do), then the defaults.
 */
export function fitPrompts(recentQuestions: readonly string[]): SuggestedPrompt[] {
  const seen = new Set<string>();
  const own: SuggestedPrompt[] = [];
  for (const question of recentQuestions) {
    const key = question.trim().toLowerCase();
    if (key === '' || seen.has(key) || question.length > 300) continue;
    seen.add(key);
    own.push({ title: `Again: ${titleOf(question)}`, message: question.trim() });
    if (own.length === 2) break;
  }
  const rest = defaultPrompts.filter((p) => !seen.has(p.message.toLowerCase()));
  return [...own, ...rest].slice(0, MAX_PROMPTS);
}
