import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePitch } from '../../src/cli/compose-pitch.ts';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { createLogger } from '../../src/compose/logging.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import type { AnalystDeps } from '../../src/compose/types.ts';
import { loadConfig } from '../../src/config.ts';
import { parsePitchGoldenSet } from '../../src/llmops/eval/pitch-golden-set.ts';
import { type PitchEvalReport, runPitchEval } from '../../src/llmops/eval/run-pitch-eval.ts';
import { draftPitch } from '../../src/usecases/pitch/draft-pitch.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { guidelinesFor, neverPhrases } from '../fixtures/guidelines.ts';

const kb = resolve(projectRoot, 'data/kb');

let analyst: AnalystDeps;
let report: PitchEvalReport;
const items = parsePitchGoldenSet(readFileSync(resolve(projectRoot, 'eval/pitch-golden.yml'), 'utf8'));

beforeAll(async () => {
  analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
    logger: createLogger('silent'),
    charts: false,
  });
  const deps = composePitch(analyst);
  const programs = await analyst.warehouse.query('SELECT program_id, name FROM programs ORDER BY 1');
  const house = neverPhrases(resolve(kb, 'pitch-style/house-pitch-style.md'));
  report = await runPitchEval(
    {
      pitch: (item) =>
        draftPitch(
          { ...deps, asOf: item.as_of ?? deps.asOf },
          { brand: item.brand, program: item.program ?? null, goal: item.goal ?? null },
        ),
      recompute: async (sql) => (await analyst.warehouse.query(sql)).rows[0]?.[0],
      forbidden: (brand) => {
        const own = guidelinesFor(brand);
        return [...house, ...(own ? neverPhrases(own) : [])];
      },
      hasGuidelines: (brand) => guidelinesFor(brand) !== null,
      programs: programs.rows.map(([id, name]) => ({ id: String(id), name: String(name) })),
    },
    items,
  );
}, 600_000);

afterAll(async () => {
  await analyst?.close();
});

describe('the pitch golden set (eval/pitch-golden.yml)', () => {
  it('covers at least 20 brands across every industry and tier, with the situations the issue names', () => {
    const brands = new Set(items.map((i) => i.brand));
    expect(brands.size).toBeGreaterThanOrEqual(20);
    expect(items.some((i) => i.expect.status === 'refused' && i.as_of)).toBe(true);
    expect(items.some((i) => i.expect.narrative === 'under_qualifying')).toBe(true);
    expect(items.some((i) => i.expect.guidelines)).toBe(true);
  });

  it('drafts every expected pitch with facts that recompute, no untraced figure, no ineligible program, no forbidden claim, every section', () => {
    const problems = report.cases.flatMap((c) =>
      [
        ...c.misses,
        ...c.mismatched,
        ...c.untraced.map((f) => `untraced ${f}`),
        ...c.ineligible,
        ...c.forbidden,
        ...c.missing,
      ].map((p) => `${c.id} ${c.brand}: ${p}`),
    );
    expect(problems).toEqual([]);
    expect(report.drafted).toBeGreaterThanOrEqual(20);
    expect(report.facts).toBeGreaterThan(1000);
    expect(report.mismatchedFacts).toBe(0);
    expect(report.untracedFigures).toBe(0);
    expect(report.ineligiblePrograms).toBe(0);
    expect(report.forbiddenClaims).toBe(0);
    expect(report.missingSections).toBe(0);
  });
});
