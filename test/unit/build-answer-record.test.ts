import { describe, expect, it } from 'vitest';
import type { LlmCallMeta } from '../../src/ports.ts';
import { buildAnswerRecord } from '../../src/usecases/ask/build-answer-record.ts';
import { AnswerDraft } from '../../src/usecases/ask/draft.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { llmCallMeta } from '../fakes/port-fakes.ts';

const call = (sentPrompts?: LlmCallMeta['sentPrompts']) =>
  llmCallMeta({
    prompt: { id: 'metric-query', version: '1.1.0', hash: 'aaaa' },
    ...(sentPrompts ? { sentPrompts } : {}),
  });

describe('the answer record', () => {
  it('lists every versioned text a model read: system prompts first, then tool descriptions, once each', () => {
    const draft = new AnswerDraft(offlineAskDeps(), 'total spend in 2025 pretty please');
    const tool = { id: 'metric-query-tool-sql', version: '1.0.0', hash: 'bbbb' };
    const field = { id: 'search-documents-field', version: '1.0.0', hash: 'cccc' };
    draft.addCalls([call([tool, field]), call([tool, field]), call()]);
    const answer = draft.finish({ status: 'answered', answer: 'ok', suggestions: [] });
    const record = buildAnswerRecord(answer, { surface: 'cli', latencyMs: 1, createdAt: new Date(0) });
    expect(record.promptVersions).toEqual([
      'metric-query@1.1.0#aaaa',
      'metric-query-tool-sql@1.0.0#bbbb',
      'search-documents-field@1.0.0#cccc',
    ]);
  });
});
