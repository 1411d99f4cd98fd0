import { describe, expect, it } from 'vitest';
import { ScoutError } from '../../src/errors.ts';
import { createModelGateway, type GatewayOptions } from '../../src/llmops/gateway/gateway.ts';
import type { GatewayAuditEvent } from '../../src/llmops/gateway/types.ts';
import { createSpendGate } from '../../src/llmops/ledger/spend-gate.ts';
import type { Agent, Guardrail, LlmRequest } from '../../src/ports.ts';
import { llmCallMeta, scriptedLlm } from '../fakes/port-fakes.ts';
import { memorySpendLedger } from '../fakes/spend-ledger.ts';

const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const U1 = { user: 'U1', channel: 'C1', team: 'T1' };
const system = { id: 'metric-query', version: '1.0.0', hash: 'h', text: 'short system prompt' };
const request = (text: string): LlmRequest => ({ tier: 'fast', system, messages: [{ role: 'user', text }] });
const tool = { name: 't', description: 'd', inputSchema: {} };
const accept = (input: unknown) => ({ ok: true as const, value: input });

function setup(options: { spentUsd?: number; limitUsd?: number; events?: string[] } = {}) {
  const events = options.events ?? [];
  const memory = memorySpendLedger(
    options.spentUsd ? { [`user:U1:${new Date().toISOString().slice(0, 10)}`]: options.spentUsd } : {},
  );
  const ledger = {
    ...memory.ledger,
    reserve: async (input: Parameters<typeof memory.ledger.reserve>[0]) => {
      events.push('reserve');
      return memory.ledger.reserve(input);
    },
    settle: async (input: Parameters<typeof memory.ledger.settle>[0]) => {
      events.push(input.entries.length > 0 ? 'settle' : 'release');
      return memory.ledger.settle(input);
    },
  };
  const spend = createSpendGate({
    ledger,
    limits: { userDailyUsd: options.limitUsd ?? 1 },
    worstCaseUsd: 0.05,
    holdMs: 60_000,
    guardrailPolicies: ['content'],
    now: () => new Date(),
    onError: () => {},
  });
  const scripted = scriptedLlm(
    [{ sql: 'x' }, { sql: 'y' }],
    'Reach me at alice@example.com; password: hunter2',
  );
  const raw = {
    callTool: async <T>(
      r: LlmRequest & { tool: typeof tool },
      v: (i: unknown) => { ok: true; value: T } | { ok: false; error: string },
    ) => {
      events.push('call');
      return scripted.llm.callTool(r, v);
    },
    streamText: async (r: LlmRequest) => {
      events.push('call');
      return scripted.llm.streamText(r);
    },
  };
  const audits: GatewayAuditEvent[] = [];
  const options_: GatewayOptions = {
    raw: { llm: raw, agent: null, guardrail: null, retriever: null },
    spend,
    costOf: () => 0.01,
    tierOf: (p) => (p.id === 'metric-query' ? 'strong' : undefined),
    agentModelId: haiku,
    callTimeoutMs: 5_000,
    onAudit: (event) => {
      events.push('audit');
      audits.push(event);
    },
  };
  return { events, memory, scripted, audits, options: options_, gateway: createModelGateway(options_) };
}

