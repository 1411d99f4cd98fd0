import type { AnswerRecord } from './answer-record.ts';

/**
 * The LLMOps controls of an answer in a few short lines, for `scout why` and `/scout why`: which
 * guardrail checks ran and what fired, the cache, and the budget state.
 */
export function controlLines(record: AnswerRecord): string[] {
  const lines: string[] = [];
  const decisions = record.guardrailDecisions ?? [];
  if (decisions.length > 0) {
    const checks = [...new Set(decisions.map((d) => `${d.stage} ${d.check}`))];
    const fired = decisions
      .filter((d) => d.fired)
      .map((d) => `${d.stage} ${d.check}${d.detail ? ` (${d.detail})` : ''}`);
    lines.push(
      `guardrails: ${checks.join(', ')}; fired: ${fired.length > 0 ? [...new Set(fired)].join(', ') : 'none'}`,
    );
  }
  if (record.cache) {
    const prompt = record.cache.promptCache;
    const promptText =
      prompt && prompt.calls > 0
        ? ` · prompt cache: ${prompt.reads} of ${prompt.calls} calls read, ${prompt.writes} wrote`
        : '';
    lines.push(`cache: ${record.cache.status}${promptText}`);
  }
  const budget = record.budget;
  if (budget && budget.state !== 'none') {
    const scopes = budget.scopes
      .map((s) => `${s.scope} $${s.remainingUsd.toFixed(4)} of $${s.limitUsd.toFixed(2)} left`)
      .join('; ');
    lines.push(
      `budget: ${budget.state} · held $${budget.reservedUsd.toFixed(4)}, settled $${budget.settledUsd.toFixed(4)}${scopes ? ` · ${scopes}` : ''}`,
    );
  }
  return lines;
}
