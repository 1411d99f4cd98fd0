/**
 * Calendar structure: industry seasonality (shopping festivals, Lunar New Year, summer), the
 * weekly rhythm by channel, and the two-year trends by channel and market. Everything is
 * precomputed into per-day tables indexed by `day - FIRST_DAY`, so row generation only looks up.
 */
import { DAY_COUNT, dayFromIso, FIRST_DAY } from './calendar.ts';
import { BEAUTY_SINGLES_DAY } from './planted.ts';
import {
  CHANNELS,
  type Channel,
  INDUSTRIES,
  type Industry,
  MARKETS,
  type Market,
  recordOf,
} from './value-sets.ts';

type Year = 2024 | 2025;
/** [amplitude, center (ISO date), width in days (standard deviation)] */
type Bump = [amplitude: number, center: string, sigmaDays: number];

const LUNAR_NEW_YEAR: Record<Year, string> = { 2024: '2024-02-10', 2025: '2025-01-29' };
const BLACK_FRIDAY: Record<Year, string> = { 2024: '2024-11-29', 2025: '2025-11-28' };
const MID_AUTUMN: Record<Year, string> = { 2024: '2024-09-17', 2025: '2025-10-06' };

function shift(iso: string, days: number): string {
  return new Date((dayFromIso(iso) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** The seasonal bumps of one industry in one year; the curve is 1 + the sum of Gaussian bumps. */
function bumpsFor(industry: Industry, year: Year): Bump[] {
  const y = String(year);
  const lny = LUNAR_NEW_YEAR[year];
  const bf = BLACK_FRIDAY[year];
  switch (industry) {
    case 'Retail & E-commerce':
      return [
        [0.2, `${y}-01-04`, 4],
        [0.35, `${y}-09-09`, 1.5],
        [0.35, `${y}-10-10`, 1.5],
        [2.0, `${y}-11-10`, 3],
        [1.3, bf, 2.5],
        [1.1, `${y}-12-12`, 2],
        [0.7, `${y}-12-18`, 7],
        [0.4, `${y}-11-25`, 25],
      ];
    case 'Beauty & Personal Care':
      return [
        [0.35, `${y}-02-10`, 4],
        [0.3, `${y}-05-08`, 5],
        [0.25, `${y}-09-09`, 1.5],
        [BEAUTY_SINGLES_DAY.amplitudeByYear[year], `${y}-11-09`, 4],
        [0.7, bf, 2.5],
        [0.5, `${y}-12-12`, 2],
        [0.5, `${y}-12-18`, 7],
        [0.2, `${y}-11-25`, 25],
      ];
    case 'Consumer Electronics':
      return [
        [0.3, `${y}-08-10`, 10],
        [0.7, `${y}-09-18`, 7],
        [1.0, `${y}-11-10`, 3],
        [1.1, bf, 3],
        [0.4, `${y}-12-12`, 2],
        [0.6, `${y}-12-15`, 8],
      ];
    case 'Food & Beverage':
      return [
        [1.4, shift(lny, -10), 8],
        [0.25, `${y}-07-15`, 30],
        [0.4, shift(MID_AUTUMN[year], -7), 6],
        [0.35, `${y}-12-20`, 8],
      ];
    case 'Travel & Hospitality':
      return [
        [1.0, shift(lny, -21), 10],
        [0.3, `${y}-03-01`, 7],
        [0.6, `${y}-07-01`, 25],
        [0.5, `${y}-12-10`, 12],
      ];
    case 'Gaming':
      return [
        [0.3, lny, 6],
        [0.4, `${y}-07-20`, 20],
        [0.6, `${y}-12-20`, 10],
      ];
    case 'Financial Services':
      return [
        [0.3, `${y}-01-25`, 20],
        [0.2, `${y}-04-15`, 10],
        [-0.2, `${y}-12-26`, 6],
      ];
    case 'Automotive':
      return [
        [-0.25, lny, 5],
        [0.2, `${y}-06-20`, 15],
        [0.45, `${y}-12-10`, 14],
      ];
  }
}

function buildSeasonTable(industry: Industry): Float64Array {
  const table = new Float64Array(DAY_COUNT).fill(1);
  // Bumps of the neighbouring years leak a little across New Year (e.g. December into January).
  const bumps = ([2024, 2025] as const).flatMap((year) => bumpsFor(industry, year));
  for (const [amplitude, center, sigma] of bumps) {
    const c = dayFromIso(center) - FIRST_DAY;
    const from = Math.max(0, Math.floor(c - 4 * sigma));
    const to = Math.min(DAY_COUNT - 1, Math.ceil(c + 4 * sigma));
    for (let i = from; i <= to; i++) {
      const z = (i - c) / sigma;
      table[i] = (table[i] ?? 1) + amplitude * Math.exp(-0.5 * z * z);
    }
  }
  return table;
}

/** Daily seasonal multiplier on planned spend, per industry (mean about 1.1). */
export const SEASON: Record<Industry, Float64Array> = recordOf(INDUSTRIES, buildSeasonTable);

/** Season value for any day index, folding days outside the window onto the same date a year away. */
export function seasonAt(industry: Industry, index: number): number {
  let i = index;
  while (i < 0) i += 365;
  while (i >= DAY_COUNT) i -= 365;
  return SEASON[industry][i] ?? 1;
}

/** Spend multiplier by weekday (Monday first): video and CTV lean to weekends, Search to weekdays. */
export const WEEKDAY_SPEND: Record<Channel, readonly number[]> = {
  Display: [1.03, 1.03, 1.03, 1.02, 1.0, 0.92, 0.9],
  'Online Video': [0.95, 0.95, 0.96, 0.97, 1.03, 1.12, 1.12],
  Social: [0.96, 0.96, 0.97, 0.98, 1.02, 1.1, 1.12],
  Search: [1.06, 1.06, 1.05, 1.04, 1.0, 0.85, 0.88],
  Native: [1.02, 1.02, 1.02, 1.01, 1.0, 0.95, 0.95],
  CTV: [0.9, 0.9, 0.92, 0.94, 1.08, 1.25, 1.22],
};

/** Spend multiplier on Saturdays and Sundays, by industry: finance quiets down, shopping and games pick up. */
export const WEEKEND_SPEND: Record<Industry, number> = {
  Automotive: 1.08,
  'Beauty & Personal Care': 1.05,
  'Consumer Electronics': 1.0,
  'Financial Services': 0.75,
  'Food & Beverage': 1.08,
  Gaming: 1.15,
  'Retail & E-commerce': 1.1,
  'Travel & Hospitality': 0.95,
};

/** Conversion-rate multiplier on Saturdays and Sundays, by industry. */
export const WEEKEND_CVR: Record<Industry, number> = {
  Automotive: 1.05,
  'Beauty & Personal Care': 1.08,
  'Consumer Electronics': 1.05,
  'Financial Services': 0.8,
  'Food & Beverage': 1.1,
  Gaming: 1.12,
  'Retail & E-commerce': 1.1,
  'Travel & Hospitality': 1.05,
};

/** Piecewise-linear trend through values at 2024-01-01, 2025-01-01 and 2025-12-31. */
type Trend = [start2024: number, start2025: number, end2025: number];

const CHANNEL_TREND: Record<Channel, Trend> = {
  Display: [1.25, 1.0, 0.7],
  'Online Video': [1.0, 1.0, 1.0],
  Social: [1.0, 1.0, 1.02],
  Search: [1.02, 1.0, 0.98],
  Native: [1.02, 1.0, 0.93],
  CTV: [0.55, 1.0, 1.9],
};

const MARKET_TREND: Record<Market, Trend> = {
  Taiwan: [1.0, 1.0, 1.0],
  'Hong Kong': [1.05, 1.0, 0.88],
  Singapore: [1.0, 1.0, 1.0],
  Malaysia: [1.0, 1.0, 1.02],
  Thailand: [1.0, 1.0, 1.0],
  Vietnam: [0.55, 1.0, 1.9],
  Philippines: [0.95, 1.0, 1.1],
  Japan: [1.02, 1.0, 0.97],
};

const YEAR_2025_INDEX = dayFromIso('2025-01-01') - FIRST_DAY;

function buildTrendTable([a, b, c]: Trend): Float64Array {
  const table = new Float64Array(DAY_COUNT);
  for (let i = 0; i < DAY_COUNT; i++) {
    table[i] =
      i < YEAR_2025_INDEX
        ? a + ((b - a) * i) / YEAR_2025_INDEX
        : b + ((c - b) * (i - YEAR_2025_INDEX)) / (DAY_COUNT - 1 - YEAR_2025_INDEX);
  }
  return table;
}

export const CHANNEL_TREND_TABLE: Record<Channel, Float64Array> = recordOf(CHANNELS, (channel) =>
  buildTrendTable(CHANNEL_TREND[channel]),
);

export const MARKET_TREND_TABLE: Record<Market, Float64Array> = recordOf(MARKETS, (market) =>
  buildTrendTable(MARKET_TREND[market]),
);

/**
 * Auction pressure: CPMs rise through the November–December shopping season as more advertisers
 * bid for the same inventory.
 */
export const CPM_PRESSURE: Float64Array = (() => {
  const table = new Float64Array(DAY_COUNT).fill(1);
  for (const center of ['2024-11-25', '2025-11-25']) {
    const c = dayFromIso(center) - FIRST_DAY;
    for (let i = 0; i < DAY_COUNT; i++) {
      const z = (i - c) / 20;
      table[i] = (table[i] ?? 1) + 0.2 * Math.exp(-0.5 * z * z);
    }
  }
  return table;
})();
