import { z } from 'zod';
import { ScoutError } from '../errors.ts';

/**
 * Bedrock on-demand prices, us-east-1 (REFERENCE 3.10, source dated 2026-08-24; **confirm** on
 * aws.amazon.com/bedrock/pricing before a change). The table is immutable once released: a price
 * change is a new table version, and every cost record stores the version it was computed with,
 * so old records never change.
 */
export const PRICE_TABLE_VERSION = '2026-08-24';
/** First day (UTC) these prices apply to. */
export const PRICE_TABLE_EFFECTIVE_FROM = '2026-08-24';

/** USD per 1M tokens. A missing cache price means "not published": such tokens are refused. */
export interface ModelPrice {
  /** The id without region prefix or ARN, e.g. `anthropic.claude-sonnet-4-6`. */
  readonly baseId: string;
  readonly name: string;
  readonly input: number;
  readonly output: number;
  /** Cache write with the default 5-minute TTL. */
  readonly cacheWrite?: number;
  /** Cache write with the 1-hour TTL. */
  readonly cacheWrite1h?: number;
  readonly cacheRead?: number;
}

const MODEL_PRICES: readonly ModelPrice[] = Object.freeze([
  {
    baseId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    name: 'Claude Haiku 4.5',
    input: 1.0,
    output: 5.0,
    cacheWrite: 1.25,
    cacheWrite1h: 2.0,
    cacheRead: 0.1,
  },
  {
    baseId: 'anthropic.claude-sonnet-4-6',
    name: 'Claude Sonnet 4.6',
    input: 3.0,
    output: 15.0,
    cacheWrite: 3.75,
    cacheRead: 0.3,
  },
  // Cache prices for Sonnet 5 are not published in our source yet (REFERENCE 3.10 shows "—").
  { baseId: 'anthropic.claude-sonnet-5', name: 'Claude Sonnet 5', input: 2.0, output: 10.0 },
]);

/** Cross-region inference profiles prefix the base id with a geography. */
const REGION_PREFIX = /^(?:us|eu|apac|global)\./;
/** `arn:aws:bedrock:<region>:<account>:inference-profile/<id>` or `…::foundation-model/<id>`. */
const MODEL_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d*:(?:inference-profile|foundation-model)\/(.+)$/;

/**
 * The table's key for a model id: ARN and region prefix removed. Application inference profiles
 * (`…:application-inference-profile/<random>`) carry no model name, so they never match.
 */
export function baseModelId(modelId: string): string {
  const fromArn = MODEL_ARN.exec(modelId)?.[1] ?? modelId;
  return fromArn.replace(REGION_PREFIX, '');
}

/** The price entry for a model id, profile id or ARN; null when the table does not know it. */
export function findModelPrice(modelId: string): ModelPrice | null {
  const base = baseModelId(modelId);
  return MODEL_PRICES.find((price) => price.baseId === base) ?? null;
}

function unknownModel(modelId: string): ScoutError {
  const known = MODEL_PRICES.map((p) => p.baseId).join(', ');
  const message = `model ${modelId} is not in price table ${PRICE_TABLE_VERSION} (known: ${known}); refusing to call a model whose cost cannot be recorded`;
  return new ScoutError('config_invalid', message, { userMessage: message });
}

/** Start-up check for every configured model id; throws `config_invalid` for an unknown one. */
export function assertKnownModel(modelId: string): ModelPrice {
  const price = findModelPrice(modelId);
  if (!price) throw unknownModel(modelId);
  return price;
}

const tokens = z.number().int().nonnegative();
const callUsageSchema = z.object({
  modelId: z.string().min(1),
  inputTokens: tokens,
  outputTokens: tokens,
  cacheReadTokens: tokens.default(0),
  cacheWriteTokens: tokens.default(0),
  /** Which cache-write price applies; Bedrock's default cache point TTL is 5 minutes. */
  cacheWriteTtl: z.enum(['5m', '1h']).default('5m'),
});

export type CallUsage = z.input<typeof callUsageSchema>;

export interface CallCost {
  usd: number;
  priceTableVersion: string;
}

