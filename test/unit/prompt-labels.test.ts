import { describe, expect, it } from 'vitest';
import { isScoutError } from '../../src/errors.ts';
import { labelsOf, promotion, rollback } from '../../src/llmops/experiments/labels.ts';
import { labelHistory, moveLabel } from '../../src/llmops/experiments/prompt-labels.ts';
import type { PromptRegistry } from '../../src/llmops/prompt-registry.ts';
import { memoryLabelStore, promptVersion } from '../fakes/prompt-labels.ts';

const templates = [
  promptVersion('metric-query', '1.0.0'),
  promptVersion('metric-query', '1.1.0', ['production']),
  promptVersion('metric-query', '1.2.0'),
];
const registry: PromptRegistry = {
  get: (task, version) => {
    const found = templates.find((t) => t.id === task && t.version === version);
    if (!found) throw new Error(`no ${task}@${version}`);
    return found;
  },
  list: () => templates,
};
const at = new Date('2026-01-05T10:00:00Z');
const move = (version?: string, extra: Record<string, unknown> = {}) => ({
  task: 'metric-query',
  label: 'production' as const,
  ...(version ? { version } : {}),
  by: 'ana',
  reason: 'test',
  at,
  ...extra,
});

describe('prompt labels', () => {
  it('start at the committed front matter: production 1.1.0, no canary, no shadow', () => {
    expect(labelsOf('metric-query', templates, [])).toEqual({
      task: 'metric-query',
      production: '1.1.0',
      canary: null,
      shadow: null,
    });
  });

  it('falls back to the highest version when no file carries production', () => {
    const unlabelled = [promptVersion('t', '1.0.0'), promptVersion('t', '2.0.0')];
    expect(labelsOf('t', unlabelled, []).production).toBe('2.0.0');
  });

  it('records who, when, why and from -> to on a promotion, in an append-only history', async () => {
    const deps = { registry, store: memoryLabelStore() };
    await moveLabel(deps, 'promote', move('1.2.0'));
    await moveLabel(deps, 'promote', { ...move('1.0.0'), label: 'canary', weightPct: 10, by: 'bo' });
    const history = await labelHistory(deps, 'metric-query');
    expect(history).toEqual([
      expect.objectContaining({
        action: 'promote',
        label: 'production',
        from: '1.1.0',
        to: '1.2.0',
        by: 'ana',
        reason: 'test',
        at: at.toISOString(),
      }),
      expect.objectContaining({
        action: 'promote',
        label: 'canary',
        from: null,
        to: '1.0.0',
        weightPct: 10,
        by: 'bo',
      }),
    ]);
    expect(labelsOf('metric-query', templates, history)).toMatchObject({
      production: '1.2.0',
      canary: { version: '1.0.0', weightPct: 10 },
    });
  });

  it('rolls production back to the previous version, and again to the one before (a stack, not a toggle)', async () => {
    const deps = { registry, store: memoryLabelStore() };
    await moveLabel(deps, 'promote', move('1.2.0'));
    await moveLabel(deps, 'promote', move('1.0.0'));
    const first = await moveLabel(deps, 'rollback', move());
    expect(first).toMatchObject({ action: 'rollback', from: '1.0.0', to: '1.2.0' });
    const second = await moveLabel(deps, 'rollback', move());
    expect(second).toMatchObject({ from: '1.2.0', to: '1.1.0' });
    const history = await labelHistory(deps, 'metric-query');
    expect(history).toHaveLength(4);
    expect(labelsOf('metric-query', templates, history).production).toBe('1.1.0');
    expect(() => rollback(templates, history, move())).toThrow(/no earlier production version/);
  });

  it('rolls back to a named earlier version, and refuses one that never held the label', () => {
    const history = [promotion(templates, [], move('1.2.0'))];
    history.push(promotion(templates, history, move('1.0.0')));
    expect(rollback(templates, history, move('1.1.0'))).toMatchObject({ from: '1.0.0', to: '1.1.0' });
    const events = [...history, rollback(templates, history, move('1.1.0'))];
    expect(labelsOf('metric-query', templates, events).production).toBe('1.1.0');
    expect(() => rollback(templates, history, move('9.9.9'))).toThrow(/was never production/);
  });

  it('ends a canary by rolling it back to none', () => {
    const history = [promotion(templates, [], { ...move('1.2.0'), label: 'canary', weightPct: 25 })];
    const end = rollback(templates, history, { ...move(), label: 'canary' });
    expect(end).toMatchObject({ label: 'canary', from: '1.2.0', to: null });
    expect(labelsOf('metric-query', templates, [...history, end]).canary).toBeNull();
  });

  it('refuses an unknown task or version with a user-safe message', async () => {
    const deps = { registry, store: memoryLabelStore() };
    const unknownTask = await moveLabel(deps, 'promote', { ...move('1.0.0'), task: 'nope' }).catch((e) => e);
    expect(isScoutError(unknownTask) && unknownTask.userMessage).toMatch(/no prompt task nope/);
    const unknownVersion = await moveLabel(deps, 'promote', move('3.0.0')).catch((e) => e);
    expect(isScoutError(unknownVersion) && unknownVersion.userMessage).toMatch(/has no version 3.0.0/);
    expect(deps.store.lists.size).toBe(0);
  });

  it('refuses a canary on the production version, and a weight on production', () => {
    expect(() => promotion(templates, [], { ...move('1.1.0'), label: 'canary' })).toThrow(
      /already production/,
    );
    expect(() => promotion(templates, [], { ...move('1.2.0'), weightPct: 5 })).toThrow(/--weight/);
  });

  it('refuses a move made on a stale view of the history', async () => {
    const store = memoryLabelStore();
    const deps = { registry, store };
    const stale = { ...store, history: async () => ({ events: [], length: 0 }) };
    await moveLabel(deps, 'promote', move('1.2.0'));
    const error = await moveLabel({ registry, store: stale }, 'promote', move('1.0.0')).catch((e) => e);
    expect(isScoutError(error) && error.userMessage).toMatch(/moved meanwhile/);
    expect(store.lists.get('metric-query')).toHaveLength(1);
  });
});
