import type { AnswerRecord } from '../domain/answer-record.ts';
import { controlLines } from '../domain/answer-record-controls.ts';
import type { CliDeps, CliIo } from './index.ts';
import { storedRecordArg } from './stored-record.ts';

/**
 * The record as the answer-records contract names its parts: the stored record, plus `engine`
 * (which engine understood the question), `prompts` (each version and hash) and `cache`.
 */
export function recordJson(record: AnswerRecord) {
  return {
    ...record,
    engine: record.path,
    prompts: record.promptVersions.map((entry) => {
      const [name = '', rest = ''] = entry.split('@');
      const [version = '', hash = ''] = rest.split('#');
      return { id: name, version, hash };
    }),
    // Older records, and answers no query ran for, have no cache verdict: they bypassed it.
    cache: record.cache ?? { status: 'bypass' as const },
  };
}

function recordText(record: AnswerRecord): string {
  const lines = [
    `answer ${record.id} · ${record.status} · ${record.createdAt} · ${record.surface}`,
    `question: ${record.question}`,
    record.understood ? `understood: ${record.understood}` : null,
    `engine: ${record.path === 'offline' ? 'offline engine' : `model ${record.modelIds.join(', ')}`}${record.degraded ? ' (degraded)' : ''}`,
    record.promptVersions.length > 0 ? `prompts: ${record.promptVersions.join(', ')}` : null,
    record.sql ? `sql: ${record.sql}` : null,
    record.sources.length > 0 ? `sources: ${record.sources.map((s) => s.source).join(', ')}` : null,
    `tokens: ${record.tokens.input} in / ${record.tokens.output} out · cost $${record.costUsd.toFixed(4)} · ${Math.round(record.latencyMs)} ms`,
    ...controlLines(record),
    `feedback: ${record.feedback.map((f) => `${f.value} by ${f.user}`).join(', ') || 'none'}`,
  ];
  return lines.filter((line): line is string => line !== null).join('\n');
}

/** `scout why [--json] <answer id>`: the stored record of an answer (question masked). */
export async function whyCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const { record, json } = await storedRecordArg('why', argv, deps, io);
  if (!record) return 1;
  io.out(json ? JSON.stringify(recordJson(record)) : recordText(record));
  return 0;
}