/**
 * Prices as whole units of $0.0001 per 1M tokens, so the sum is exact integer arithmetic and
 * one division at the end gives the nearest double (no 0.1 + 0.2 drift across many calls).
 */
const SCALE = 10_000;
const scaled = (usdPerMTok: number): number => Math.round(usdPerMTok * SCALE);

/**
 * USD for one model call, from token counts as Bedrock's `usage` reports them (for Anthropic
 * models `inputTokens` excludes the cache reads and writes, which are billed at their own prices). Unknown model, or cache tokens the table has no price for, throw
 * `config_invalid`: a $0 cost would silently hide spend (REFERENCE 9).
 */
export function costOfCall(usage: CallUsage): CallCost {
  const parsed = callUsageSchema.safeParse(usage);
  if (!parsed.success) {
    throw new ScoutError('internal', `invalid model usage for costing: ${parsed.error.message}`);
  }
  const u = parsed.data;
  const price = findModelPrice(u.modelId);
  if (!price) throw unknownModel(u.modelId);

  const writePrice = u.cacheWriteTtl === '1h' ? price.cacheWrite1h : price.cacheWrite;
  if (u.cacheWriteTokens > 0 && writePrice === undefined) {
    throw new ScoutError(
      'config_invalid',
      `price table ${PRICE_TABLE_VERSION} has no ${u.cacheWriteTtl} cache-write price for ${price.name}`,
    );
  }
  if (u.cacheReadTokens > 0 && price.cacheRead === undefined) {
    throw new ScoutError(
      'config_invalid',
      `price table ${PRICE_TABLE_VERSION} has no cache-read price for ${price.name}`,
    );
  }
  const units =
    u.inputTokens * scaled(price.input) +
    u.outputTokens * scaled(price.output) +
    u.cacheWriteTokens * scaled(writePrice ?? 0) +
    u.cacheReadTokens * scaled(price.cacheRead ?? 0);
  return { usd: units / (SCALE * 1_000_000), priceTableVersion: PRICE_TABLE_VERSION };
}

/** Bedrock Guardrails policies; word filters and regexes are free. */
export type GuardrailPolicy = 'content' | 'topic' | 'grounding' | 'pii' | 'word' | 'regex';

/** USD per 1,000 text units (REFERENCE 3.10, second-hand source: **confirm**). */
const GUARDRAIL_PRICE_PER_1K_UNITS: Record<GuardrailPolicy, number> = {
  content: 0.15,
  topic: 0.15,
  grounding: 0.1,
  pii: 0.1,
  word: 0,
  regex: 0,
};

const TEXT_UNIT_CHARS = 1_000;

/** Text units Bedrock Guardrails bills for a text: one per started 1,000 characters. */
export function guardrailTextUnits(text: string): number {
  // Characters, not UTF-16 code units: an emoji counts once.
  let chars = 0;
  for (const _ of text) chars++;
  return Math.ceil(chars / TEXT_UNIT_CHARS);
}

/**
 * USD for one guardrail assessment of `textUnits` units under each of `policies` (every policy
 * bills the same units; listing a policy twice counts it once).
 */
export function guardrailCostUsd(textUnits: number, policies: readonly GuardrailPolicy[]): number {
  if (!Number.isInteger(textUnits) || textUnits < 0) {
    throw new ScoutError('internal', `guardrail text units must be a whole number ≥ 0, got ${textUnits}`);
  }
  let perThousand = 0;
  for (const policy of new Set(policies)) {
    // Policies may come from config at run time: an unknown name must not cost NaN or $0.
    if (!Object.hasOwn(GUARDRAIL_PRICE_PER_1K_UNITS, policy)) {
      throw new ScoutError('config_invalid', `no guardrail price for policy ${String(policy)}`);
    }
    perThousand += scaled(GUARDRAIL_PRICE_PER_1K_UNITS[policy]);
  }
  return (textUnits * perThousand) / (SCALE * 1_000);
}

/** The whole model table, for tests and an admin view. */
export function listModelPrices(): readonly ModelPrice[] {
  return MODEL_PRICES;
}
