import { type AnswerRecord, modelUsageOf, RECORDED_ROWS } from '../../domain/answer-record.ts';
import type { AskAnswer } from './answer-types.ts';

export interface RecordContext {
  surface: AnswerRecord['surface'];
  /** A Slack user id. */
  user?: string;
  team?: string;
  /** The local user name, for answers made on the command line. */
  cliUser?: string;
  channel?: string;
  threadTs?: string;
  latencyMs: number;
  createdAt: Date;
  /** Which data the answer read, for replay. */
  dataVersion?: AnswerRecord['dataVersion'];
}

/** The audit record of an answer: the same shape whether it was asked in Slack or on the CLI. */
export function buildAnswerRecord(answer: AskAnswer, context: RecordContext): AnswerRecord {
  return {
    id: answer.id,
    createdAt: context.createdAt.toISOString(),
    surface: context.surface,
    asker: {
      ...(context.user ? { user: context.user } : {}),
      ...(context.team ? { team: context.team } : {}),
      ...(context.cliUser ? { cliUser: context.cliUser } : {}),
    },
    conversation: {
      ...(context.channel ? { channel: context.channel } : {}),
      ...(context.threadTs ? { threadTs: context.threadTs } : {}),
    },
    // As the answer holds it: personal data already masked.
    question: answer.question,
    personalData: answer.personalData,
    status: answer.status,
    ...(answer.understood ? { understood: answer.understood } : {}),
    ...(answer.query ? { query: answer.query } : {}),
    ...(answer.sql ? { sql: answer.sql } : {}),
    ...(answer.rows ? { rowCount: answer.rows.length, rows: answer.rows.slice(0, RECORDED_ROWS) } : {}),
    ...(context.dataVersion ? { dataVersion: context.dataVersion } : {}),
    sources: answer.citations.map((c) => ({
      title: c.title,
      source: c.source,
      excerpt: c.excerpt.slice(0, 400),
    })),
    route: answer.route,
    ...(answer.confidence ? { confidence: answer.confidence } : {}),
    path: answer.path,
    degraded: answer.degraded,
    ...(answer.guardrail ? { guardrail: answer.guardrail } : {}),
    promptVersions: unique(
      answer.llmCalls
        .flatMap((c) => [c.prompt, ...(c.sentPrompts ?? [])])
        .map((p) => `${p.id}@${p.version}#${p.hash}`),
    ),
    ...modelUsageOf(answer.llmCalls),
    costUsd: answer.costUsd,
    ...(answer.guardrailDecisions ? { guardrailDecisions: answer.guardrailDecisions } : {}),
    ...(answer.cache
      ? {
          cache: { status: answer.cache, ...(answer.promptCache ? { promptCache: answer.promptCache } : {}) },
        }
      : {}),
    ...(answer.budget ? { budget: answer.budget } : {}),
    latencyMs: context.latencyMs,
    ...(answer.errorCode ? { errorCode: answer.errorCode } : {}),
    feedback: [],
    ...(answer.variants && answer.variants.length > 0 ? { variants: answer.variants } : {}),
    ...(answer.shadowOf ? { shadowOf: answer.shadowOf } : {}),
  };
}

/** The answer's record and, when a shadow candidate ran on it, the shadow's (never posted). */
export function buildAnswerRecords(
  answer: AskAnswer,
  context: RecordContext,
): [AnswerRecord, ...AnswerRecord[]] {
  const main = buildAnswerRecord(answer, context);
  if (!answer.shadow) return [main];
  // The shadow ran beside the answer: its own latency, the same asker and place.
  return [main, buildAnswerRecord(answer.shadow, { ...context, latencyMs: answer.shadow.timings.totalMs })];
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
