import type { AskDeps } from '../../src/usecases/ask/deps.ts';
import { testParseContext } from '../fixtures/test-model.ts';
import { fakeWarehouse } from './port-fakes.ts';

const ctx = testParseContext();
let counter = 0;

/** What the offline path of ask reads, over a fake warehouse; tests add the ports they exercise. */
export function offlineAskDeps(
  overrides: Partial<AskDeps> = {},
): AskDeps & { warehouse: ReturnType<typeof fakeWarehouse> } {
  return {
    warehouse: fakeWarehouse(),
    charts: null,
    semanticModel: ctx.semanticModel,
    lexicon: ctx.lexicon,
    allowlist: new Map([['ad_performance_daily', new Set(['date', 'channel', 'spend_usd', 'industry'])]]),
    asOf: ctx.asOf,
    maxRows: 1000,
    queryTimeoutMs: 1000,
    newId: () => `a-${++counter}`,
    ...overrides,
  } as AskDeps & { warehouse: ReturnType<typeof fakeWarehouse> }; // the optional model-path ports stay unset
}
