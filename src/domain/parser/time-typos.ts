import { misspells } from './fuzzy-terms.ts';

/** The time words the period rules know, long enough (five letters or more) to read a typo of safely. */
const timeWords = [
  'quarter',
  'quarters',
  'quarterly',
  'month',
  'months',
  'monthly',
  'weekly',
  'weeks',
  'years',
  'yearly',
  'today',
  'yesterday',
  'previous',
  'january',
  'february',
  'march',
  'april',
  'august',
  'september',
  'october',
  'november',
  'december',
  'since',
  'until',
  'through',
  'between',
];

/**
 * Typos of time words ("quater", "febuary", "montly") read as the word, so the period rules see
 * them; each reading is returned to be said with the answer. A word that is a known term, or
 * that is one edit from two time words, is left alone.
 */
export function readTimeTypos(
  normalized: string,
  known: (word: string) => boolean,
): { text: string; readings: string[] } {
  const readings: string[] = [];
  const text = normalized.replace(/\b[a-z]{5,}\b/g, (word) => {
    if (timeWords.includes(word) || known(word)) return word;
    const near = timeWords.filter((candidate) => misspells(word, candidate));
    if (near.length !== 1) return word;
    readings.push(`read "${word}" as ${near[0]}`);
    return near[0] ?? word;
  });
  return { text, readings };
}
