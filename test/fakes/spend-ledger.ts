import type { BudgetScope } from '../../src/llmops/ledger/budgets.ts';
import { type LedgerEntry, NANO, type UsageRow } from '../../src/llmops/ledger/ledger-entry.ts';
import type { SpendLedger } from '../../src/llmops/ledger/ports.ts';

/** The SpendLedger port in memory, the same all-or-nothing hold rule as the Redis script (no lapsing). */
export function memorySpendLedger(initialSpentUsd: Record<string, number> = {}) {
  const spent = new Map(Object.entries(initialSpentUsd).map(([k, v]) => [k, Math.round(v * NANO)]));
  const holds = new Map<string, Map<string, number>>();
  const entries: LedgerEntry[] = [];
  const held = (scope: BudgetScope) => [...(holds.get(scope.key)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const ledger: SpendLedger & { down: boolean } = {
    down: false,
    async reserve({ reservationId, scopes, worstNanoUsd }) {
      if (ledger.down) throw new Error('ledger down');
      for (const scope of scopes) {
        const s = spent.get(scope.key) ?? 0;
        if (s + held(scope) + worstNanoUsd > Math.round(scope.limitUsd * NANO))
          return { reserved: false, scope, spentNanoUsd: s, heldNanoUsd: held(scope) };
      }
      for (const scope of scopes) {
        const map = holds.get(scope.key) ?? new Map<string, number>();
        map.set(reservationId, worstNanoUsd);
        holds.set(scope.key, map);
      }
      return { reserved: true, spentNanoUsd: scopes.map((scope) => spent.get(scope.key) ?? 0) };
    },
    async settle({ reservationId, scopes, entries: booked }) {
      if (ledger.down) throw new Error('ledger down');
      const total = booked.reduce((sum, e) => sum + e.costNanoUsd, 0);
      for (const scope of scopes) {
        holds.get(scope.key)?.delete(reservationId);
        spent.set(scope.key, (spent.get(scope.key) ?? 0) + total);
      }
      entries.push(...booked);
    },
    async spent(scopes) {
      return scopes.map((scope) => spent.get(scope.key) ?? 0);
    },
    async usage({ days, by }) {
      const rows = new Map<string, UsageRow>();
      for (const e of entries.filter((entry) => days.includes(entry.day))) {
        const key = e.keys[by];
        const row = rows.get(key) ?? {
          key,
          calls: 0,
          input_tokens: 0,
          output_tokens: 0,
          cost_usd: 0,
          cache_hits: 0,
        };
        row.calls += e.calls;
        row.input_tokens += e.inputTokens;
        row.output_tokens += e.outputTokens;
        row.cache_hits += e.cacheHits;
        row.cost_usd += e.costNanoUsd / NANO;
        rows.set(key, row);
      }
      return [...rows.values()];
    },
  };
  return { ledger, entries, holds: (key: string) => holds.get(key)?.size ?? 0 };
}
