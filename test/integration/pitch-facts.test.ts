import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePitch } from '../../src/cli/compose-pitch.ts';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { createLogger } from '../../src/compose/logging.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import type { AnalystDeps } from '../../src/compose/types.ts';
import { loadConfig } from '../../src/config.ts';
import { quarterContaining } from '../../src/domain/pitch/program-fit.ts';
import { ScoutError } from '../../src/errors.ts';
import { loadPromptRegistry } from '../../src/llmops/prompt-registry.ts';
import { draftPitch } from '../../src/usecases/pitch/draft-pitch.ts';
import type { PitchDeps } from '../../src/usecases/pitch/pitch-deps.ts';
import type { PitchResult } from '../../src/usecases/pitch/pitch-result.ts';
import { scriptedLlm } from '../fakes/port-fakes.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';

let analyst: AnalystDeps;
let deps: PitchDeps;
let pitch: PitchResult;

beforeAll(async () => {
  analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
    logger: createLogger('silent'),
    charts: false,
  });
  deps = composePitch(analyst);
  pitch = await draftPitch(deps, { brand: 'Harbourline Bank' });
}, 60_000);

afterAll(async () => {
  await analyst?.close();
});

const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-9);

describe('a pitch on the sample warehouse: facts and program fit', () => {
  it('drafts a pitch whose every query fact returns its value from its own SQL, first column of the first row', async () => {
    expect(pitch.status).toBe('drafted');
    const queried = pitch.facts.filter((f) => f.sql !== null);
    expect(queried.length).toBeGreaterThan(40);
    for (const fact of queried) {
      const result = await analyst.warehouse.query(fact.sql ?? '');
      const cell = result.rows[0]?.[0];
      expect(typeof cell, fact.label).toBe('number');
      expect(close(cell as number, fact.value), `${fact.id} ${fact.label}: ${cell} vs ${fact.value}`).toBe(
        true,
      );
    }
    for (const fact of pitch.facts.filter((f) => f.sql === null))
      expect(fact.source).toMatch(/^data\/kb\/.+#.+/);
  }, 60_000);

  it('lists every program with eligibility and qualification recomputed here from the raw tables', async () => {
    const programs = await analyst.warehouse.query(
      'SELECT program_id, eligible_industries, CAST(starts AS VARCHAR), CAST(ends AS VARCHAR), channels, min_quarterly_spend_usd FROM programs ORDER BY 1',
    );
    expect(pitch.eligibility.map((e) => e.program_id)).toEqual(programs.rows.map((r) => r[0]));
    const q = quarterContaining(deps.asOf);
    const spend = await analyst.warehouse.query(
      `SELECT channel, SUM(spend_usd) FROM ad_performance_daily WHERE brand = 'Harbourline Bank' AND date BETWEEN DATE '${q.start}' AND DATE '${q.end}' GROUP BY channel`,
    );
    const byChannel = new Map(spend.rows.map((r) => [String(r[0]), Number(r[1])]));
    for (const [id, industries, starts, ends, channels, min] of programs.rows) {
      const eligible =
        String(industries).split(', ').includes('Financial Services') &&
        String(starts) <= deps.asOf &&
        deps.asOf <= String(ends);
      const channelSpend = String(channels)
        .split(', ')
        .reduce((sum, c) => sum + (byChannel.get(c) ?? 0), 0);
      const entry = pitch.eligibility.find((e) => e.program_id === id);
      expect(entry?.eligible, String(id)).toBe(eligible);
      expect(entry?.qualifies, String(id)).toBe(eligible && channelSpend >= Number(min));
    }
    const chosen = pitch.eligibility.find((e) => e.program_id === pitch.program?.program_id);
    expect(chosen?.eligible).toBe(true);
  });

  it('suggests the closest brands for a misspelt one and drafts nothing', async () => {
    const result = await draftPitch(deps, { brand: 'Harbourlne Bank' });
    expect(result.status).toBe('clarify');
    expect(result.suggestions[0]).toBe('Harbourline Bank');
    expect(result.brand).toBeNull();
  });

  it('refuses a program the brand is not eligible for, naming the ones it is', async () => {
    const result = await draftPitch(deps, { brand: 'Harbourline Bank', program: 'PRG-03' });
    expect(result.status).toBe('clarify');
    expect(result.suggestions).toContain('PRG-02');
    expect(result.suggestions).not.toContain('PRG-03');
  });

  it('delivers a model-written pitch only through the same checks, and degrades to the templates when the model fails', async () => {
    const writer = loadPromptRegistry(`${projectRoot}/prompts`).get('pitch-writer');
    const keys = ['situation', 'opportunity', 'program', 'proof', 'next_step'];
    const output = {
      sections: pitch.sections.map((s, i) => ({ key: keys[i], text: s.text })),
      objections: pitch.objections,
    };
    const { llm, requests } = scriptedLlm([output]);
    const written = await draftPitch(
      { ...deps, generator: { llm, writer, costOf: () => 0.002 } },
      { brand: 'Harbourline Bank' },
    );
    expect(written).toMatchObject({ status: 'drafted', engine: 'model', degraded: false, costUsd: 0.002 });
    expect(requests).toHaveLength(1);
    expect(written.promptVersions.some((v) => v.startsWith('pitch-writer@1.0.0#'))).toBe(true);

    const untraced = {
      ...output,
      sections: output.sections.map((s, i) =>
        i === 0 ? { ...s, text: `${s.text} It spent $1,234,567.` } : s,
      ),
    };
    const stubborn = scriptedLlm([untraced, untraced]);
    const refused = await draftPitch(
      { ...deps, generator: { llm: stubborn.llm, writer, costOf: () => 0 } },
      { brand: 'Harbourline Bank' },
    );
    expect(stubborn.requests).toHaveLength(2);
    expect(refused.status).toBe('error');
    expect(refused.sections).toEqual([]);

    const down = scriptedLlm([new ScoutError('llm_unavailable', 'throttled', { retryable: true })]);
    const degraded = await draftPitch(
      { ...deps, generator: { llm: down.llm, writer, costOf: () => 0 } },
      { brand: 'Harbourline Bank' },
    );
    expect(degraded).toMatchObject({ status: 'drafted', engine: 'offline', degraded: true });
  }, 60_000);
});
