import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAthena, startFakeAthena } from '../fakes/fake-athena.ts';
import {
  agentChunks,
  agentReturnControl,
  converseToolUse,
  type FakeBedrock,
  guardrailIntervened,
  startFakeBedrock,
} from '../fakes/fake-bedrock.ts';
import { cli, sampleWarehouse } from '../fixtures/cli-harness.ts';

let bedrock: FakeBedrock;
let athena: FakeAthena;
const savedEnv = { ...process.env };
let env: Record<string, string>;

beforeAll(async () => {
  bedrock = await startFakeBedrock();
  athena = await startFakeAthena({ duckdbPath: sampleWarehouse });
  // The SDK's default credential chain reads these; the fakes accept any signature.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKE';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  env = {
    LLM_PROVIDER: 'bedrock',
    WAREHOUSE: 'athena',
    AWS_REGION: 'us-east-1',
    BEDROCK_ENDPOINT: bedrock.url,
    ATHENA_ENDPOINT: athena.url,
    ATHENA_DATABASE: 'scout',
    SCOUT_AS_OF: '2025-12-31',
  };
});
afterAll(async () => {
  process.env = savedEnv;
  await bedrock.close();
  await athena.close();
});
beforeEach(() => {
  bedrock.reset();
});

async function askJson(question: string, extra: Record<string, string> = {}) {
  const run = await cli(['ask', '--json', '--no-chart', question], { ...env, ...extra });
  return { code: run.code, out: JSON.parse(run.stdout), stderr: run.stderr };
}

