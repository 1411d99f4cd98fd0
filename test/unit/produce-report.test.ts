import { describe, expect, it } from 'vitest';
import { type Audience, channelAudience } from '../../src/domain/audience.ts';
import type { ReportRequest } from '../../src/domain/report/report-request.ts';
import { ScoutError } from '../../src/errors.ts';
import type { CellValue, RetrievedChunk, Retriever } from '../../src/ports.ts';
import { produceReport, type ReportStage } from '../../src/usecases/report/produce-report.ts';
import { cannedWarehouse, reportDeps } from '../fakes/report-fakes.ts';

const q3: ReportRequest = {
  industry: 'Gaming',
  time: { kind: 'relative', unit: 'quarter', offset: -1 },
  compare: 'previous_year',
};
const audience = channelAudience('C1', 'U1');

function run(deps: ReturnType<typeof reportDeps>, request: ReportRequest = q3) {
  const stages: ReportStage[] = [];
  const done = produceReport(deps, request, {
    reportId: 'r1',
    audience,
    onProgress: ({ stage }) => void stages.push(stage),
  });
  return { done, stages };
}

const chunk = (sourceId: string, industries: string[]): RetrievedChunk => ({
  id: `${sourceId}#1`,
  text: 'text',
  title: `Brief ${sourceId}`,
  source: `data/kb/${sourceId}.md`,
  score: 1,
  metadata: { source_id: sourceId, industries },
});

describe('produceReport', () => {
  it('runs the stages in order and reports each', async () => {
    const { done, stages } = run(reportDeps(cannedWarehouse(() => []).warehouse));
    const report = await done;
    expect(report.title).toBe('Gaming industry report — Q3 2025');
    expect(stages).toEqual(['scope', 'data', 'statistics', 'charts', 'insights', 'draft']);
  });

  it('refuses a period outside the data before any query runs', async () => {
    const warehouse = cannedWarehouse(() => []);
    const { done } = run(reportDeps(warehouse.warehouse), {
      ...q3,
      time: { kind: 'range', start: '2019-01-01', end: '2019-03-31' },
    });
    await expect(done).rejects.toMatchObject({
      code: 'bad_input',
      userMessage: expect.stringMatching(/^The data covers 2024-01-01 to 2025-12-31/),
    });
    expect(warehouse.sql).toEqual([]);
  });

  it('every KPI figure is a number the KPI query returned, tied to that query', async () => {
    const kpiRow: CellValue[] = Array.from({ length: 40 }, (_, i) => 1000 + i * 7.25);
    const warehouse = cannedWarehouse((_sql, index) => (index === 0 ? [kpiRow] : []));
    const report = await run(reportDeps(warehouse.warehouse)).done;
    const figures = report.kpis.flatMap((k) => [k.current, ...(k.previous ? [k.previous] : [])]);
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      expect(figure.queryId).toBe('q-kpis');
      expect(kpiRow).toContain(figure.value);
    }
  });

  it('retries a transient failure inside its stage and carries on', async () => {
    let failedOnce = false;
    const warehouse = cannedWarehouse(() => {
      if (failedOnce) return [];
      failedOnce = true;
      throw new ScoutError('query_timeout', 'slow', { retryable: true });
    });
    const waits: number[] = [];
    const { done, stages } = run(
      reportDeps(warehouse.warehouse, { sleep: async (ms) => void waits.push(ms) }),
    );
    await expect(done).resolves.toMatchObject({ industry: 'Gaming' });
    expect(waits).toHaveLength(1);
    expect(warehouse.sql[0]).toBe(warehouse.sql[1]);
    expect(stages.at(-1)).toBe('draft');
  });

  it('gives up on a transient failure after three tries at its stage', async () => {
    const warehouse = cannedWarehouse(() => {
      throw new ScoutError('query_timeout', 'slow', { retryable: true });
    });
    const { done, stages } = run(reportDeps(warehouse.warehouse));
    await expect(done).rejects.toMatchObject({ code: 'query_timeout' });
    expect(warehouse.sql).toHaveLength(3);
    expect(stages).toEqual(['scope', 'data']);
  });

  it('stops at a stage whose failure retrying cannot fix', async () => {
    const warehouse = cannedWarehouse(() => {
      throw new ScoutError('sql_rejected', 'no');
    });
    const { done, stages } = run(reportDeps(warehouse.warehouse));
    await expect(done).rejects.toMatchObject({ code: 'sql_rejected' });
    expect(warehouse.sql).toHaveLength(1);
    expect(stages).toEqual(['scope', 'data']);
  });

  it('cites documents about the industry only, once each, found for the channel’s audience', async () => {
    const seen: Audience[] = [];
    const retriever: Retriever = {
      async retrieve(query) {
        seen.push(query.audience);
        return [
          chunk('kb-gaming', ['Gaming']),
          chunk('kb-gaming', ['Gaming']),
          chunk('kb-retail', ['Retail']),
          chunk('kb-all', []),
        ];
      },
    };
    const report = await run(reportDeps(cannedWarehouse(() => []).warehouse, { retriever })).done;
    expect(report.documents.map((d) => d.sourceId)).toEqual(['kb-gaming', 'kb-all']);
    expect(seen).toEqual([audience]);
  });

  it('a failing retriever costs the report its documents, not the report', async () => {
    const retriever: Retriever = {
      async retrieve() {
        throw new ScoutError('retriever_failed', 'down', { retryable: true });
      },
    };
    const report = await run(reportDeps(cannedWarehouse(() => []).warehouse, { retriever })).done;
    expect(report.documents).toEqual([]);
  });
});
