import { describe, expect, it } from 'vitest';
import { ScoutError } from '../../src/errors.ts';
import type { Guardrail, GuardrailVerdict } from '../../src/ports.ts';
import type { AskDeps } from '../../src/usecases/ask/deps.ts';
import { AnswerDraft, type PathAnswer } from '../../src/usecases/ask/draft.ts';
import { screenInput, screenOutput } from '../../src/usecases/ask/screen.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { breakerFake, llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';

type Assessed = Parameters<Guardrail['assess']>[0];

function guarded(decide: (input: Assessed) => Promise<GuardrailVerdict>) {
  const seen: Assessed[] = [];
  const breaker = breakerFake();
  const guardrail: Guardrail = {
    assess: (input) => {
      seen.push(input);
      return decide(input);
    },
  };
  const deps: AskDeps = offlineAskDeps({
    llm: llmDeps({ client: scriptedLlm([]).llm, guardrail, breaker: breaker.breaker }),
  });
  return { seen, breaker, deps, draft: new AnswerDraft(deps, 'total spend for jane@example.com') };
}

const verdict = (intervened: boolean, outputText?: string): GuardrailVerdict => ({
  intervened,
  ...(outputText ? { outputText } : {}),
  guardrail: { id: 'g1', version: '3' },
  assessments: [{ intervened }],
});

const pathAnswer = (answer: string, screen?: PathAnswer['screen']): PathAnswer => ({
  status: 'answered',
  answer,
  suggestions: [],
  ...(screen ? { screen } : {}),
});

describe('the screens', () => {
  it('refuses a question the input guardrail stops, and records its decision', async () => {
    const { deps, draft, seen } = guarded(async () => verdict(true, 'Not a question I can take.'));
    const input = await screenInput(deps, draft);
    expect(input.refusal).toMatchObject({ status: 'refused', answer: 'Not a question I can take.' });
    expect(draft.guardrail).toMatchObject({ id: 'g1', version: '3', input: [{ intervened: true }] });
    // The guardrail reads the masked question, never the address.
    expect(seen[0]?.text).not.toContain('jane@example.com');
  });

  it('keeps the model out of an answer whose guardrail cannot be reached', async () => {
    const { deps, draft, breaker } = guarded(async () => {
      throw new ScoutError('llm_unavailable', 'timeout', { retryable: true });
    });
    expect(await screenInput(deps, draft)).toEqual({ refusal: null, modelUsable: false });
    expect(breaker.events).toEqual(['failure']);
  });

  it('lets a path answer through unscreened when it did not ask for the screen', async () => {
    const { deps, draft, seen } = guarded(async () => verdict(true, 'blocked'));
    const parts = await screenOutput(deps, draft, pathAnswer('Spend was $1.2K.'));
    expect(parts.answer).toBe('Spend was $1.2K.');
    expect(seen).toHaveLength(0);
  });

  it('replaces screened text the output guardrail stops, having shown it the quoted sources', async () => {
    const { deps, draft, seen } = guarded(async () => verdict(true, 'I cannot share that answer here.'));
    const parts = await screenOutput(
      deps,
      draft,
      pathAnswer('The brief says X.', { groundingSource: 'the brief says X' }),
    );
    expect(parts).toMatchObject({
      status: 'answered',
      answer: 'I cannot share that answer here.',
      suggestions: [],
    });
    expect(seen[0]).toMatchObject({ source: 'OUTPUT', groundingSource: 'the brief says X' });
    expect(draft.guardrail?.output).toEqual([{ intervened: true }]);
  });

  it('redacts personal data from screened text locally, before the guardrail sees it, and records what fired', async () => {
    const { deps, draft, seen } = guarded(async () => verdict(false));
    const parts = await screenOutput(deps, draft, pathAnswer('Ask alice@example.com. Password: hunter2', {}));
    expect(parts.answer).toBe('Ask [email]. [filtered]');
    expect(seen[0]).toMatchObject({ text: 'Ask [email]. [filtered]' });
    expect(parts.guardrailDecisions?.filter((d) => d.fired).map((d) => [d.check, d.detail])).toEqual([
      ['personal_data', 'email'],
      ['word_filter', 'credential_word'],
    ]);
  });

  it('passes screened text the guardrail lets through unchanged', async () => {
    const { deps, draft } = guarded(async () => verdict(false));
    const parts = await screenOutput(deps, draft, pathAnswer('ok', {}));
    expect(parts.answer).toBe('ok');
  });
});
