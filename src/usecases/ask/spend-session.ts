import type { Spender } from '../../llmops/ledger/ledger-entry.ts';
import type { SpendDecision, SpendGate } from '../../llmops/ledger/spend-gate.ts';
import type { AskAnswer } from './answer-types.ts';

/**
 * One question's spend: the hold taken where the ask path chooses the model, and the booking of
 * what its calls cost once the answer is ready. Without a gate (offline, or no ledger) it
 * allows everything and books nothing.
 */
export interface SpendSession {
  /** Hold the worst case against the asker's budgets; not allowed: answer offline with `note`. */
  reserve(answerId: string): Promise<SpendDecision>;
  /** Book the answer's calls and release the hold; a budget warning is added to the answer. */
  close(answer: AskAnswer): Promise<AskAnswer>;
}

const ALLOW_ALL: SpendDecision = { allowed: true, reservationId: null, scopes: [], warning: '' };

export function openSpendSession(gate: SpendGate | null | undefined, who: Spender): SpendSession {
  let decision: SpendDecision | null = null;
  return {
    async reserve(answerId) {
      decision = gate ? await gate.reserve(answerId, who) : ALLOW_ALL;
      return decision;
    },
    async close(answer) {
      if (!gate) return answer;
      // A Bedrock guardrail bills the question it screened and each output it screened.
      const guardrailTexts = answer.guardrail
        ? [answer.question, ...(answer.guardrail.output ? [answer.answer] : [])]
        : [];
      await gate.settle({ decision, who, calls: answer.llmCalls, guardrailTexts });
      const warning = decision?.allowed ? decision.warning : '';
      return warning ? { ...answer, answer: `${answer.answer} ${warning}` } : answer;
    },
  };
}
