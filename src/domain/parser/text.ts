/** Text helpers for the offline parser: one normal form for questions and lexicon phrases. */

/** Lowercases and folds punctuation so "Q3'25", "cost-per-click" and "F&B" compare predictably. */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[‘’`´]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/[–—]/g, '-')
      .replace(/(\w)'s\b/g, '$1')
      // "highest-spending", "click-through", "e-commerce": hyphens between letters read as spaces.
      .replace(/(?<=[a-z])-(?=[a-z])/g, ' ')
      .replace(/[^a-z0-9&%+\-./' ]+/g, ' ')
      .replace(/(^|\s)[-./']+|[-./']+(?=\s|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** A word of the normalised question with its character span, so consumed spans can be blanked. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(/[^ ]+/g)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Replaces a span with spaces, keeping every other position where it was. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** Closest candidates by edit distance, for "did you mean". */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = Math.min(
      levenshtein(word, lower),
      ...lower.split(' ').map((part) => levenshtein(word, part) + (part === lower ? 0 : 1)),
    );
    if (distance <= limit || (word.length >= 4 && lower.startsWith(word)))
      scored.push({ candidate, distance });
  }
  scored.sort(
    (a, b) =>
      a.distance - b.distance ||
      Number(a.candidate === a.candidate.toLowerCase()) - Number(b.candidate === b.candidate.toLowerCase()) ||
      a.candidate.localeCompare(b.candidate),
  );
  const seen = new Set<string>();
  const unique = scored.filter((s) => {
    const key = s.candidate.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.map((s) => s.candidate).slice(0, max);
}
