import { ScoutError } from '../../errors.ts';
import type { KbDocRecord } from './kb-index.ts';

/**
 * Metadata filters: parsed from the Retriever port's loose record, then applied per document
 * before any scoring. Values compare case-insensitively. A document with no industries or no
 * markets applies to all of them (cross-industry playbooks, all-market programs); channels,
 * brands, type and source_id must match what the document lists.
 */

export interface KbFilters {
  /** A document with no industries applies to every industry. */
  industries?: string[];
  /** A document with no markets applies to every market. */
  markets?: string[];
  types?: string[];
  channels?: string[];
  brands?: string[];
  sourceIds?: string[];
  /** `YYYY-MM-DD`: the document's period (or its date) must overlap [from, to]. */
  from?: string;
  to?: string;
}

const FILTER_KEYS: Record<string, keyof KbFilters> = {
  industry: 'industries',
  industries: 'industries',
  market: 'markets',
  markets: 'markets',
  type: 'types',
  types: 'types',
  channel: 'channels',
  channels: 'channels',
  brand: 'brands',
  brands: 'brands',
  source_id: 'sourceIds',
  sourceId: 'sourceIds',
  source_ids: 'sourceIds',
  from: 'from',
  date_from: 'from',
  after: 'from',
  to: 'to',
  date_to: 'to',
  before: 'to',
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Retriever port's loose `filters` record as KbFilters. Unknown keys are an error, not
 * ignored: a silently dropped filter would answer from documents outside the asked scope.
 * `period: "YYYY-MM-DD/YYYY-MM-DD"` sets from and to at once.
 */
export function parseKbFilters(record: Record<string, string | string[]> | undefined): KbFilters {
  const filters: KbFilters = {};
  for (const [key, raw] of Object.entries(record ?? {})) {
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => String(v).trim()).filter((v) => v !== '');
    if (key === 'period') {
      const [from = '', to = ''] = (values[0] ?? '').split('/');
      if (!ISO_DAY.test(from) || !ISO_DAY.test(to))
        throw new ScoutError('bad_input', `filter period must be "YYYY-MM-DD/YYYY-MM-DD" (got "${raw}")`);
      filters.from = from;
      filters.to = to;
      continue;
    }
    const field = Object.hasOwn(FILTER_KEYS, key) ? FILTER_KEYS[key] : undefined;
    if (!field) {
      throw new ScoutError(
        'bad_input',
        `unknown knowledge-base filter "${key}" (use ${Object.keys(FILTER_KEYS).join(', ')}, period)`,
      );
    }
    if (values.length === 0) continue;
    if (field === 'from' || field === 'to') {
      const day = values[0] ?? '';
      if (!ISO_DAY.test(day))
        throw new ScoutError('bad_input', `filter ${key} must be YYYY-MM-DD (got "${day}")`);
      filters[field] = day;
    } else {
      filters[field] = [...(filters[field] ?? []), ...values];
    }
  }
  return filters;
}

/** Filters ready to test: lowercased sets, or null for "no constraint". */
export interface CompiledFilters {
  industries: Set<string> | null;
  markets: Set<string> | null;
  types: Set<string> | null;
  channels: Set<string> | null;
  brands: Set<string> | null;
  sourceIds: Set<string> | null;
  from: string | null;
  to: string | null;
}

const folded = (value: string) => value.normalize('NFKC').toLowerCase();

function setOf(values: string[] | undefined): Set<string> | null {
  return values && values.length > 0 ? new Set(values.map(folded)) : null;
}

/** Null when nothing is filtered. */
export function compileFilters(filters: KbFilters | undefined): CompiledFilters | null {
  if (!filters) return null;
  const compiled: CompiledFilters = {
    industries: setOf(filters.industries),
    markets: setOf(filters.markets),
    types: setOf(filters.types),
    channels: setOf(filters.channels),
    brands: setOf(filters.brands),
    sourceIds: setOf(filters.sourceIds),
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
  return Object.values(compiled).some((v) => v !== null) ? compiled : null;
}

/** A document's metadata, folded once per index for filtering. */
export interface DocFacets {
  industries: string[];
  markets: string[];
  type: string;
  channels: string[];
  brands: string[];
  sourceId: string;
  /** Start and end of the period, or the date twice. */
  first: string;
  last: string;
}

export function facetsOf(doc: KbDocRecord): DocFacets {
  const m = doc.metadata;
  return {
    industries: m.industries.map(folded),
    markets: m.markets.map(folded),
    type: folded(m.type),
    channels: m.channels.map(folded),
    brands: m.brands.map(folded),
    sourceId: folded(doc.sourceId),
    first: m.period?.start ?? m.date,
    last: m.period?.end ?? m.date,
  };
}

function matches(wanted: Set<string> | null, have: readonly string[], emptyMeansAll: boolean): boolean {
  if (wanted === null) return true;
  if (have.length === 0) return emptyMeansAll;
  for (const value of have) if (wanted.has(value)) return true;
  return false;
}

export function admits(f: DocFacets, filters: CompiledFilters): boolean {
  return (
    matches(filters.industries, f.industries, true) &&
    matches(filters.markets, f.markets, true) &&
    (filters.types === null || filters.types.has(f.type)) &&
    matches(filters.channels, f.channels, false) &&
    matches(filters.brands, f.brands, false) &&
    (filters.sourceIds === null || filters.sourceIds.has(f.sourceId)) &&
    (filters.from === null || f.last >= filters.from) &&
    (filters.to === null || f.first <= filters.to)
  );
}
