import type { SemanticModel } from '../semantic/semantic-model.ts';
import type { FuzzyIndex } from './fuzzy-terms.ts';
import { normalizeQuestion, normalizeText } from './text.ts';

export type LexiconEntry =
  | { kind: 'metric'; phrase: string; metric: string }
  | { kind: 'dimension'; phrase: string; dimension: string; shorthand?: boolean }
  | {
      kind: 'value';
      phrase: string;
      dimension: string;
      value: string;
      /** A named set of values ("video channels"): every value of the set, the filter it stands for. */
      group?: string[];
    };

/** The stored values a value entry stands for: its group, or its one value. */
export function valuesOf(entry: { value: string; group?: string[] }): string[] {
  return entry.group ?? [entry.value];
}

/** Short codes that are also English words match only when written in capitals ("MY", not "my"). */
const capitalsOnly = new Set(['my', 'it', 'us', 'in', 'am', 'me', 'tv']);

export interface Lexicon {
  /** Entries grouped by their first word, longest phrases first. */
  byFirstWord: Map<string, LexiconEntry[]>;
  capitalsOnly: Set<string>;
  /** Every phrase, for suggestions. */
  phrases: string[];
  /** Phrases as word lists, for reading shorthand and typos ("trvl", "devce"). */
  fuzzy: FuzzyIndex;
  /** Campaign names in the parser's normal form, longest first: matched whole, before time words. */
  campaigns: { phrase: string; value: string }[];
  /** Group names by dimension ("channel" -> "video" -> [Online Video, CTV]), for "non-video". */
  groups: Map<string, Map<string, string[]>>;
  /** Every word of every phrase: a word the model knows is never read as a typo of something else. */
  words: Set<string>;
}

/** Dimensions whose every stored value is also a phrase (brands, markets, channels, …). */
const valueDimensions = [
  'industry',
  'brand',
  'advertiser',
  'tier',
  'objective',
  'channel',
  'device',
  'market',
];

export function buildLexicon(model: SemanticModel): Lexicon {
  const entries: LexiconEntry[] = [];
  for (const metric of model.file.metrics) {
    for (const synonym of new Set([metric.name.replaceAll('_', ' '), ...metric.synonyms])) {
      entries.push({ kind: 'metric', phrase: normalizeText(synonym), metric: metric.name });
    }
  }
  for (const dim of model.file.dimensions) {
    for (const synonym of new Set([dim.name, ...dim.synonyms])) {
      entries.push({ kind: 'dimension', phrase: normalizeText(synonym), dimension: dim.name });
    }
    for (const short of dim.shorthand)
      entries.push({ kind: 'dimension', phrase: normalizeText(short), dimension: dim.name, shorthand: true });
    // "video channels", "video formats": a group named with its dimension word is the whole group.
    for (const [name, group] of Object.entries(dim.groups)) {
      for (const synonym of dim.synonyms.filter((word) => /s$/.test(word)))
        entries.push({
          kind: 'value',
          phrase: normalizeText(`${name} ${synonym}`),
          dimension: dim.name,
          value: name,
          group,
        });
    }
    for (const [value, aliases] of Object.entries(dim.aliases)) {
      for (const alias of aliases)
        entries.push({ kind: 'value', phrase: normalizeText(alias), dimension: dim.name, value });
    }
    if (valueDimensions.includes(dim.name)) {
      for (const value of model.values.get(dim.name) ?? []) {
        entries.push({ kind: 'value', phrase: normalizeText(value), dimension: dim.name, value });
      }
    }
  }
  const byFirstWord = new Map<string, LexiconEntry[]>();
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.phrase === '') continue;
    const key = `${entry.kind}:${entry.phrase}:${entry.kind === 'value' ? entry.value : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const first = entry.phrase.split(' ')[0] ?? '';
    const list = byFirstWord.get(first) ?? [];
    list.push(entry);
    byFirstWord.set(first, list);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  // Capitals-only codes and one- or two-letter phrases are too short to read tolerantly.
  const fuzzy: FuzzyIndex = {
    phrases: [...byFirstWord.values()]
      .flat()
      .filter((entry) => !capitalsOnly.has(entry.phrase) && entry.phrase.replace(/ /g, '').length > 3)
      .map((entry) => ({ words: entry.phrase.split(' '), entry })),
  };
  const campaigns = (model.values.get('campaign') ?? [])
    .map((value) => ({ phrase: normalizeQuestion(value), value }))
    .filter((c) => c.phrase.length >= 8)
    .sort((a, b) => b.phrase.length - a.phrase.length);
  const groups = new Map(
    model.file.dimensions.map((dim) => [
      dim.name,
      new Map(Object.entries(dim.groups).map(([name, values]) => [normalizeText(name), values])),
    ]),
  );
  return {
    byFirstWord,
    capitalsOnly,
    phrases: [...new Set(entries.map((e) => e.phrase))],
    fuzzy,
    campaigns,
    groups,
    words: new Set(entries.flatMap((e) => e.phrase.split(' '))),
  };
}
