import { ScoutError } from '../../errors.ts';
import type { LlmCallMeta } from '../../ports.ts';
import { budgetState } from '../ledger/budgets.ts';
import type { Spender } from '../ledger/ledger-entry.ts';
import type { SpendDecision, SpendGate } from '../ledger/spend-gate.ts';
import type { BudgetRecord } from './types.ts';

const ALLOW_ALL: SpendDecision = { allowed: true, reservationId: null, scopes: [], warning: '' };

/**
 * The budget of one answer inside the gateway: the worst case is held once, before the first
 * model call (a call past a budget is never made); each call is settled as soon as it returns;
 * closing releases the hold.
 */
export class AnswerBudget {
  private pending: Promise<SpendDecision> | null = null;
  private decision: SpendDecision | null = null;
  private settledUsd = 0;
  /** Bookings started as calls returned; closing waits for them (the gate never rejects). */
  private readonly bookings: Promise<void>[] = [];

  constructor(
    private readonly gate: SpendGate | null,
    private readonly answerId: string,
    private readonly who: Spender,
    private readonly costOf: (call: LlmCallMeta) => number,
  ) {}

  reserve(): Promise<SpendDecision> {
    this.pending ??= (
      this.gate ? this.gate.reserve(this.answerId, this.who) : Promise.resolve(ALLOW_ALL)
    ).then((decision) => {
      this.decision = decision;
      return decision;
    });
    return this.pending;
  }

  /** Before a model call: the hold, or `budget_exhausted` naming the budget. */
  async require(): Promise<void> {
    const decision = await this.reserve();
    if (decision.allowed) return;
    throw new ScoutError('budget_exhausted', `model budget: ${decision.scope?.key ?? 'unchecked'}`, {
      userMessage: decision.note,
    });
  }

  /**
   * Books the calls as they return, without holding the answer up for the ledger's round trip;
   * `close` waits for every booking before it releases the hold. Returns their cost.
   */
  settleCalls(calls: readonly LlmCallMeta[]): number {
    const usd = calls.reduce((sum, call) => sum + this.costOf(call), 0);
    this.settledUsd += usd;
    if (this.gate && calls.length > 0)
      this.bookings.push(this.gate.settle({ decision: null, who: this.who, calls, guardrailTexts: [] }));
    return usd;
  }

  settleGuardrail(text: string): void {
    if (this.gate)
      this.bookings.push(
        this.gate.settle({ decision: null, who: this.who, calls: [], guardrailTexts: [text] }),
      );
  }

  /** Releases the hold and says where the budgets stand. */
  async close(): Promise<{ record: BudgetRecord; warning: string }> {
    await Promise.all(this.bookings);
    const decision = this.decision;
    if (this.gate && decision?.allowed && decision.reservationId)
      await this.gate.settle({ decision, who: this.who, calls: [], guardrailTexts: [] });
    return { record: this.record(decision), warning: decision?.allowed ? decision.warning : '' };
  }

  private record(decision: SpendDecision | null): BudgetRecord {
    const reservedUsd = decision?.allowed ? (decision.reservedUsd ?? 0) : 0;
    const base = { reservedUsd, settledUsd: this.settledUsd };
    if (!decision) return { state: 'none', ...base, scopes: [] };
    if (!decision.allowed) {
      const scope = decision.scope;
      return {
        state: scope ? 'blocked' : 'unchecked',
        ...base,
        scopes: scope
          ? [{ scope: scope.key, limitUsd: scope.limitUsd, spentUsd: scope.limitUsd, remainingUsd: 0 }]
          : [],
        note: decision.note,
      };
    }
    if (decision.scopes.length === 0) return { state: 'none', ...base, scopes: [] };
    const scopes = decision.scopes.map((scope, i) => {
      const spentUsd = (decision.spentUsd?.[i] ?? 0) + this.settledUsd;
      return {
        scope: scope.key,
        limitUsd: scope.limitUsd,
        spentUsd,
        remainingUsd: Math.max(0, scope.limitUsd - spentUsd),
      };
    });
    const states = scopes.map((s) => budgetState(s.spentUsd, s.limitUsd));
    const state = states.includes('blocked') ? 'blocked' : states.includes('warning') ? 'warning' : 'ok';
    return { state, ...base, scopes, ...(decision.warning ? { note: decision.warning } : {}) };
  }
}
