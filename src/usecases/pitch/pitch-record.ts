import { type AnswerRecord, modelUsageOf } from '../../domain/answer-record.ts';
import { maskPersonalData } from '../../domain/privacy/personal-data.ts';
import type { PitchRequest } from './draft-pitch.ts';
import type { ObjectionAnswer } from './pitch-objection.ts';
import type { PitchResult } from './pitch-result.ts';

/** The request as a line of text, as the record stores it (personal data masked). */
export function pitchQuestion(request: Pick<PitchRequest, 'brand' | 'program' | 'goal' | 'style'>) {
  const parts = [`pitch "${request.brand.trim()}"`];
  if (request.program) parts.push(`--program ${request.program.trim()}`);
  if (request.goal?.trim()) parts.push(`--goal "${request.goal.trim()}"`);
  if (request.style?.shorter) parts.push('(shorter)');
  if (request.style?.formal) parts.push('(more formal)');
  return maskPersonalData(parts.join(' '));
}

/**
 * A pitch's audit record, in the answer-record shape so `scout why <p-…>` shows it: the request,
 * the program, every fact's SQL, the sources and the story template's version and hash.
 */
export function buildPitchRecord(
  pitch: PitchResult,
  request: Pick<PitchRequest, 'brand' | 'program' | 'goal' | 'style'>,
  context: {
    surface: AnswerRecord['surface'];
    cliUser?: string;
    /** Who asked in Slack and where the pitch is posted (so `/scout why` shows it to them). */
    asker?: { user: string; team?: string };
    conversation?: AnswerRecord['conversation'];
    latencyMs: number;
    createdAt: Date;
  },
): AnswerRecord {
  const question = pitchQuestion(request);
  const sql = [...new Set(pitch.facts.flatMap((f) => (f.sql ? [f.sql] : [])))];
  return {
    id: pitch.id,
    createdAt: context.createdAt.toISOString(),
    surface: context.surface,
    asker: context.cliUser ? { cliUser: context.cliUser } : (context.asker ?? {}),
    conversation: context.conversation ?? {},
    question: question.text,
    personalData: question.kinds,
    status: pitch.status === 'drafted' ? 'answered' : pitch.status,
    understood: pitch.brand
      ? `pitch for ${pitch.brand}${pitch.program ? `: ${pitch.program.program_id} ${pitch.program.name}` : ''}${pitch.narrative ? ` (${pitch.narrative})` : ''}`
      : `pitch for an unknown brand "${request.brand.trim()}"`,
    ...(sql.length > 0 ? { sql: sql.join(';\n') } : {}),
    rowCount: pitch.facts.length,
    sources: pitch.citations.map((c) => ({
      title: c.title,
      source: c.source,
      excerpt: c.excerpt.slice(0, 400),
    })),
    route: 'both',
    path: pitch.engine,
    degraded: pitch.degraded,
    guardrail: pitch.checks.find((c) => c.agent === 'guardrail') ?? undefined,
    promptVersions: pitch.promptVersions,
    ...modelUsageOf(pitch.llmCalls),
    costUsd: pitch.costUsd,
    latencyMs: context.latencyMs,
    ...(pitch.errorCode ? { errorCode: pitch.errorCode } : {}),
    feedback: [],
  };
}

/** The record of an answer in a pitch's thread: the question masked, the SQL of its new queries, its sources. */
export function buildObjectionRecord(
  answer: ObjectionAnswer,
  input: { question: string; pitchId: string; brand: string },
  context: {
    asker: { user: string; team?: string };
    conversation: AnswerRecord['conversation'];
    latencyMs: number;
    createdAt: Date;
  },
): AnswerRecord {
  const question = maskPersonalData(input.question);
  return {
    id: answer.id,
    createdAt: context.createdAt.toISOString(),
    surface: 'thread',
    asker: context.asker,
    conversation: context.conversation,
    question: question.text,
    personalData: question.kinds,
    status: answer.status,
    understood: `a question on pitch ${input.pitchId} for ${input.brand}`,
    ...(answer.sql.length > 0 ? { sql: answer.sql.join(';\n') } : {}),
    rowCount: answer.facts.length,
    sources: answer.citations,
    route: 'both',
    path: 'offline',
    degraded: false,
    promptVersions: [],
    modelIds: [],
    tokens: { input: 0, output: 0 },
    costUsd: 0,
    latencyMs: context.latencyMs,
    feedback: [],
  };
}
