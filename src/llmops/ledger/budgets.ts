/**
 * Spend budgets: per user per UTC day and per Slack team per UTC month, each optional. A scope
 * is one budget in one period; its key names both, so a new day or month starts from zero.
 */

export interface BudgetLimits {
  userDailyUsd?: number | undefined;
  teamMonthlyUsd?: number | undefined;
}

export interface BudgetScope {
  /** `user:U1:2026-12-02` or `team:T1:2026-12`: the budget and its period. */
  key: string;
  kind: 'user_daily' | 'team_monthly';
  id: string;
  limitUsd: number;
}

export type BudgetState = 'ok' | 'warning' | 'blocked';

/** From this share of a budget on, answers carry a warning. */
export const WARNING_SHARE = 0.8;

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
export const utcMonth = (at: Date): string => at.toISOString().slice(0, 7);

/** The budgets that apply to one asker now (none without limits or without an id to hold them). */
export function budgetScopes(
  limits: BudgetLimits,
  who: { user: string | null; team: string | null },
  now: Date,
): BudgetScope[] {
  const scopes: BudgetScope[] = [];
  if (limits.userDailyUsd !== undefined && who.user) {
    scopes.push(userDailyScope(who.user, limits.userDailyUsd, now));
  }
  if (limits.teamMonthlyUsd !== undefined && who.team) {
    scopes.push(teamMonthlyScope(who.team, limits.teamMonthlyUsd, now));
  }
  return scopes;
}

export function userDailyScope(user: string, limitUsd: number, now: Date): BudgetScope {
  return { key: `user:${user}:${utcDay(now)}`, kind: 'user_daily', id: user, limitUsd };
}

export function teamMonthlyScope(team: string, limitUsd: number, now: Date): BudgetScope {
  return { key: `team:${team}:${utcMonth(now)}`, kind: 'team_monthly', id: team, limitUsd };
}

export function budgetState(spentUsd: number, limitUsd: number): BudgetState {
  if (spentUsd >= limitUsd) return 'blocked';
  return spentUsd >= WARNING_SHARE * limitUsd ? 'warning' : 'ok';
}

const NAMES: Record<BudgetScope['kind'], string> = {
  user_daily: 'your daily model budget',
  team_monthly: "your team's monthly model budget",
};
const ENV: Record<BudgetScope['kind'], string> = {
  user_daily: 'SCOUT_BUDGET_USER_DAILY_USD',
  team_monthly: 'SCOUT_BUDGET_TEAM_MONTHLY_USD',
};

/** Said with an answer once a budget is at 80% or more. */
export function budgetWarningText(scope: BudgetScope, spentUsd: number): string {
  const share = Math.floor((spentUsd / scope.limitUsd) * 100);
  return `_(${share}% of ${NAMES[scope.kind]} of $${scope.limitUsd.toFixed(2)} is used)_`;
}

/** Said with the offline answer when a budget stopped the model call; names the budget. */
export function budgetBlockedNote(scope: BudgetScope, spentUsd: number): string {
  const left = spentUsd >= scope.limitUsd ? 'is used up' : 'has less left than one model answer can cost';
  return `_(answered without the model: ${NAMES[scope.kind]} of $${scope.limitUsd.toFixed(2)} (${ENV[scope.kind]}) ${left})_`;
}
