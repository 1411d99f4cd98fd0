import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSemanticModelFile, sqlAllowlist } from '../../src/domain/semantic/semantic-model.ts';
import { ScoutError } from '../../src/errors.ts';
import { loadPromptRegistry } from '../../src/llmops/prompt-registry.ts';
import type { Warehouse } from '../../src/ports.ts';
import { produceReport, type ReportDeps } from '../../src/usecases/report/produce-report.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { fakeWarehouse } from '../fakes/port-fakes.ts';

const root = resolve(import.meta.dirname, '../..');
const prompts = loadPromptRegistry(resolve(root, 'prompts'));
const allowlist = sqlAllowlist(
  parseSemanticModelFile(readFileSync(resolve(root, 'data/semantic-model.yml'), 'utf8')),
);
const request = {
  industry: 'Gaming',
  time: { kind: 'quarter', year: 2025, quarter: 3 },
  compare: 'previous_year',
} as const;

/** A warehouse whose first query fails with `failure`, then answers like the fake one. */
function failingOnce(failure: ScoutError): Warehouse & { calls: number } {
  const inner = fakeWarehouse();
  const warehouse = {
    ...inner,
    calls: 0,
    async query(sql: string, options?: Parameters<Warehouse['query']>[1]) {
      warehouse.calls += 1;
      if (warehouse.calls === 1) throw failure;
      return inner.query(sql, options);
    },
  };
  return warehouse;
}

function deps(warehouse: Warehouse): ReportDeps {
  return {
    ask: offlineAskDeps({ warehouse, allowlist }),
    template: prompts.get('report-industry'),
    retriever: null,
    now: () => new Date('2025-12-31T09:00:00Z'),
    sleep: async () => undefined,
  } as ReportDeps;
}

const audience = { asker: 'U1', channel: 'C1', readers: null };

describe('report stage retries', () => {
  it('retries a transient failure no layer below retried (an Athena query FAILED as retryable)', async () => {
    const warehouse = failingOnce(
      new ScoutError('query_failed', 'Athena query q-1 failed: INTERNAL_ERROR', { retryable: true }),
    );
    const report = await produceReport(deps(warehouse), request, { reportId: 'r-1', audience });
    expect(report.industry).toBe('Gaming');
    expect(warehouse.calls).toBeGreaterThan(1);
  });

  it('does not retry what the SDK already retried, and says its retries are spent', async () => {
    const throttled = new ScoutError(
      'query_failed',
      'Athena StartQueryExecution failed: ThrottlingException',
      {
        retryable: true,
        retried: true,
      },
    );
    const warehouse = failingOnce(throttled);
    await expect(produceReport(deps(warehouse), request, { reportId: 'r-1', audience })).rejects.toBe(
      throttled,
    );
    expect(warehouse.calls).toBe(1);
  });

  it('gives up after three attempts and marks the error retried, so no layer above retries it', async () => {
    const inner = fakeWarehouse();
    let calls = 0;
    const alwaysFailing: Warehouse = {
      ...inner,
      async query() {
        calls += 1;
        throw new ScoutError('query_failed', 'Athena query failed: INTERNAL_ERROR', { retryable: true });
      },
    };
    await expect(
      produceReport(deps(alwaysFailing), request, { reportId: 'r-1', audience }),
    ).rejects.toMatchObject({ code: 'query_failed', retryable: true, retried: true });
    expect(calls).toBe(3);
  });
});
