/**
 * The closed value sets of the sample warehouse, spelled exactly as the warehouse contract
 * (docs: ../shared/ARCHITECTURE.md, "Sample warehouse contract") fixes them.
 */

export const INDUSTRIES = [
  'Automotive',
  'Beauty & Personal Care',
  'Consumer Electronics',
  'Financial Services',
  'Food & Beverage',
  'Gaming',
  'Retail & E-commerce',
  'Travel & Hospitality',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const CHANNELS = ['Display', 'Online Video', 'Social', 'Search', 'Native', 'CTV'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DEVICES = ['Mobile', 'Desktop', 'Tablet', 'Connected TV'] as const;
export type Device = (typeof DEVICES)[number];

export const MARKETS = [
  'Taiwan',
  'Hong Kong',
  'Singapore',
  'Malaysia',
  'Thailand',
  'Vietnam',
  'Philippines',
  'Japan',
] as const;
export type Market = (typeof MARKETS)[number];

export const OBJECTIVES = ['awareness', 'consideration', 'conversion'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export const TIERS = ['enterprise', 'mid-market', 'smb'] as const;
export type Tier = (typeof TIERS)[number];

/** Builds a record keyed by every member of a value set (typed, unlike Object.fromEntries). */
export function recordOf<K extends string, V>(keys: readonly K[], valueFor: (key: K) => V): Record<K, V> {
  const record = {} as Record<K, V>;
  for (const key of keys) record[key] = valueFor(key);
  return record;
}
