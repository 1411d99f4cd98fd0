import type { CellValue, Warehouse } from '../../ports.ts';
import { type AskDeps, ask } from '../../usecases/ask.ts';
import type { GoldenItem } from './golden-set.ts';
import { matchResults } from './match-results.ts';

export interface EvalCase {
  id: string;
  question: string;
  expected: GoldenItem['expect'];
  got: string;
  correct: boolean;
  reason?: string;
  sql?: string;
}

export interface EvalReport {
  total: number;
  answerable: number;
  /** Share of answerable items whose result rows match the reference SQL's. */
  executionAccuracy: number;
  /** Of the questions Scout declined (clarify or refused), the share that should have been declined. */
  clarifyPrecision: number;
  /** Of the questions that should be declined, the share Scout declined. */
  clarifyRecall: number;
  cases: EvalCase[];
  failures: EvalCase[];
  elapsedMs: number;
}

const declined = (status: string) => status === 'clarify' || status === 'refused';

/** Runs every golden question end to end through the ask use case and scores it against its reference. */
export async function runEval(
  deps: AskDeps & { warehouse: Warehouse },
  items: GoldenItem[],
): Promise<EvalReport> {
  const started = performance.now();
  const cases: EvalCase[] = [];
  for (const item of items) {
    const answer = await ask(deps, item.question, { renderChart: false });
    const base = {
      id: item.id,
      question: item.question,
      expected: item.expect,
      got: answer.status,
      ...(answer.sql ? { sql: answer.sql } : {}),
    };
    if (item.expect !== 'answered') {
      cases.push({
        ...base,
        correct: declined(answer.status),
        ...(declined(answer.status) ? {} : { reason: `expected ${item.expect}` }),
      });
      continue;
    }
    if (answer.status !== 'answered') {
      cases.push({ ...base, correct: false, reason: `expected an answer: ${answer.answer}` });
      continue;
    }
    const reference = await deps.warehouse.query(item.sql ?? '', { timeoutMs: deps.queryTimeoutMs });
    const outcome = matchResults(reference.rows, answer.rows ?? ([] as CellValue[][]), item.ordered);
    cases.push({ ...base, correct: outcome.ok, ...(outcome.reason ? { reason: outcome.reason } : {}) });
  }
  const answerable = cases.filter((c) => c.expected === 'answered');
  const declinedCases = cases.filter((c) => declined(c.got));
  const shouldDecline = cases.filter((c) => c.expected !== 'answered');
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    total: cases.length,
    answerable: answerable.length,
    executionAccuracy: ratio(answerable.filter((c) => c.correct).length, answerable.length),
    clarifyPrecision: ratio(
      declinedCases.filter((c) => c.expected !== 'answered').length,
      declinedCases.length,
    ),
    clarifyRecall: ratio(shouldDecline.filter((c) => c.correct).length, shouldDecline.length),
    cases,
    failures: cases.filter((c) => !c.correct),
    elapsedMs: performance.now() - started,
  };
}
