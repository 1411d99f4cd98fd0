import {
  type BudgetLimits,
  type BudgetScope,
  budgetState,
  teamMonthlyScope,
  userDailyScope,
  utcDay,
  utcMonth,
} from './budgets.ts';
import { type BudgetReport, type LedgerDimension, NANO, type UsageRow } from './ledger-entry.ts';
import type { SpendLedger } from './ports.ts';

/** `scout usage`'s grouping keys (ARCHITECTURE "Answer records and usage"). */
export const USAGE_GROUPINGS = ['user', 'channel', 'model', 'task', 'prompt'] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number] & LedgerDimension;

export interface UsageReport {
  rows: UsageRow[];
  budgets: BudgetReport[];
}

/** The ledger keeps 400 days; a longer range would read days that cannot hold anything. */
export const MAX_USAGE_DAYS = 400;
const NONE = '(none)';

/** Every UTC day from `since` to `until`, both included. */
export function daysFrom(since: string, until: Date): string[] {
  const days: string[] = [];
  const last = utcDay(until);
  for (let at = new Date(`${since}T00:00:00Z`); utcDay(at) <= last; at.setUTCDate(at.getUTCDate() + 1)) {
    days.push(utcDay(at));
  }
  return days;
}

/**
 * Usage by one dimension over the days asked for, dearest first, and the state of every budget
 * now: each user who spent today against the daily budget, each team that spent this month
 * against the monthly one (configured budgets only).
 */
export async function usageReport(
  ledger: SpendLedger,
  input: { since: string; now: Date; by: UsageGrouping; limits: BudgetLimits },
): Promise<UsageReport> {
  const rows = await ledger.usage({ days: daysFrom(input.since, input.now), by: input.by });
  rows.sort((a, b) => b.cost_usd - a.cost_usd || a.key.localeCompare(b.key));
  const scopes: BudgetScope[] = [];
  const { userDailyUsd, teamMonthlyUsd } = input.limits;
  if (userDailyUsd !== undefined) {
    const users = await ledger.usage({ days: [utcDay(input.now)], by: 'user' });
    for (const { key } of users) if (key !== NONE) scopes.push(userDailyScope(key, userDailyUsd, input.now));
  }
  if (teamMonthlyUsd !== undefined) {
    const month = daysFrom(`${utcMonth(input.now)}-01`, input.now);
    const teams = await ledger.usage({ days: month, by: 'team' });
    for (const { key } of teams)
      if (key !== NONE) scopes.push(teamMonthlyScope(key, teamMonthlyUsd, input.now));
  }
  // Redis returns set members in no fixed order: sorted, the report reads the same every time.
  scopes.sort((a, b) => a.key.localeCompare(b.key));
  const spent = await ledger.spent(scopes);
  const budgets = scopes.map((scope, i): BudgetReport => {
    const spentUsd = (spent[i] ?? 0) / NANO;
    return {
      scope: scope.key,
      limit_usd: scope.limitUsd,
      spent_usd: spentUsd,
      state: budgetState(spentUsd, scope.limitUsd),
    };
  });
  // The ledger lists its keys in no particular order: budgets read in scope order.
  budgets.sort((a, b) => a.scope.localeCompare(b.scope));
  return { rows, budgets };
}
