/** The copy as a person reads it (the CLI's text and the contract's `answer`). */
import { formatFixed } from '../../domain/answer/fixed-number.ts';
import { formatPercent } from '../../domain/answer/format-value.ts';
import type { AdCopyResult } from './adcopy-result.ts';

export function adCopyAnswer(result: AdCopyResult): string {
  const lines = [`Ad copy for ${result.brand} on ${result.channel} (AI-generated, check before use):`];
  for (const v of result.variants) {
    lines.push('', `${v.persona} · score ${formatFixed(v.score, 2)} · ${v.id}`, `  Headline: ${v.headline}`);
    lines.push(`  Description: ${v.description}`);
    if (v.primary_text) lines.push(`  Primary text: ${v.primary_text}`);
    lines.push(`  CTA: ${v.cta}`, `  Sources: ${v.claims.map((c) => `${c.text} (${c.source})`).join('; ')}`);
  }
  if (result.similar.length > 0) {
    lines.push('', 'Informed by these past creatives (CTR over all their months):');
    for (const s of result.similar)
      lines.push(
        `  ${s.creative_id} ${s.brand}: "${s.headline}" CTR ${formatPercent(s.ctr)} on ${s.impressions.toLocaleString('en-US')} impressions`,
      );
  }
  const image = result.image;
  if (image && image.described_by === 'offline')
    lines.push(
      '',
      `Image: ${image.format} ${image.width}×${image.height}; the image content was not described offline (only its size, shape${image.colors.length > 0 ? ' and colours' : ''} were measured).`,
    );
  if (result.degraded)
    lines.push(
      '',
      'Degraded mode: the model was unavailable, so the templates wrote this copy from measured facts.',
    );
  return lines.join('\n');
}
