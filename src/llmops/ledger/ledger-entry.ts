import type { LlmCallMeta } from '../../ports.ts';
import { costOfCall, type GuardrailPolicy, guardrailCostUsd, PRICE_TABLE_VERSION } from '../pricing.ts';

/**
 * One line of the cost ledger: one model call (or one question's guardrail assessments) with
 * who asked, where, which model, task and prompt version, and its tokens priced separately from
 * the versioned price table. Costs are whole nano-dollars so Redis adds them exactly.
 */

export const LEDGER_DIMENSIONS = ['user', 'channel', 'team', 'model', 'task', 'prompt'] as const;
export type LedgerDimension = (typeof LEDGER_DIMENSIONS)[number];

export interface Spender {
  user: string | null;
  channel: string | null;
  team: string | null;
}

export interface LedgerEntry {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  keys: Record<LedgerDimension, string>;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  guardrailUnits: number;
  /** Calls that read from Bedrock's prompt cache. */
  cacheHits: number;
  costNanoUsd: number;
  priceTableVersion: string;
}

export const NANO = 1_000_000_000;
export const toNano = (usd: number): number => Math.round(usd * NANO);

/** Shown for a dimension the request did not have (a CLI question has no user or team). */
const NONE = '(none)';

const spenderKeys = (who: Spender) => ({
  user: who.user ?? NONE,
  channel: who.channel ?? NONE,
  team: who.team ?? NONE,
});

/** The ledger line of one model call. Unknown models throw (pricing refuses to cost them at $0). */
export function entryForCall(call: LlmCallMeta, who: Spender, day: string): LedgerEntry {
  const cost = costOfCall({
    modelId: call.modelId,
    inputTokens: call.usage.inputTokens,
    outputTokens: call.usage.outputTokens,
    cacheReadTokens: call.usage.cacheReadTokens,
    cacheWriteTokens: call.usage.cacheWriteTokens,
  });
  return {
    day,
    keys: {
      ...spenderKeys(who),
      model: call.modelId,
      task: call.prompt.id,
      prompt: `${call.prompt.id}@${call.prompt.version}`,
    },
    calls: 1,
    inputTokens: call.usage.inputTokens,
    outputTokens: call.usage.outputTokens,
    cacheReadTokens: call.usage.cacheReadTokens,
    cacheWriteTokens: call.usage.cacheWriteTokens,
    guardrailUnits: 0,
    cacheHits: call.usage.cacheReadTokens > 0 ? 1 : 0,
    costNanoUsd: toNano(cost.usd),
    priceTableVersion: cost.priceTableVersion,
  };
}

/** The ledger line of a question's guardrail assessments (text units under each policy). */
export function entryForGuardrail(
  units: number,
  policies: readonly GuardrailPolicy[],
  who: Spender,
  day: string,
): LedgerEntry {
  return {
    day,
    keys: { ...spenderKeys(who), model: 'bedrock-guardrail', task: 'guardrail', prompt: NONE },
    calls: 1,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    guardrailUnits: units,
    cacheHits: 0,
    costNanoUsd: toNano(guardrailCostUsd(units, policies)),
    priceTableVersion: PRICE_TABLE_VERSION,
  };
}

/** One row of `scout usage`, summed over the days asked for. */
export interface UsageRow {
  key: string;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  cache_hits: number;
}

export interface BudgetReport {
  scope: string;
  limit_usd: number;
  spent_usd: number;
  state: 'ok' | 'warning' | 'blocked';
}
