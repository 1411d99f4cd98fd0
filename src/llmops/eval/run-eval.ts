import type { CellValue, Warehouse } from '../../ports.ts';
import { type AskDeps, ask } from '../../usecases/ask/ask.ts';
import type { GoldenItem } from './golden-set.ts';
import { matchResults } from './match-results.ts';

export interface EvalCase {
  id: string;
  question: string;
  expected: GoldenItem['expect'];
  got: string;
  correct: boolean;
  /**
   * How it went: right; a confident wrong answer (answered with other rows, or answered what it
   * should have declined); or declined an answerable question (safe, but not right).
   */
  outcome: 'right' | 'confident_wrong' | 'declined';
  tags: string[];
  reason?: string;
  sql?: string;
}

export interface TagScore {
  tag: string;
  total: number;
  right: number;
  confidentWrong: number;
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
  /** Share of all items handled right (answered correctly, or declined when it should). */
  rightRate: number;
  /** Answers that were wrong with confidence: the figure that must stay at zero. */
  confidentWrong: number;
  byTag: TagScore[];
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
      tags: item.tags,
      ...(answer.sql ? { sql: answer.sql } : {}),
    };
    if (item.expect !== 'answered') {
      const ok = declined(answer.status);
      cases.push({
        ...base,
        correct: ok,
        outcome: ok ? 'right' : answer.status === 'answered' ? 'confident_wrong' : 'declined',
        ...(ok ? {} : { reason: `expected ${item.expect}` }),
      });
      continue;
    }
    if (answer.status !== 'answered') {
      cases.push({
        ...base,
        correct: false,
        outcome: 'declined',
        reason: `expected an answer: ${answer.answer}`,
      });
      continue;
    }
    const reference = await deps.warehouse.query(item.sql ?? '', { timeoutMs: deps.queryTimeoutMs });
    const match = matchResults(reference.rows, answer.rows ?? ([] as CellValue[][]), item.ordered);
    cases.push({
      ...base,
      correct: match.ok,
      outcome: match.ok ? 'right' : 'confident_wrong',
      ...(match.reason ? { reason: match.reason } : {}),
    });
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
    rightRate: ratio(cases.filter((c) => c.correct).length, cases.length),
    confidentWrong: cases.filter((c) => c.outcome === 'confident_wrong').length,
    byTag: scoreByTag(cases),
    cases,
    failures: cases.filter((c) => !c.correct),
    elapsedMs: performance.now() - started,
  };
}

/** Right and confidently wrong, per tag: the per-class figures of `scout eval`. */
function scoreByTag(cases: EvalCase[]): TagScore[] {
  const scores = new Map<string, TagScore>();
  for (const c of cases) {
    for (const tag of c.tags) {
      const score = scores.get(tag) ?? { tag, total: 0, right: 0, confidentWrong: 0 };
      score.total++;
      if (c.correct) score.right++;
      if (c.outcome === 'confident_wrong') score.confidentWrong++;
      scores.set(tag, score);
    }
  }
  return [...scores.values()].sort((a, b) => a.tag.localeCompare(b.tag));
}
