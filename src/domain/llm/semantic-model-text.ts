import type { SemanticModel } from '../semantic/semantic-model.ts';

/**
 * The semantic model as the model sees it: names, meanings, synonyms and the values the
 * warehouse holds. Stable text, so it sits behind a cache point in every call.
 */
export function describeSemanticModelForModel(model: SemanticModel): string {
  const lines: string[] = [
    `Data: ${model.file.description} Dates ${model.dataRange.start} to ${model.dataRange.end}.`,
    '',
    'Metrics:',
  ];
  for (const metric of model.file.metrics) {
    const formula =
      metric.kind === 'ratio'
        ? `${metric.multiplier === 1 ? '' : `${metric.multiplier} × `}SUM(${metric.numerator}) / SUM(${metric.denominator})`
        : metric.kind === 'sum'
          ? `SUM(${metric.column})`
          : `COUNT(DISTINCT ${metric.column})`;
    lines.push(`- ${metric.name} (${metric.label}; ${formula}; also called: ${metric.synonyms.join(', ')})`);
  }
  lines.push('', 'Dimensions and their values:');
  for (const dim of model.file.dimensions) {
    const values = model.values.get(dim.name) ?? [];
    const shown =
      values.length > 120
        ? `${values.slice(0, 120).join(' | ')} | … (${values.length} in all)`
        : values.join(' | ');
    const aliases = Object.entries(dim.aliases)
      .map(([value, words]) => `${value} = ${words.join('/')}`)
      .join('; ');
    lines.push(
      `- ${dim.name} (${dim.label}; also called: ${dim.synonyms.join(', ') || '—'}): ${shown}${aliases ? `\n  aliases: ${aliases}` : ''}`,
    );
  }
  lines.push('', `Time grains: ${model.file.time.grains.join(', ')}; weeks start on Monday.`);
  return lines.join('\n');
}
