import type { CellValue } from '../../ports.ts';

const numberPattern = /(?<![\w.])[-−]?\$?\d[\d,]*(?:\.\d+)?\s?(?:%|[KMB]\b|×)?/g;

function parseFigure(token: string): { value: number; percent: boolean } | null {
  const clean = token.replace(/[$,\s×]/g, '').replace('−', '-');
  const suffix = clean.at(-1) ?? '';
  const multiplier = suffix === 'K' ? 1e3 : suffix === 'M' ? 1e6 : suffix === 'B' ? 1e9 : 1;
  const percent = suffix === '%';
  const digits = multiplier !== 1 || percent ? clean.slice(0, -1) : clean;
  const value = Number(digits);
  return Number.isFinite(value) ? { value: value * multiplier, percent } : null;
}

/** Decimal places written, so "$1.46M" is checked to the precision it claims. */
function tolerance(token: string, value: number): number {
  const decimals = /\.(\d+)/.exec(token)?.[1]?.length ?? 0;
  const unit = /M/.test(token) ? 1e6 : /B/.test(token) ? 1e9 : /K/.test(token) ? 1e3 : 1;
  return Math.max((0.5 * unit) / 10 ** decimals, Math.abs(value) * 1e-9);
}

/**
 * The figures in a model-written text that no cell of the result supports. Percentages may
 * stand for fractions (CTR 0.0123 written as 1.23%); dates and years in the rows or the period
 * count as support. An empty list means every number came from the query result.
 */
export function unsupportedFigures(text: string, rows: CellValue[][], context: string[] = []): string[] {
  const numbers = rows.flat().filter((v): v is number => typeof v === 'number');
  // Whole tokens only: "5" must not count as supported because "2025" appears somewhere.
  const words = new Set(
    [...rows.flat().filter((v): v is string => typeof v === 'string'), ...context].flatMap((text) =>
      text.split(/[^\w.-]+/),
    ),
  );
  const unsupported: string[] = [];
  for (const match of text.matchAll(numberPattern)) {
    const token = match[0].trim();
    const figure = parseFigure(token);
    if (!figure) continue;
    const bare = token.replace(/[$,%\s]/g, '');
    if (words.has(bare)) continue;
    // Calendar parts are labels, not measurements: years, and days after a month name.
    if (/^(19|20|21)\d{2}$/.test(bare)) continue;
    const before = text.slice(Math.max(0, (match.index ?? 0) - 10), match.index ?? 0);
    if (
      /^\d{1,2}$/.test(bare) &&
      /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$/i.test(before)
    )
      continue;
    if (/^[1-4]$/.test(bare) && /\b(q|h)$/i.test(before)) continue;
    const candidates = figure.percent ? [figure.value, figure.value / 100] : [figure.value];
    const supported = candidates.some((candidate) =>
      numbers.some(
        (n) =>
          Math.abs(n - candidate) <=
          tolerance(token, candidate) * (figure.percent && candidate !== figure.value ? 0.01 : 1),
      ),
    );
    if (!supported) unsupported.push(token);
  }
  return unsupported;
}
