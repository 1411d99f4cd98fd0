import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { createLogger } from '../../src/compose/logging.ts';
import { composePitch } from '../../src/compose/pitch.ts';
import type { AnalystDeps } from '../../src/compose/types.ts';
import { loadConfig } from '../../src/config.ts';
import { draftPitch } from '../../src/usecases/pitch/draft-pitch.ts';
import type { PitchResult } from '../../src/usecases/pitch/pitch-result.ts';
import { converseToolUse, type FakeBedrock, startFakeBedrock } from '../fakes/fake-bedrock.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';

let bedrock: FakeBedrock;
let analyst: AnalystDeps;
let offline: PitchResult;
const savedEnv = { ...process.env };
const KEYS = ['situation', 'opportunity', 'program', 'proof', 'next_step'];

beforeAll(async () => {
  bedrock = await startFakeBedrock();
  // The SDK's default credential chain reads these; the fake accepts any signature.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKE';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  const config = loadConfig({
    DUCKDB_PATH: sampleWarehouse,
    LLM_PROVIDER: 'bedrock',
    AWS_REGION: 'us-east-1',
    BEDROCK_ENDPOINT: bedrock.url,
  });
  analyst = await composeAnalyst(config, { logger: createLogger('silent'), charts: false });
  offline = await draftPitch({ ...composePitch(analyst), generator: null }, { brand: 'Harbourline Bank' });
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  await analyst?.close();
  await bedrock?.close();
});

describe('the pitch writer on the Bedrock path, against the fake Bedrock', () => {
  it('sends the facts in one write_pitch call, repairs a sentence with an untraced figure in one turn, and records both calls', async () => {
    expect(offline.status).toBe('drafted');
    const written = {
      sections: offline.sections.map((s, i) => ({ key: KEYS[i] ?? '', text: s.text })),
      objections: offline.objections.map((o) => ({ objection: o.objection, response: o.response })),
    };
    const untraced = {
      ...written,
      sections: written.sections.map((s, i) =>
        i === 0 ? { ...s, text: `${s.text} It spent $1,234,567.` } : s,
      ),
    };
    bedrock.onConverse(converseToolUse('write_pitch', untraced, { inputTokens: 4000, outputTokens: 700 }));
    bedrock.onConverse(converseToolUse('write_pitch', written, { inputTokens: 4800, outputTokens: 650 }));

    const pitch = await draftPitch(composePitch(analyst), {
      brand: 'Harbourline Bank',
      style: { formal: true },
    });

    const calls = bedrock.callsTo('Converse');
    expect(calls).toHaveLength(2);
    const first = JSON.stringify(calls[0]?.body);
    expect(first).toContain('write_pitch');
    // The system prompt carries the facts' displays and the formal instruction from the story template.
    for (const fact of offline.facts.slice(0, 5)) expect(first).toContain(fact.display);
    expect(first).toContain('formal register');
    const repair = JSON.stringify(calls[1]?.body);
    expect(repair).toContain('$1,234,567');
    expect(repair).toContain("fail Scout's checks");

    expect(pitch).toMatchObject({ status: 'drafted', engine: 'model', degraded: false });
    expect(pitch.llmCalls).toHaveLength(2);
    expect(pitch.promptVersions.some((v) => v.startsWith('pitch-writer@1.0.0#'))).toBe(true);
    expect(pitch.costUsd).toBeGreaterThan(0);
    expect(pitch.answer).not.toContain('$1,234,567');
    expect(pitch.checks.find((c) => c.agent === 'reviewer')?.notes.join(' ')).toContain(
      'sent back for repair',
    );
  }, 60_000);
});
