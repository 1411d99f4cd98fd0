import type { LlmCallMeta } from '../../ports.ts';
import { type GuardrailPolicy, guardrailTextUnits } from '../pricing.ts';
import {
  type BudgetLimits,
  type BudgetScope,
  budgetBlockedNote,
  budgetScopes,
  budgetState,
  budgetWarningText,
  utcDay,
} from './budgets.ts';
import { entryForCall, entryForGuardrail, NANO, type Spender, toNano } from './ledger-entry.ts';
import type { SpendLedger } from './ports.ts';

/**
 * Budgets around the model path: before it, hold the worst case a question can cost against
 * every budget of the asker; after it, release the hold and book what the calls actually cost
 * in the ledger. A budget that cannot take the worst case stops the model call.
 */

export type SpendDecision =
  | {
      allowed: true;
      reservationId: string | null;
      scopes: BudgetScope[];
      warning: string;
      /** Each scope's settled spend before this hold, USD (when a hold was taken). */
      spentUsd?: number[];
      /** The worst case held, USD. */
      reservedUsd?: number;
    }
  | { allowed: false; note: string; scope: BudgetScope | null };

export interface SpendGate {
  reserve(reservationId: string, who: Spender): Promise<SpendDecision>;
  settle(input: {
    decision: SpendDecision | null;
    who: Spender;
    calls: readonly LlmCallMeta[];
    /** Texts a Bedrock guardrail assessed for this question (billed in text units). */
    guardrailTexts: readonly string[];
  }): Promise<void>;
}

export interface SpendGateOptions {
  ledger: SpendLedger;
  limits: BudgetLimits;
  worstCaseUsd: number;
  /** A hold lapses after this long (a process that died mid-question never settles). */
  holdMs: number;
  guardrailPolicies: readonly GuardrailPolicy[];
  now: () => Date;
  onError: (error: unknown, operation: string) => void;
}

const UNCHECKED_NOTE = '_(answered without the model: the model budget could not be checked just now)_';

export function createSpendGate(options: SpendGateOptions): SpendGate {
  return {
    async reserve(reservationId, who) {
      const scopes = budgetScopes(options.limits, who, options.now());
      if (scopes.length === 0) return { allowed: true, reservationId: null, scopes, warning: '' };
      try {
        const outcome = await options.ledger.reserve({
          reservationId,
          scopes,
          worstNanoUsd: toNano(options.worstCaseUsd),
          holdMs: options.holdMs,
        });
        if (!outcome.reserved) {
          return {
            allowed: false,
            scope: outcome.scope,
            note: budgetBlockedNote(outcome.scope, outcome.spentNanoUsd / NANO),
          };
        }
        const warnings = scopes.flatMap((scope, i) => {
          const spent = (outcome.spentNanoUsd[i] ?? 0) / NANO;
          return budgetState(spent, scope.limitUsd) === 'warning' ? [budgetWarningText(scope, spent)] : [];
        });
        return {
          allowed: true,
          reservationId,
          scopes,
          warning: warnings.join(' '),
          spentUsd: scopes.map((_, i) => (outcome.spentNanoUsd[i] ?? 0) / NANO),
          reservedUsd: options.worstCaseUsd,
        };
      } catch (error) {
        // A budget that cannot be checked is not enforced by calling the model anyway.
        options.onError(error, 'reserve');
        return { allowed: false, scope: null, note: UNCHECKED_NOTE };
      }
    },

    async settle({ decision, who, calls, guardrailTexts }) {
      const day = utcDay(options.now());
      const units = guardrailTexts.reduce((sum, text) => sum + guardrailTextUnits(text), 0);
      const entries = [
        ...calls.map((call) => entryForCall(call, who, day)),
        ...(units > 0 ? [entryForGuardrail(units, options.guardrailPolicies, who, day)] : []),
      ];
      const held = decision?.allowed ? decision : null;
      if (entries.length === 0 && !held?.reservationId) return;
      try {
        await options.ledger.settle({
          reservationId: held?.reservationId ?? '',
          scopes: held?.scopes ?? budgetScopes(options.limits, who, options.now()),
          entries,
        });
      } catch (error) {
        options.onError(error, 'settle');
      }
    },
  };
}
