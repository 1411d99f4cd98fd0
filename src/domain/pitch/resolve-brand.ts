import { closest, levenshtein } from '../parser/text.ts';

export type BrandMatch = { kind: 'exact'; brand: string } | { kind: 'unknown'; suggestions: string[] };

const squash = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The brand a person named: exact (case and spacing aside) or not at all. A near miss is never
 * taken as the brand (a pitch for the wrong advertiser is worse than a question back); it gets the
 * closest names instead — the parser's "did you mean" first, then the nearest by edit distance, so
 * an unknown name still gets suggestions.
 */
export function resolveBrand(input: string, brands: readonly string[], max = 3): BrandMatch {
  const wanted = squash(input);
  const exact = brands.find((brand) => squash(brand) === wanted);
  if (exact) return { kind: 'exact', brand: exact };
  const fuzzy = closest(wanted, brands, max);
  if (fuzzy.length >= max) return { kind: 'unknown', suggestions: fuzzy };
  const nearest = [...brands]
    .filter((brand) => !fuzzy.includes(brand))
    .map((brand) => ({ brand, distance: levenshtein(wanted, squash(brand)) / Math.max(1, brand.length) }))
    .sort((a, b) => a.distance - b.distance || a.brand.localeCompare(b.brand))
    .map((scored) => scored.brand);
  return { kind: 'unknown', suggestions: [...fuzzy, ...nearest].slice(0, max) };
}
