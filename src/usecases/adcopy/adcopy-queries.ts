/** The SQL of the ad-copy pipeline, each statement through the guard (values quoted as SQL strings). */
import type { PersonaStanding, SimilarCreative } from '../../domain/adcopy/copy.ts';
import { rankPersonas } from '../../domain/adcopy/copy.ts';
import { sqlString } from '../../domain/sql/dialects.ts';
import { runGuarded as run } from '../pitch/fact-queries.ts';
import { type AdCopyDeps, MIN_IMPRESSIONS } from './adcopy-deps.ts';

export interface BrandRow {
  brand: string;
  industry: string;
  tier: string;
}

export async function readBrands(deps: AdCopyDeps): Promise<BrandRow[]> {
  const { rows } = await run(deps, 'SELECT brand, industry, tier FROM brands ORDER BY brand');
  return rows.map((r) => ({ brand: String(r[0]), industry: String(r[1]), tier: String(r[2]) }));
}

/** One creative's figures over all its months: the SQL a similar creative's CTR is recomputed with. */
export function creativeFiguresSql(creativeId: string): string {
  return `SELECT CAST(SUM(clicks) AS DOUBLE) / SUM(impressions) AS ctr, SUM(impressions) AS impressions, SUM(clicks) AS clicks
FROM creative_performance_monthly WHERE creative_id = ${sqlString(creativeId)}`;
}

/**
 * The best past creatives on the channel: the brand's own first, then its industry's, ranked by
 * CTR over all their months, each with at least MIN_IMPRESSIONS impressions.
 */
export async function similarCreatives(
  deps: AdCopyDeps,
  input: { brand: string; industry: string; channel: string },
  limit = 5,
): Promise<SimilarCreative[]> {
  const { rows } = await run(
    deps,
    `SELECT c.creative_id, c.headline, c.brand, c.persona, c.cta,
       SUM(p.impressions) AS impressions, SUM(p.clicks) AS clicks,
       CAST(SUM(p.clicks) AS DOUBLE) / SUM(p.impressions) AS ctr
FROM creatives c JOIN creative_performance_monthly p ON p.creative_id = c.creative_id
WHERE c.industry = ${sqlString(input.industry)} AND c.channel = ${sqlString(input.channel)}
GROUP BY c.creative_id, c.headline, c.brand, c.persona, c.cta
HAVING SUM(p.impressions) >= ${MIN_IMPRESSIONS}
ORDER BY CASE WHEN c.brand = ${sqlString(input.brand)} THEN 0 ELSE 1 END, ctr DESC, c.creative_id
LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    creative_id: String(r[0]),
    headline: String(r[1]),
    brand: String(r[2]),
    persona: String(r[3]),
    cta: String(r[4]),
    impressions: Number(r[5]),
    clicks: Number(r[6]),
    ctr: Number(r[7]),
    sql: creativeFiguresSql(String(r[0])),
  }));
}

/** Each persona's CTR for the industry and channel (personas under the impressions gate unranked). */
export async function personaStandings(
  deps: AdCopyDeps,
  input: { industry: string; channel: string },
): Promise<PersonaStanding[]> {
  const { rows } = await run(
    deps,
    `SELECT c.persona, SUM(p.impressions) AS impressions, CAST(SUM(p.clicks) AS DOUBLE) / SUM(p.impressions) AS ctr
FROM creatives c JOIN creative_performance_monthly p ON p.creative_id = c.creative_id
WHERE c.industry = ${sqlString(input.industry)} AND c.channel = ${sqlString(input.channel)}
GROUP BY c.persona
HAVING SUM(p.impressions) >= ${MIN_IMPRESSIONS}`,
  );
  const measured = rows.map((r) => ({ persona: String(r[0]), impressions: Number(r[1]), ctr: Number(r[2]) }));
  return rankPersonas(
    deps.prompts.personas.map((p) => p.persona),
    measured,
  );
}
