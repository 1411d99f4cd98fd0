import { z } from 'zod';
import { errorCodes } from '../errors.ts';
import type { LlmCallMeta } from '../ports.ts';

const guardrailDecisionSchema = z.object({
  stage: z.enum(['input', 'output']),
  check: z.string(),
  fired: z.boolean(),
  operation: z.string(),
  detail: z.string().optional(),
});

const budgetRecordSchema = z.object({
  state: z.enum(['none', 'ok', 'warning', 'blocked', 'unchecked']),
  reservedUsd: z.number().min(0),
  settledUsd: z.number().min(0),
  scopes: z.array(
    z.object({ scope: z.string(), limitUsd: z.number(), spentUsd: z.number(), remainingUsd: z.number() }),
  ),
  note: z.string().optional(),
});

/**
 * The audit record of one answer: who asked, where, what was understood, the SQL that ran, what
 * came back, which engine answered and what it cost. Feedback attaches to it by id.
 */
/** What a 👎 can say was wrong (the feedback form's choices). */
export const feedbackReasons = [
  'wrong_number',
  'wrong_period',
  'misunderstood',
  'too_slow',
  'other',
] as const;
export type FeedbackReason = (typeof feedbackReasons)[number];

export const answerRecordSchema = z.object({
  id: z.string().min(1),
  createdAt: z.string(),
  surface: z.enum(['slash_command', 'mention', 'thread', 'dm', 'cli', 'button', 'shortcut']),
  /**
   * `user` and `team` are Slack ids; an answer made on the command line records the local user
   * name as `cliUser` instead, so the two can never be mistaken for each other.
   */
  asker: z.object({
    user: z.string().optional(),
    team: z.string().optional(),
    cliUser: z.string().optional(),
  }),
  conversation: z.object({ channel: z.string().optional(), threadTs: z.string().optional() }),
  /** The question with personal data masked (it is never stored verbatim). */
  question: z.string(),
  /** Which kinds of personal data were masked in it. */
  personalData: z.array(z.enum(['email', 'phone', 'card', 'national_id'])).default([]),
  status: z.enum(['answered', 'clarify', 'refused', 'error']),
  understood: z.string().optional(),
  query: z.unknown().optional(),
  sql: z.string().optional(),
  rowCount: z.number().int().min(0).optional(),
  sources: z
    .array(z.object({ title: z.string(), source: z.string(), excerpt: z.string().optional() }))
    .default([]),
  route: z.enum(['data', 'documents', 'both']).default('data'),
  confidence: z.object({ level: z.enum(['high', 'medium', 'low']), score: z.number() }).optional(),
  path: z.enum(['offline', 'model']),
  degraded: z.boolean().default(false),
  guardrail: z.unknown().optional(),
  promptVersions: z.array(z.string()).default([]),
  modelIds: z.array(z.string()).default([]),
  tokens: z
    .object({ input: z.number().int().min(0), output: z.number().int().min(0) })
    .default({ input: 0, output: 0 }),
  costUsd: z.number().min(0).default(0),
  latencyMs: z.number().min(0),
  /** Every guardrail check that ran (which, where, whether it fired; never the text). */
  guardrailDecisions: z.array(guardrailDecisionSchema).optional(),
  /** The answer cache's verdict, and Bedrock prompt caching over the answer's calls. */
  cache: z
    .object({
      status: z.enum(['hit', 'miss', 'bypass']),
      promptCache: z
        .object({
          calls: z.number().int().min(0),
          reads: z.number().int().min(0),
          writes: z.number().int().min(0),
        })
        .optional(),
    })
    .optional(),
  /** The asker's budgets around the answer: held, settled, what is left, the state. */
  budget: budgetRecordSchema.optional(),
  /** A code this version no longer has (an older record) reads as none rather than as a corrupt record. */
  errorCode: z.enum(errorCodes).optional().catch(undefined),
  feedback: z
    .array(
      z.object({
        user: z.string(),
        value: z.enum(['up', 'down']),
        at: z.string(),
        /** What was wrong, from the 👎 form. */
        reason: z.enum(feedbackReasons).optional(),
        /** The voter's own words (masked, ≤ 500 characters). */
        comment: z.string().max(500).optional(),
      }),
    )
    .default([]),
  /** Which prompt variant served each task under an experiment (or a moved production label). */
  variants: z
    .array(
      z.object({
        task: z.string(),
        version: z.string(),
        label: z.enum(['production', 'canary', 'shadow']),
      }),
    )
    .optional(),
  /** A shadow run's record names the answer it shadowed; it was never posted. */
  shadowOf: z.string().optional(),
  /** The first rows of the result as shown (raw values), so a replay can say which figures moved. */
  rows: z.array(z.array(z.unknown())).max(50).optional(),
  /** Which data the answer read: the warehouse, the sample generator's build, the as-of date. */
  dataVersion: z
    .object({
      warehouse: z.string(),
      asOf: z.string(),
      generator: z.string().optional(),
      seed: z.number().optional(),
      scale: z.number().optional(),
    })
    .optional(),
});

export type AnswerRecord = z.infer<typeof answerRecordSchema>;

export type DataVersion = NonNullable<AnswerRecord['dataVersion']>;

/** Rows kept on a record: enough to show which figures a replay changed, small enough to store. */
export const RECORDED_ROWS = 50;

/** The data version of a warehouse: its kind, the as-of date and, for the sample data, its build. */
export function dataVersionOf(
  warehouse: string,
  asOf: string,
  meta: { generator_version: string; seed: number; scale: number } | null,
): DataVersion {
  return {
    warehouse,
    asOf,
    ...(meta ? { generator: meta.generator_version, seed: meta.seed, scale: meta.scale } : {}),
  };
}

/** Answer ids look like `a-1f2e3d4c5b`; anything else is refused before a store is asked. */
export function isWellFormedAnswerId(id: string): boolean {
  return id.length <= 40 && /^[a-z0-9-]{3,40}$/i.test(id);
}
export type AnswerFeedback = AnswerRecord['feedback'][number];

/**
 * Records made on the CLI carry a local user name, never a Slack id: Slack readers never see
 * them, so a name is never compared with a Slack user id.
 */
export function madeInSlack(record: AnswerRecord): boolean {
  return record.surface !== 'cli';
}

/**
 * The models an answer called and the tokens it spent, as the record keeps them: input counts
 * cache reads and writes too, since each is a token the model read.
 */
export function modelUsageOf(calls: readonly LlmCallMeta[]): Pick<AnswerRecord, 'modelIds' | 'tokens'> {
  return {
    modelIds: [...new Set(calls.map((c) => c.modelId))],
    tokens: {
      input: calls.reduce(
        (n, c) => n + c.usage.inputTokens + c.usage.cacheReadTokens + c.usage.cacheWriteTokens,
        0,
      ),
      output: calls.reduce((n, c) => n + c.usage.outputTokens, 0),
    },
  };
}
