import type { BudgetScope } from './budgets.ts';
import type { LedgerDimension, LedgerEntry, UsageRow } from './ledger-entry.ts';

export type ReserveOutcome =
  | { reserved: true; spentNanoUsd: number[] }
  | { reserved: false; scope: BudgetScope; spentNanoUsd: number; heldNanoUsd: number };

/**
 * The cost ledger and budget holds, shared by every replica (Redis in production). `reserve`
 * holds the worst case against every scope at once, or none if any scope would go over;
 * `settle` releases the hold and adds the actual cost, so concurrent questions cannot together
 * overshoot a budget. A hold nobody settles (a crashed process) lapses after `holdMs`.
 */
export interface SpendLedger {
  reserve(input: {
    reservationId: string;
    scopes: readonly BudgetScope[];
    worstNanoUsd: number;
    holdMs: number;
  }): Promise<ReserveOutcome>;
  settle(input: {
    reservationId: string;
    scopes: readonly BudgetScope[];
    entries: readonly LedgerEntry[];
  }): Promise<void>;
  /** Settled spend of each scope, nano-USD. */
  spent(scopes: readonly BudgetScope[]): Promise<number[]>;
  /** Rows summed over the days `[since, until]` by one dimension, in no particular order. */
  usage(input: { days: readonly string[]; by: LedgerDimension }): Promise<UsageRow[]>;
}
