import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directMessageAudience } from '../../src/domain/audience.ts';
import { promotion } from '../../src/llmops/experiments/labels.ts';
import { createPromptExperiments } from '../../src/llmops/experiments/prompt-labels.ts';
import { loadPromptRegistry } from '../../src/llmops/prompt-registry.ts';
import { ask } from '../../src/usecases/ask/ask.ts';
import { buildAnswerRecords } from '../../src/usecases/ask/build-answer-record.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { llmCallMeta, llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';
import { memoryLabelStore } from '../fakes/prompt-labels.ts';

const registry = loadPromptRegistry(resolve(import.meta.dirname, '../../prompts'));
const modelQuery = { query: { metrics: ['spend'], time: { kind: 'year', year: 2025 } } };
const uncertain = 'total spend in 2025 pretty please';
const at = new Date('2026-01-05T10:00:00Z');

/** The scripted model, reporting the prompt each request really carried (as the Bedrock adapter does). */
function modelAnswering(outputs: unknown[]) {
  const script = scriptedLlm(outputs);
  const callTool: typeof script.llm.callTool = async (request, validate) => {
    const result = await script.llm.callTool(request, validate);
    const meta = llmCallMeta({
      prompt: { id: request.system.id, version: request.system.version, hash: request.system.hash },
    });
    return { ...result, meta, calls: [meta] };
  };
  return { requests: script.requests, llm: { ...script.llm, callTool } };
}

async function experimentsWith(label: 'canary' | 'shadow', weightPct: number) {
  const store = memoryLabelStore();
  const templates = registry.list().filter((t) => t.id === 'metric-query');
  const move = { task: 'metric-query', label, version: '1.0.0', weightPct, by: 'ana', reason: 'test', at };
  await store.append(promotion(templates, [], move), 0);
  return createPromptExperiments({ registry, store, now: () => 0, cacheMs: 5_000 });
}

describe('ask under a prompt experiment', () => {
  it('serves the canary version to a user in the canary and records the variant', async () => {
    const script = modelAnswering([modelQuery]);
    const deps = offlineAskDeps({
      llm: llmDeps({ client: script.llm }),
      experiments: await experimentsWith('canary', 100),
    });
    const answer = await ask(deps, uncertain, { audience: directMessageAudience('U1') });
    expect(script.requests[0]?.system).toMatchObject({ id: 'metric-query', version: '1.0.0' });
    expect(answer.variants).toContainEqual({ task: 'metric-query', version: '1.0.0', label: 'canary' });
    const [record] = buildAnswerRecords(answer, { surface: 'dm', user: 'U1', latencyMs: 1, createdAt: at });
    expect(record.variants).toContainEqual({ task: 'metric-query', version: '1.0.0', label: 'canary' });
  });

  it('runs a sampled shadow beside production: a second answer, never the one returned', async () => {
    const script = modelAnswering([modelQuery, modelQuery]);
    const deps = offlineAskDeps({
      llm: llmDeps({ client: script.llm }),
      experiments: await experimentsWith('shadow', 100),
    });
    const answer = await ask(deps, uncertain, { audience: directMessageAudience('U1') });
    const versions = script.requests.map((r) => r.system.version).sort();
    expect(versions).toEqual(['1.0.0', '1.1.0']);
    expect(answer.variants).toContainEqual({ task: 'metric-query', version: '1.1.0', label: 'production' });
    expect(answer.shadow).toMatchObject({ id: `${answer.id}-shadow`, shadowOf: answer.id });
    expect(answer.shadow?.variants).toEqual([{ task: 'metric-query', version: '1.0.0', label: 'shadow' }]);
    const records = buildAnswerRecords(answer, { surface: 'dm', user: 'U1', latencyMs: 1, createdAt: at });
    expect(records.map((r) => r.shadowOf ?? null)).toEqual([null, answer.id]);
  });

  it('serves the labelled production with no experiment, and records it only where it differs from the composed prompt', async () => {
    const script = modelAnswering([modelQuery]);
    const experiments = createPromptExperiments({
      registry,
      store: memoryLabelStore(),
      now: () => 0,
      cacheMs: 0,
    });
    const deps = offlineAskDeps({ llm: llmDeps({ client: script.llm }), experiments });
    const answer = await ask(deps, uncertain, { audience: directMessageAudience('U1') });
    expect(script.requests[0]?.system.version).toBe('1.1.0');
    // The test's composed metric-query is 1.0.0: the label store's production (1.1.0) serves and is recorded.
    expect(answer.variants).toEqual([{ task: 'metric-query', version: '1.1.0', label: 'production' }]);
    expect(answer.shadow).toBeUndefined();
  });

  it('records no variant and keeps no shadow for an answer no model read a prompt for', async () => {
    const script = modelAnswering([modelQuery, modelQuery]);
    const deps = offlineAskDeps({
      llm: llmDeps({ client: script.llm }),
      experiments: await experimentsWith('shadow', 100),
    });
    const answer = await ask(deps, 'total spend in 2025', { audience: directMessageAudience('U1') });
    expect(answer).toMatchObject({ status: 'answered', path: 'offline' });
    expect(answer.variants).toBeUndefined();
    expect(answer.shadow).toBeUndefined();
    expect(script.requests).toHaveLength(0);
  });
});
