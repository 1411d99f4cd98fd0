import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { composeAdCopy } from '../../src/compose/adcopy.ts';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { createLogger } from '../../src/compose/logging.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import type { AnalystDeps } from '../../src/compose/types.ts';
import { loadConfig } from '../../src/config.ts';
import { type AdChannel, limitsFor } from '../../src/domain/adcopy/copy.ts';
import type { AdCopyResult } from '../../src/usecases/adcopy/adcopy-result.ts';
import { draftAdCopy } from '../../src/usecases/adcopy/draft-adcopy.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { guidelinesFor, neverPhrases } from '../fixtures/guidelines.ts';
import { makePng } from '../fixtures/png.ts';

const rgb = (hex: string): [number, number, number] => {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

const caseSchema = z.strictObject({
  id: z.string(),
  brand: z.string(),
  product: z.string(),
  channel: z.enum(['Search', 'Social', 'Display', 'Native', 'Online Video', 'CTV']),
  image: z.tuple([z.number().int(), z.number().int(), z.string(), z.string()]),
  expect: z.enum(['drafted', 'clarify', 'refused']),
});
const cases = z
  .array(caseSchema)
  .parse(parseYaml(readFileSync(resolve(projectRoot, 'eval/adcopy-golden.yml'), 'utf8')));

let analyst: AnalystDeps;
const results = new Map<string, AdCopyResult>();

beforeAll(async () => {
  analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
    logger: createLogger('silent'),
    charts: false,
  });
  const deps = composeAdCopy(analyst);
  for (const c of cases) {
    const [width, height, background, product] = c.image;
    const image = makePng(width, height, rgb(background), rgb(product));
    results.set(
      c.id,
      await draftAdCopy(deps, { image, brand: c.brand, product: c.product, channel: c.channel, tone: null }),
    );
  }
}, 120_000);

afterAll(async () => {
  await analyst?.close();
});

const drafted = cases.filter((c) => c.expect === 'drafted');

describe('ad-copy golden set', () => {
  it('has at least 20 briefs, and each comes back with the expected status', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) expect([c.id, results.get(c.id)?.status]).toEqual([c.id, c.expect]);
  });

  it('drafts at least three persona variants, each within its channel limits', () => {
    for (const c of drafted) {
      const result = results.get(c.id);
      expect(result?.variants.length, c.id).toBeGreaterThanOrEqual(3);
      expect(new Set(result?.variants.map((v) => v.persona)).size).toBe(result?.variants.length);
      const limits = limitsFor(c.channel as AdChannel);
      for (const v of result?.variants ?? []) {
        expect(v.headline.length, `${c.id} ${v.headline}`).toBeLessThanOrEqual(limits.headline);
        expect(v.description.length, c.id).toBeLessThanOrEqual(limits.description);
        if (limits.primaryText === null) expect(v.primary_text).toBeNull();
        else expect((v.primary_text ?? '').length, c.id).toBeLessThanOrEqual(limits.primaryText);
        expect(v.score).toBeGreaterThan(0);
        expect(v.score).toBeLessThanOrEqual(1);
      }
    }
  });

  it("makes no claim the brand's guidelines forbid (read from the document here)", () => {
    for (const c of drafted) {
      const path = guidelinesFor(c.brand.replace(/\b\w/g, (l) => l.toUpperCase()));
      if (!path) continue;
      const phrases = neverPhrases(path);
      expect(phrases.length).toBeGreaterThan(0);
      for (const v of results.get(c.id)?.variants ?? []) {
        const text = [v.headline, v.description, v.primary_text ?? '', v.cta].join(' ').toLowerCase();
        for (const phrase of phrases) expect(text, `${c.id}: ${phrase}`).not.toContain(phrase.toLowerCase());
      }
    }
  });

  it('sources every claim: the brief, the catalog, the measured image, a guideline read or a similar creative shown', () => {
    for (const c of drafted) {
      const result = results.get(c.id);
      const shown = new Set(result?.similar.map((s) => `creative:${s.creative_id}`));
      for (const v of result?.variants ?? []) {
        expect(v.claims.length).toBeGreaterThan(0);
        for (const claim of v.claims) {
          if (claim.source === 'brief') expect(c.product).toContain(claim.text);
          else if (claim.source === 'catalog') expect(claim.text).toBe(result?.brand);
          else if (claim.source === 'image') expect(result?.image?.colors.length).toBeGreaterThan(0);
          else if (claim.source.startsWith('creative:')) expect(shown.has(claim.source)).toBe(true);
          else expect(claim.source).toBe(result?.guidelines);
          const copy = [v.headline, v.description, v.primary_text ?? '', v.cta].join(' ');
          expect(copy.toLowerCase()).toContain(claim.text.toLowerCase());
        }
      }
    }
  });

  it('shows similar creatives whose CTR and impressions SQL recomputes, best first within the gate', async () => {
    for (const c of drafted) {
      const result = results.get(c.id);
      expect(result?.similar.length, c.id).toBeGreaterThan(0);
      for (const s of result?.similar ?? []) {
        const { rows } = await analyst.warehouse.query(
          `SELECT SUM(p.clicks), SUM(p.impressions), MIN(c.channel), MIN(c.industry) FROM creative_performance_monthly p
           JOIN creatives c USING (creative_id) WHERE creative_id = '${s.creative_id}'`,
        );
        const [clicks, impressions, channel, industry] = rows[0] ?? [];
        expect(s.impressions).toBe(Number(impressions));
        expect(s.ctr).toBeCloseTo(Number(clicks) / Number(impressions), 12);
        expect(s.impressions).toBeGreaterThanOrEqual(100_000);
        expect([channel, industry]).toEqual([c.channel, result?.industry]);
      }
      const own = (result?.similar ?? []).filter((s) => s.brand === result?.brand).map((s) => s.ctr);
      expect(own).toEqual([...own].sort((a, b) => b - a));
    }
  });

  it('says the image content was not described offline, with the measured facts', () => {
    const result = results.get('ac-01');
    expect(result?.image).toMatchObject({
      width: 1200,
      height: 1200,
      format: 'png',
      described_by: 'offline',
    });
    expect(result?.image?.colors[0]).toBe('#faf8f5');
    expect(result?.image?.colors).toContain('#d4af37');
    expect(result?.answer).toMatch(/not described offline/);
  });

  it('suggests the closest brands for an unknown one', () => {
    expect(results.get('ac-23')?.suggestions).toContain('Aurelia Skin');
    expect(results.get('ac-24')?.suggestions).toContain('Harbourline Bank');
  });
});
