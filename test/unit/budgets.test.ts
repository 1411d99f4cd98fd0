import { describe, expect, it } from 'vitest';
import { channelAudience } from '../../src/domain/audience.ts';
import { budgetScopes, budgetState } from '../../src/llmops/ledger/budgets.ts';
import { createSpendGate, type SpendGateOptions } from '../../src/llmops/ledger/spend-gate.ts';
import { daysFrom } from '../../src/llmops/ledger/usage-report.ts';
import { questionWorstCaseUsd } from '../../src/llmops/ledger/worst-case.ts';
import { ask } from '../../src/usecases/ask/ask.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';
import { memorySpendLedger } from '../fakes/spend-ledger.ts';

const now = new Date('2026-12-02T10:00:00Z');
const modelQuery = { query: { metrics: ['spend'], time: { kind: 'year', year: 2025 } } };
const uncertain = 'total spend in 2025 pretty please';
const audience = channelAudience('C1', 'U1');

function gate(ledger: SpendGateOptions['ledger'], overrides: Partial<SpendGateOptions> = {}) {
  const errors: string[] = [];
  return {
    errors,
    gate: createSpendGate({
      ledger,
      limits: { userDailyUsd: 1 },
      worstCaseUsd: 0.1,
      holdMs: 60_000,
      guardrailPolicies: ['content', 'topic', 'pii'],
      now: () => now,
      onError: (_, operation) => errors.push(operation),
      ...overrides,
    }),
  };
}

describe('budget scopes and states', () => {
  it('are per user per UTC day and per team per UTC month, only when set', () => {
    expect(budgetScopes({}, { user: 'U1', team: 'T1' }, now)).toEqual([]);
    expect(budgetScopes({ userDailyUsd: 5, teamMonthlyUsd: 100 }, { user: 'U1', team: 'T1' }, now)).toEqual([
      { key: 'user:U1:2026-12-02', kind: 'user_daily', id: 'U1', limitUsd: 5 },
      { key: 'team:T1:2026-12', kind: 'team_monthly', id: 'T1', limitUsd: 100 },
    ]);
    // No asker (the CLI): no user budget to charge.
    expect(budgetScopes({ userDailyUsd: 5 }, { user: null, team: null }, now)).toEqual([]);
  });

  it('read usage over every UTC day of a range, across a month end', () => {
    expect(daysFrom('2026-11-29', new Date('2026-12-02T23:59:00Z'))).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
    expect(daysFrom('2026-12-03', now)).toEqual([]);
  });

  it('warn from 80% and block at 100%', () => {
    expect(budgetState(0.79, 1)).toBe('ok');
    expect(budgetState(0.8, 1)).toBe('warning');
    expect(budgetState(1, 1)).toBe('blocked');
  });

  it('reserve a worst case that covers every call of a question on the dearest model', () => {
    // Sonnet 4.6: 10,000 chars → 5,000 tokens at the $3.75 cache-write price + 2,000 output at $15.
    const worst = questionWorstCaseUsd({
      modelIds: ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'us.anthropic.claude-sonnet-4-6'],
      promptChars: 10_000,
      maxOutputTokens: 2_000,
      callsPerQuestion: 4,
    });
    expect(worst).toBeCloseTo((4 * (5_000 * 3.75 + 2_000 * 15)) / 1e6, 12);
  });
});

describe('ask with budgets', () => {
  it('does not call the model over budget: the offline engine answers and names the budget', async () => {
    const memory = memorySpendLedger({ 'user:U1:2026-12-02': 0.95 });
    const script = scriptedLlm([modelQuery]);
    const { gate: spend } = gate(memory.ledger);
    const answer = await ask(offlineAskDeps({ llm: llmDeps({ client: script.llm, spend }) }), uncertain, {
      audience,
    });
    expect(script.requests).toHaveLength(0);
    expect(answer).toMatchObject({ path: 'offline', degraded: true, llmCalls: [] });
    expect(answer.answer).toContain('your daily model budget of $1.00 (SCOUT_BUDGET_USER_DAILY_USD)');
    expect(memory.entries).toEqual([]);
  });

  it('books the calls of an answer against the asker, then releases the hold', async () => {
    const memory = memorySpendLedger();
    const script = scriptedLlm([modelQuery]);
    const { gate: spend } = gate(memory.ledger, { limits: { userDailyUsd: 1, teamMonthlyUsd: 50 } });
    const answer = await ask(offlineAskDeps({ llm: llmDeps({ client: script.llm, spend }) }), uncertain, {
      audience,
      team: 'T1',
    });
    expect(answer.path).toBe('model');
    expect(memory.entries.map((e) => [e.keys.user, e.keys.channel, e.keys.team, e.keys.task])).toEqual([
      ['U1', 'C1', 'T1', 'metric-query'],
    ]);
    // The fake call: 1,000 input and 100 output tokens on Haiku 4.5 = $0.0015.
    expect(memory.entries[0]?.costNanoUsd).toBe(1_500_000);
    expect(
      await memory.ledger.spent([{ key: 'team:T1:2026-12', kind: 'team_monthly', id: 'T1', limitUsd: 50 }]),
    ).toEqual([1_500_000]);
    expect(memory.holds('user:U1:2026-12-02')).toBe(0);
    expect(answer.answer).not.toMatch(/budget/);
  });

  it('warns at 80% of a budget and still answers with the model', async () => {
    const memory = memorySpendLedger({ 'user:U1:2026-12-02': 0.85 });
    const script = scriptedLlm([modelQuery]);
    const { gate: spend } = gate(memory.ledger);
    const answer = await ask(offlineAskDeps({ llm: llmDeps({ client: script.llm, spend }) }), uncertain, {
      audience,
    });
    expect(answer.path).toBe('model');
    expect(answer.answer).toContain('85% of your daily model budget of $1.00 is used');
  });

  it('answers offline when the budget cannot be checked, rather than spend unchecked', async () => {
    const memory = memorySpendLedger();
    memory.ledger.down = true;
    const script = scriptedLlm([modelQuery]);
    const { gate: spend, errors } = gate(memory.ledger);
    const answer = await ask(offlineAskDeps({ llm: llmDeps({ client: script.llm, spend }) }), uncertain, {
      audience,
    });
    expect(script.requests).toHaveLength(0);
    expect(answer.answer).toContain('the model budget could not be checked');
    expect(errors).toEqual(['reserve']);
  });

  it('without budgets books the calls all the same and holds nothing', async () => {
    const memory = memorySpendLedger();
    const script = scriptedLlm([modelQuery]);
    const { gate: spend } = gate(memory.ledger, { limits: {} });
    await ask(offlineAskDeps({ llm: llmDeps({ client: script.llm, spend }) }), uncertain, { audience });
    expect(memory.entries).toHaveLength(1);
  });

  it('books guardrail text units when a Bedrock guardrail screened the question', async () => {
    const memory = memorySpendLedger();
    const { gate: spend } = gate(memory.ledger, { limits: {} });
    await spend.settle({
      decision: null,
      who: { user: 'U1', channel: null, team: null },
      calls: [],
      guardrailTexts: ['x'.repeat(1_500), 'y'],
    });
    // 2 + 1 text units under content, topic and pii at $0.15 + $0.15 + $0.10 per 1,000 units.
    expect(memory.entries[0]).toMatchObject({
      guardrailUnits: 3,
      costNanoUsd: 1_200_000,
      keys: { task: 'guardrail' },
    });
  });
});
