/**
 * Ad copy offline: time from a product image to a rendered review card (image facts, guarded SQL
 * for the similar creatives and personas, guidelines, templates, checks, card blocks), scale 1.
 * The Slack delivery of the card is not wired yet, so this stops at the rendered blocks.
 */
import { composeAdCopy } from '../../src/compose/adcopy.ts';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { createLogger } from '../../src/compose/logging.ts';
import { loadConfig } from '../../src/config.ts';
import { renderAdCopyCard } from '../../src/presentation/adcopy/adcopy-card.ts';
import { draftAdCopy } from '../../src/usecases/adcopy/draft-adcopy.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { makePng } from '../fixtures/png.ts';
import { ms, percentile } from './stats.ts';

console.log('\n## Ad copy (offline engine, scale 1)');
const analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
  logger: createLogger('silent'),
  charts: false,
});
try {
  const deps = composeAdCopy(analyst);
  const image = makePng(1200, 1200, [250, 248, 245], [212, 175, 55]);
  const briefs = [
    ['Aurelia Skin', 'Glow Serum', 'Social'],
    ['Harbourline Bank', 'Travel Card', 'Search'],
    ['Nebula Forge', 'Starfall Season Pass', 'Display'],
    ['Orchid Crown Hotels', 'Riverside Suite', 'Social'],
    ['Zentro Motors', 'Family SUV', 'Search'],
  ] as const;
  const samples: number[] = [];
  for (let round = 0; round < 4; round++)
    for (const [brand, product, channel] of briefs) {
      const t0 = performance.now();
      const result = await draftAdCopy(deps, { image, brand, product, channel, tone: null });
      renderAdCopyCard(result);
      if (round > 0) samples.push(performance.now() - t0);
    }
  console.log(
    `time from image to review card: p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))} over ${samples.length} briefs (first round of ${briefs.length} as warm-up)`,
  );
} finally {
  await analyst.close();
}