describe('the model gateway', () => {
  it('runs each call in order: budget hold, the call, settlement, audit; closing releases the hold', async () => {
    const { gateway, events, memory } = setup();
    const ports = gateway.open({ answerId: 'a-1', who: U1 });
    await ports.llm.callTool({ ...request('spend in 2025'), tool }, accept);
    await ports.llm.callTool({ ...request('and 2024?'), tool }, accept);
    const report = await ports.close();
    expect(events).toEqual(['reserve', 'call', 'settle', 'audit', 'call', 'settle', 'audit', 'release']);
    expect(memory.entries).toHaveLength(2);
    expect(report.budget).toMatchObject({ state: 'ok', reservedUsd: 0.05, settledUsd: 0.02 });
    expect(report.budget.scopes[0]?.remainingUsd).toBeCloseTo(0.98, 6);
  });

  it('does not call the model past a budget, and names the budget', async () => {
    const { gateway, events } = setup({ spentUsd: 1, limitUsd: 1 });
    const ports = gateway.open({ answerId: 'a-2', who: U1 });
    const failure = await ports.llm.callTool({ ...request('spend'), tool }, accept).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ScoutError);
    expect((failure as ScoutError).code).toBe('budget_exhausted');
    expect((failure as ScoutError).userMessage).toMatch(/SCOUT_BUDGET_USER_DAILY_USD/);
    expect(events).not.toContain('call');
    expect((await ports.close()).budget.state).toBe('blocked');
  });

  it('warns from 80% of a budget', async () => {
    const { gateway } = setup({ spentUsd: 0.85, limitUsd: 1 });
    const ports = gateway.open({ answerId: 'a-3', who: U1 });
    await ports.llm.callTool({ ...request('spend'), tool }, accept);
    const report = await ports.close();
    expect(report.warning).toMatch(/85% of your daily model budget/);
    expect(report.budget.state).toBe('warning');
  });

  it('masks personal data in what a person wrote before it is sent, and records the check', async () => {
    const { gateway, scripted } = setup();
    const ports = gateway.open({ answerId: 'a-4', who: U1 });
    await ports.llm.callTool({ ...request('spend for bob@example.com'), tool }, accept);
    expect(scripted.requests[0]?.messages[0]?.text).toBe('spend for [email]');
    const { decisions } = await ports.close();
    expect(decisions).toContainEqual({
      stage: 'input',
      check: 'personal_data',
      fired: true,
      operation: 'converse',
      detail: 'email',
    });
  });

  it('redacts personal data and filtered words from model text', async () => {
    const { gateway } = setup();
    const ports = gateway.open({ answerId: 'a-5', who: U1 });
    const { text } = await ports.llm.streamText(request('write'));
    expect(text).toBe('Reach me at [email]; [filtered]');
    const fired = (await ports.close()).decisions
      .filter((d) => d.fired && d.stage === 'output')
      .map((d) => d.check);
    expect(fired).toEqual(['personal_data', 'word_filter']);
  });

  it("routes by the prompt's front matter and puts a cache point behind a long system prompt only", async () => {
    const { gateway, scripted } = setup();
    const ports = gateway.open({ answerId: 'a-6', who: U1 });
    await ports.llm.callTool({ ...request('q'), tool }, accept);
    await ports.llm.streamText({
      ...request('q'),
      system: { ...system, id: 'other', text: 'x'.repeat(5_000) },
    });
    expect(scripted.requests.map((r) => [r.tier, r.cacheSystem])).toEqual([
      ['strong', false],
      ['fast', true],
    ]);
  });

  it('costs agent turns from their traces (estimated when a trace has no usage) and books them', async () => {
    const turns = [
      {
        kind: 'return_control' as const,
        invocationId: 'i',
        calls: [],
        usage: { inputTokens: 900, outputTokens: 50 },
      },
      { kind: 'final' as const, text: 'Done, ask alice@example.com', citations: [] },
    ];
    const agent: Agent = { invoke: async () => turns.shift() ?? { kind: 'final', text: '', citations: [] } };
    const { options, memory } = setup();
    const gateway = createModelGateway({ ...options, raw: { ...options.raw, agent } });
    const ports = gateway.open({ answerId: 'a-7', who: U1 });
    await ports.agent?.invoke({ sessionId: 's', text: 'q' });
    const final = await ports.agent?.invoke({ sessionId: 's', text: 'q' });
    expect(final).toMatchObject({ kind: 'final', text: 'Done, ask [email]' });
    const { agentCalls } = await ports.close();
    expect(agentCalls.map((c) => [c.modelId, c.usage.inputTokens, c.stopReason])).toEqual([
      [haiku, 900, 'return_control'],
      [haiku, 1, 'final (tokens estimated)'],
    ]);
    expect(memory.entries.map((e) => e.calls)).toEqual([1, 1]);
  });

  it('books the text units a Bedrock guardrail assessed and records its verdict', async () => {
    const guardrail: Guardrail = {
      assess: async () => ({ intervened: true, guardrail: { id: 'g', version: '1' }, assessments: [] }),
    };
    const { options, memory } = setup();
    const gateway = createModelGateway({ ...options, raw: { ...options.raw, guardrail } });
    const ports = gateway.open({ answerId: 'a-8', who: U1 });
    await ports.guardrail?.assess({ source: 'INPUT', text: 'spend in 2025' });
    expect(memory.entries[0]?.guardrailUnits).toBe(1);
    expect((await ports.close()).decisions).toEqual([
      { stage: 'input', check: 'bedrock_guardrail', fired: true, operation: 'apply_guardrail' },
    ]);
  });

  it('passes a failure on marked as retried (the SDK spent the retries), with an error audit event', async () => {
    const { options } = setup();
    const unavailable = new ScoutError('llm_unavailable', 'throttled', { retryable: true });
    const audits: GatewayAuditEvent[] = [];
    const gateway = createModelGateway({
      ...options,
      raw: {
        ...options.raw,
        llm: {
          callTool: async () => {
            throw unavailable;
          },
          streamText: async () => ({ text: '', meta: llmCallMeta() }),
        },
      },
      onAudit: (event) => audits.push(event),
    });
    const failure = await gateway
      .open({ answerId: 'a-9', who: U1 })
      .llm.callTool({ ...request('q'), tool }, accept)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'llm_unavailable', retryable: true, retried: true });
    expect(audits.map((a) => [a.operation, a.outcome, a.errorCode])).toEqual([
      ['converse', 'error', 'llm_unavailable'],
    ]);
  });
});
