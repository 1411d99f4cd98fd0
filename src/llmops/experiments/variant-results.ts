import type { AnswerRecord } from '../../domain/answer-record.ts';
import type { ErrorCode } from '../../errors.ts';

/** One prompt variant's results over the answers it served (or shadowed). */
export interface VariantResult {
  /** `<task>@<version> (<label>)`. */
  variant: string;
  task: string;
  version: string;
  label: 'production' | 'canary' | 'shadow';
  answers: number;
  feedback_up: number;
  feedback_down: number;
  /** Answers a check refused: invalid model output, a figure not traced, a guardrail intervention. */
  verification_failures: number;
  cost_usd: number;
  latency_ms_p50: number;
  latency_ms_p95: number;
}

const VERIFICATION_CODES: readonly ErrorCode[] = [
  'llm_invalid_output',
  'pitch_incomplete',
  'guardrail_intervened',
];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Results by variant from answer records served under an experiment, on or after `since`: each
 * record counts once for every variant it names (a shadow record for its shadow variant). A
 * shadow has no feedback (nobody saw it); its cost is what the candidate would have cost.
 */
export function variantResults(records: readonly AnswerRecord[], since: string): VariantResult[] {
  const groups = new Map<string, { result: VariantResult; latencies: number[] }>();
  for (const record of records) {
    if (record.createdAt.slice(0, 10) < since) continue;
    for (const v of record.variants ?? []) {
      const variant = `${v.task}@${v.version} (${v.label})`;
      const group = groups.get(variant) ?? {
        result: {
          variant,
          ...v,
          answers: 0,
          feedback_up: 0,
          feedback_down: 0,
          verification_failures: 0,
          cost_usd: 0,
          latency_ms_p50: 0,
          latency_ms_p95: 0,
        },
        latencies: [],
      };
      const r = group.result;
      r.answers += 1;
      r.feedback_up += record.feedback.filter((f) => f.value === 'up').length;
      r.feedback_down += record.feedback.filter((f) => f.value === 'down').length;
      if (record.errorCode && VERIFICATION_CODES.includes(record.errorCode)) r.verification_failures += 1;
      r.cost_usd += record.costUsd;
      group.latencies.push(record.latencyMs);
      groups.set(variant, group);
    }
  }
  return [...groups.values()]
    .map(({ result, latencies }) => {
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        ...result,
        cost_usd: Math.round(result.cost_usd * 1e9) / 1e9,
        latency_ms_p50: Math.round(percentile(sorted, 50)),
        latency_ms_p95: Math.round(percentile(sorted, 95)),
      };
    })
    .sort((a, b) => a.task.localeCompare(b.task) || a.variant.localeCompare(b.variant));
}
