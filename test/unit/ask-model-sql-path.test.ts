import { describe, expect, it } from 'vitest';
import { AnswerDraft } from '../../src/usecases/ask/draft.ts';
import { answerModelSql } from '../../src/usecases/ask/model-sql-path.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';

const question = 'the weirdest figure you can compute';

function setUp(toolOutputs: unknown[], narrative?: string) {
  const script = scriptedLlm(toolOutputs, narrative);
  const llm = llmDeps({ client: script.llm });
  const deps = offlineAskDeps({ llm });
  return { script, llm, deps, draft: new AnswerDraft(deps, question) };
}

describe('the model SQL path', () => {
  it('runs the guarded SQL once and states only figures from its rows, for the screen to check', async () => {
    const { deps, draft } = setUp([]);
    const answer = await answerModelSql(deps, draft, deps.llm!, {
      sql: 'SELECT SUM(spend_usd) AS value FROM ad_performance_daily',
      explanation: 'Total spend',
    });
    expect(answer).toMatchObject({ status: 'answered', path: 'model', understood: 'Total spend' });
    expect(answer.answer).toBe('The total was 1234.5.');
    expect(answer.table).toEqual({ headers: ['value'], rows: [['1234.5']] });
    expect(answer.screen).toBeDefined();
    expect(deps.warehouse.sql).toHaveLength(1);
    expect(draft.calls).toHaveLength(1); // the narrative
  });

  it('repairs SQL the guard rejects through the run_sql tool, its description a versioned prompt', async () => {
    const { script, llm, deps, draft } = setUp([
      { sql: 'SELECT SUM(spend_usd) AS value FROM ad_performance_daily' },
    ]);
    const answer = await answerModelSql(deps, draft, llm, {
      sql: 'SELECT secret FROM ad_performance_daily',
      explanation: '',
    });
    expect(answer.sql).toContain('SUM(spend_usd)');
    expect(answer.understood).toBe('A custom SQL query');
    expect(script.requests[0]?.tool?.description).toBe(llm.prompts.runSqlTool.render({}).text);
    expect(draft.calls[0]?.sentPrompts?.map((p) => p.id)).toEqual(['run-sql-tool']);
  });

  it('falls back to a sentence without figures when the narrative states one the rows do not hold', async () => {
    const { deps, draft } = setUp([], 'The total was 9999.');
    const answer = await answerModelSql(deps, draft, deps.llm!, {
      sql: 'SELECT SUM(spend_usd) AS value FROM ad_performance_daily',
      explanation: 'x',
    });
    expect(answer.answer).toBe('The query returned 1 row; the figures are in the table.');
  });
});
