/** Splits prose into sentences without breaking figures ("$1.46M", "Q3 2025", "11.11", "e.g."). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(...splitProse(paragraph.join(' ')));
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || /^#+\s/.test(trimmed)) {
      flush();
      continue;
    }
    // Each list item is a claim of its own ("- No promise of guaranteed returns").
    const item = /^(?:[-*•]|\d+[.)])\s+(.*)$/.exec(trimmed);
    if (item) {
      flush();
      out.push(...splitProse(item[1] ?? ''));
      continue;
    }
    paragraph.push(trimmed);
  }
  flush();
  return out;
}

function splitProse(text: string): string[] {
  const cleaned = text.replace(/\|/g, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned === '') return [];
  const parts = cleaned.split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/);
  const merged: string[] = [];
  for (const part of parts) {
    const previous = merged.at(-1);
    // "e.g." and "vs." end with a dot but not a sentence.
    if (previous && /\b(e\.g|i\.e|vs|approx|incl|etc)\.$/i.test(previous))
      merged[merged.length - 1] = `${previous} ${part}`;
    else merged.push(part);
  }
  return merged.map((s) => s.trim()).filter((s) => s.length >= 12);
}