describe('LLM_PROVIDER=bedrock WAREHOUSE=athena, against wire-level fakes', () => {
  it.each([
    'top 5 brands by spend in Gaming last quarter',
    'CTR by channel in 2025',
    'spend by month in 2025 vs 2024',
    'what share of spend went to CTV in 2025',
  ])('answers "%s" with the same rows as the embedded path, spending no tokens', async (question) => {
    const viaAws = await askJson(question);
    const embedded = await cli(['ask', '--json', '--no-chart', question], { SCOUT_AS_OF: '2025-12-31' });
    const local = JSON.parse(embedded.stdout);
    expect(viaAws.out.status).toBe('answered');
    expect(viaAws.out.path).toBe('offline');
    expect(viaAws.out.llm.calls).toBe(0);
    expect(viaAws.out.rows.length).toBe(local.rows.length);
    viaAws.out.rows.forEach((row: unknown[], i: number) => {
      row.forEach((value, j) => {
        const expected = local.rows[i][j];
        if (typeof value === 'number')
          expect(Math.abs(value - expected) / Math.max(1, Math.abs(expected))).toBeLessThan(1e-9);
        else expect(value).toBe(expected);
      });
    });
    expect(athena.callsTo('StartQueryExecution').length).toBeGreaterThan(0);
    expect(bedrock.calls).toHaveLength(0);
  });

  it('asks the model through the metric_query tool when the parser is unsure, and records model, prompt and cost', async () => {
    bedrock.onConverse(
      converseToolUse(
        'metric_query',
        { query: { metrics: ['spend'], dimensions: ['channel'], time: { kind: 'year', year: 2025 } } },
        { inputTokens: 2400, outputTokens: 60 },
      ),
    );
    const { code, out } = await askJson('how does spend split across channels in 2025, pretty please');
    expect(code).toBe(0);
    expect(out).toMatchObject({ status: 'answered', path: 'model', degraded: false });
    expect(out.rows).toHaveLength(6);
    expect(out.llm.modelIds).toEqual(['us.anthropic.claude-haiku-4-5-20251001-v1:0']);
    expect(out.llm.prompts[0]).toMatch(/^metric-query@1\.1\.0#[0-9a-f]{16}$/);
    expect(out.llm.costUsd).toBeCloseTo((2400 * 1 + 60 * 5) / 1e6, 9);
    const request = bedrock.callsTo('Converse')[0];
    expect(request?.params.modelId).toBe('us.anthropic.claude-haiku-4-5-20251001-v1:0');
    const body = request?.body as { system: Record<string, unknown>[]; toolConfig: { toolChoice: unknown } };
    expect(body.system.some((block) => 'cachePoint' in block)).toBe(true);
    expect(body.toolConfig.toolChoice).toEqual({ tool: { name: 'metric_query' } });
  });

  it('sends no personal data to Bedrock: the question is masked before the guardrail and the model', async () => {
    bedrock.onConverse(
      converseToolUse('metric_query', {
        query: { metrics: ['spend'], dimensions: ['channel'], time: { kind: 'year', year: 2025 } },
      }),
    );
    const { out } = await askJson(
      'how does spend split across channels in 2025 for bob@example.com, pretty please (call 0912-345-678)',
      { BEDROCK_GUARDRAIL_ID: 'gr-1', BEDROCK_GUARDRAIL_VERSION: '3' },
    );
    expect(out).toMatchObject({ status: 'answered', path: 'model' });
    const sent = JSON.stringify(bedrock.calls.map((c) => c.body));
    expect(bedrock.callsTo('ApplyGuardrail').length).toBeGreaterThan(0);
    expect(bedrock.callsTo('Converse')).toHaveLength(1);
    expect(sent).not.toContain('bob@example.com');
    expect(sent).not.toContain('0912-345-678');
    expect(sent).toContain('for [email], pretty please (call [phone])');
  });

  it('repairs invalid tool input with one turn that quotes the problem', async () => {
    bedrock.onConverse(
      converseToolUse('metric_query', {
        query: { metrics: ['spend'], filters: [{ dimension: 'market', values: ['Germany'] }] },
      }),
    );
    bedrock.onConverse(
      converseToolUse('metric_query', {
        query: { metrics: ['spend'], filters: [{ dimension: 'market', values: ['Japan'] }] },
      }),
    );
    const { out } = await askJson('how much went into nippon, roughly');
    expect(out.status).toBe('answered');
    const calls = bedrock.callsTo('Converse');
    expect(calls).toHaveLength(2);
    expect(JSON.stringify(calls[1]?.body)).toContain('unknown market \\"Germany\\"');
    expect(out.sql).toContain("f.market IN ('Japan')");
  });

  it('retries throttling and then answers', async () => {
    bedrock.failNext('Converse', { status: 429, type: 'ThrottlingException' });
    bedrock.onConverse(
      converseToolUse('metric_query', { query: { metrics: ['clicks'], time: { kind: 'year', year: 2024 } } }),
    );
    const { out } = await askJson('clicks in 2024 give or take');
    expect(out).toMatchObject({ status: 'answered', path: 'model' });
    expect(bedrock.callsTo('Converse')).toHaveLength(2);
  });

  it('answers offline and says so when Bedrock stays unavailable', async () => {
    bedrock.failNext('Converse', { status: 503, type: 'ServiceUnavailableException' }, 3);
    const { code, out } = await askJson('total spend in 2025 pretty please');
    expect(code).toBe(0);
    // The offline engine alone never answers past a word it could not place; it names it.
    expect(out).toMatchObject({ status: 'clarify', path: 'offline', degraded: true });
    expect(out.answer).toContain('"pretty"');
    expect(out.answer).toContain('degraded: answered without the model');
  });

  it('reports access denied clearly, without retrying it', async () => {
    bedrock.failNext('Converse', { status: 403, type: 'AccessDeniedException', message: 'not authorized' });
    const { code, out } = await askJson('total spend in 2025 give or take');
    expect(code).toBe(1);
    expect(out.status).toBe('error');
    expect(out.answer).toMatch(/not allowed to use the configured model \(access denied\)/);
    expect(bedrock.callsTo('Converse')).toHaveLength(1);
  });

  it('refuses when the input guardrail intervenes, before any model call', async () => {
    bedrock.onApplyGuardrail(
      guardrailIntervened(
        ['Sorry, Scout cannot help with that.'],
        [{ topicPolicy: { topics: [{ name: 'competitors', action: 'BLOCKED' }] } }],
      ),
    );
    const { out } = await askJson('tell me secrets about our competitors', {
      BEDROCK_GUARDRAIL_ID: 'gr-1',
      BEDROCK_GUARDRAIL_VERSION: '3',
    });
    expect(out).toMatchObject({ status: 'refused', answer: 'Sorry, Scout cannot help with that.' });
    expect(bedrock.callsTo('ApplyGuardrail')[0]?.params).toMatchObject({
      guardrailIdentifier: 'gr-1',
      guardrailVersion: '3',
    });
    expect(bedrock.callsTo('Converse')).toHaveLength(0);
  });

  it('builds a report on Athena with insights phrased by the model, every figure verified', async () => {
    bedrock.onConverse((request) => {
      const system = (request.system ?? [])
        .map((block) => String((block as { text?: string }).text ?? ''))
        .join('\n');
      const match = /<insights>\s*([\s\S]*?)\s*<\/insights>/.exec(system);
      const items = JSON.parse(match?.[1] ?? '[]') as { id: string; headline: string }[];
      return converseToolUse('write_insights', {
        insights: items.map((i) => ({ id: i.id, headline: `Takeaway: ${i.headline}` })),
      });
    });
    const out = mkdtempSync(join(tmpdir(), 'scout-report-'));
    try {
      const run = await cli(['report', '--json', '--out', out, 'gaming Q3 2025'], env);
      expect(run.code).toBe(0);
      const markdown = readFileSync(join(out, 'gaming-q3-2025.md'), 'utf8');
      expect(markdown).toContain('Takeaway: Gaming spend was');
      expect(markdown).toContain('insights phrased by the model, every figure verified');
      expect(bedrock.callsTo('Converse')).toHaveLength(1);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("runs a Bedrock Agent's function call itself and returns the agent's grounded answer (return of control)", async () => {
    const query = {
      metrics: ['spend'],
      filters: [{ dimension: 'industry', values: ['Gaming'] }],
      time: { kind: 'quarter', year: 2025, quarter: 3 },
    };
    bedrock.onInvokeAgent(
      agentReturnControl({
        invocationId: 'inv-7',
        actionGroup: 'scout_data',
        function: 'run_metric_query',
        parameters: { query: JSON.stringify(query) },
      }),
    );
    bedrock.onInvokeAgent((request) => {
      const results = JSON.stringify(request);
      const spend = /\[\[([\d.]+)\]\]/.exec(results.replaceAll('\\"', '"'))?.[1] ?? '0';
      return agentChunks(`Gaming spent $${Number(spend).toFixed(2)} in Q3 2025.`);
    });
    const { out } = await askJson('what did gaming spend in q3 2025 pretty please', {
      ASK_ORCHESTRATOR: 'agent',
      BEDROCK_AGENT_ID: 'AGENT1',
      BEDROCK_AGENT_ALIAS_ID: 'ALIAS1',
    });
    expect(out).toMatchObject({ status: 'answered', path: 'model' });
    expect(out.answer).toMatch(/^Gaming spent \$[\d.]+ in Q3 2025\.$/);
    const [first, second] = bedrock.callsTo('InvokeAgent');
    expect(second?.params.sessionId).toBe(first?.params.sessionId);
    expect(JSON.stringify(second?.body)).toContain('inv-7');
    expect(out.sql).toContain("f.industry IN ('Gaming')");
  });
});
