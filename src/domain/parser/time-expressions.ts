import type { TimeSpec } from '../metric-query.ts';
import type { TimeGrain } from '../semantic/model-schema.ts';
import {
  addDays,
  daysBetweenInclusive,
  isoDate,
  isValidIsoDate,
  lastDayOfMonth,
  parseIsoDate,
  startOfWeek,
} from '../time/calendar.ts';
import { blank } from './text.ts';

export interface FoundPeriod {
  spec: TimeSpec;
  start: number;
  end: number;
  /** Written after "vs", "compared with": the period compared against, not the one asked about. */
  against?: boolean;
}

export interface TimeFindings {
  /** The question with every consumed time phrase blanked out. */
  text: string;
  periods: FoundPeriod[];
  compare?: 'previous_period' | 'previous_year';
  grain?: TimeGrain;
  /** "over time", "trend": a time series whose grain Scout picks from the period's length. */
  wantsSeries: boolean;
  /** Time phrases that name impossible periods ("Q5 2025", "month 13"). */
  problems: string[];
}

const months: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const monthPattern = Object.keys(months)
  .sort((a, b) => b.length - a.length)
  .join('|');
const ordinals: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};
const yearPattern = `(?:(?:19|20|21)\\d{2}|'\\d{2})`;

function toYear(raw: string | undefined, fallback: number): number {
  if (!raw) return fallback;
  return raw.startsWith("'") ? 2000 + Number(raw.slice(1)) : Number(raw);
}

/** A month, quarter or half named without a year means the latest one that has started by the as-of date. */
function yearFor(firstMonth: number, asOf: string): number {
  const today = parseIsoDate(asOf);
  return firstMonth > today.month ? today.year - 1 : today.year;
}

type Rule = {
  pattern: RegExp;
  apply: (m: RegExpExecArray, asOf: string, out: TimeFindings) => TimeSpec | null;
};

const unitOf = (word: string) => word.replace(/s$/, '') as 'day' | 'week' | 'month' | 'quarter' | 'year';

const rules: Rule[] = [
  {
    pattern:
      /\b(?:from |between )?(\d{4}-\d{2}-\d{2}) ?(?:to|and|until|through|thru|-) ?(\d{4}-\d{2}-\d{2})\b/g,
    apply: (m, _asOf, out) => {
      const [start, end] = [m[1] ?? '', m[2] ?? ''];
      if (!isValidIsoDate(start) || !isValidIsoDate(end) || start > end) {
        out.problems.push(`"${m[0].trim()}" is not a valid date range`);
        return null;
      }
      return { kind: 'range', start, end };
    },
  },
  {
    // "on 2025-03-14": one day written the ISO way reads one way only.
    pattern: /\b(\d{4}-\d{2}-\d{2})\b/g,
    apply: (m, _asOf, out) => {
      const day = m[1] ?? '';
      if (!isValidIsoDate(day)) {
        out.problems.push(`"${day}" is not a valid date`);
        return null;
      }
      return { kind: 'range', start: day, end: day };
    },
  },
  {
    pattern: /\b(?:year to date|ytd)\b/g,
    apply: (_m, asOf) => ({ kind: 'since', start: `${asOf.slice(0, 4)}-01-01` }),
  },
  {
    pattern: /\b(?:month to date|mtd)\b/g,
    apply: (_m, asOf) => ({ kind: 'since', start: `${asOf.slice(0, 7)}-01` }),
  },
  {
    pattern: /\b(?:quarter to date|qtd)\b/g,
    apply: (_m, asOf) => {
      const { year, month } = parseIsoDate(asOf);
      return { kind: 'since', start: isoDate(year, Math.floor((month - 1) / 3) * 3 + 1, 1) };
    },
  },
  {
    // "(mon-sun)", "monday to sunday": how our weeks already run, said for clarity; placed, not a period.
    pattern: /\b(?:mon|monday) to (?:sun|sunday)\b/g,
    apply: () => null,
  },
  {
    // "since 1 sep", "since sept 15th 2025": from a day on, to the as-of date.
    pattern: new RegExp(
      `\\bsince (?:the )?(?:(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${monthPattern})|(${monthPattern}) (\\d{1,2})(?:st|nd|rd|th)?)(?:,? (${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => {
      const month = months[m[2] ?? m[3] ?? ''] ?? 1;
      const day = Number(m[1] ?? m[4]);
      const year = toYear(m[5], yearFor(month, asOf));
      const start = isoDate(year, month, day);
      if (!start.startsWith(`${year}-${String(month).padStart(2, '0')}`)) {
        out.problems.push(`"${m[0].trim()}" is not a valid date`);
        return null;
      }
      return { kind: 'since', start };
    },
  },
  {
    pattern: new RegExp(
      `\\bsince (?:the )?(?:start of |beginning of )?(?:(${monthPattern})(?: (${yearPattern}))?|(${yearPattern})|(\\d{4}-\\d{2}-\\d{2}))\\b`,
      'g',
    ),
    apply: (m, asOf, out) => {
      if (m[4]) {
        if (!isValidIsoDate(m[4])) {
          out.problems.push(`"${m[4]}" is not a valid date`);
          return null;
        }
        return { kind: 'since', start: m[4] };
      }
      if (m[3]) return { kind: 'since', start: `${toYear(m[3], 0)}-01-01` };
      const month = months[m[1] ?? ''] ?? 1;
      return { kind: 'since', start: isoDate(toYear(m[2], yearFor(month, asOf)), month, 1) };
    },
  },
  {
    pattern:
      /\b(?:(?:in|over|during|for) )?(?:the )?(?:last|past|previous|trailing|recent) (\d{1,4}) (full |complete |whole )?(days?|weeks?|months?)\b/g,
    apply: (m, asOf) => {
      const unit = unitOf(m[3] ?? 'day') as 'day' | 'week' | 'month';
      const n = Number(m[1]);
      return m[2] && unit !== 'day' ? completePeriods(unit, n, asOf) : { kind: 'last_n', unit, n };
    },
  },
  {
    // "December last year": read before "last year" alone would take the year away from the month.
    pattern: new RegExp(`\\b(${monthPattern}) (?:of )?(this|current|last|previous|prior) year\\b`, 'g'),
    apply: (m, asOf) => ({
      kind: 'month',
      year: parseIsoDate(asOf).year - (/this|current/.test(m[2] ?? '') ? 0 : 1),
      month: months[m[1] ?? ''] ?? 1,
    }),
  },
  {
    // "Q4 last year", "h1 this year" (the translation of 去年第四季 reads so too).
    pattern: /\b(?:(q)([1-4])|(h)([12])) (?:of )?(this|current|last|previous|prior) year\b/g,
    apply: (m, asOf) => {
      const year = parseIsoDate(asOf).year - (/this|current/.test(m[5] ?? '') ? 0 : 1);
      return m[1]
        ? { kind: 'quarter', year, quarter: Number(m[2]) }
        : { kind: 'half', year, half: Number(m[4]) };
    },
  },
  {
    pattern:
      /\b(?:(?:in|over|during|for) )?(?:the )?(this|current|last|previous|past|prior) (day|week|month|quarter|year)\b/g,
    apply: (m) => ({
      kind: 'relative',
      unit: unitOf(m[2] ?? 'month'),
      offset: /this|current/.test(m[1] ?? '') ? 0 : -1,
    }),
  },
  {
    // "next quarter", "tomorrow": the data never covers the future; say so rather than drop the words.
    pattern:
      /\b(?:(?:the )?(?:next|coming|upcoming|following) (?:\d{1,3} )?(?:days?|weeks?|months?|quarters?|years?)|tomorrow|next (?:q[1-4]|h[12]))\b/g,
    apply: (m, _asOf, out) => {
      out.problems.push(`"${m[0].trim()}" is in the future, and the data only covers what has happened`);
      return null;
    },
  },
  {
    pattern: /\b(\d{1,2}) (weeks?|months?|quarters?|years?) ago\b/g,
    apply: (m) => ({ kind: 'relative', unit: unitOf(m[2] ?? 'month'), offset: -Number(m[1]) }),
  },
  { pattern: /\byesterday\b/g, apply: () => ({ kind: 'relative', unit: 'day', offset: -1 }) },
  { pattern: /\btoday\b/g, apply: () => ({ kind: 'relative', unit: 'day', offset: 0 }) },
  {
    // "q2-q4 2024", "from q1 to q3 2025", "between q3 2024 and q1 2025": consecutive quarters.
    pattern: new RegExp(
      `\\b(?:from |between )?q([1-4])(?: (${yearPattern}))? ?(?:to|until|through|thru|(?<=between q[1-4](?: \\S+)? ?)and) ?q([1-4])(?:,? (${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => {
      const first = Number(m[1]);
      const last = Number(m[3]);
      const endYear = toYear(m[4] ?? m[2], yearFor((last - 1) * 3 + 1, asOf));
      const startYear = toYear(m[2], first > last ? endYear - 1 : endYear);
      const start = isoDate(startYear, (first - 1) * 3 + 1, 1);
      const end = isoDate(endYear, last * 3 + 1, 0);
      if (end < start) {
        out.problems.push(`"${m[0].trim()}" is not a valid range of quarters`);
        return null;
      }
      return { kind: 'range', start, end };
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:q([0-9])|quarter ([0-9])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter)(?:,? ?(?:of )?(${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => {
      const quarter = Number(m[1] ?? m[2] ?? ordinals[m[3] ?? ''] ?? 0);
      if (quarter < 1 || quarter > 4) {
        out.problems.push(`"${m[0].trim()}" is not a quarter (quarters are Q1 to Q4)`);
        return null;
      }
      return { kind: 'quarter', year: toYear(m[4], yearFor((quarter - 1) * 3 + 1, asOf)), quarter };
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:h([0-9])|(first|second|1st|2nd) half)(?:,? ?(?:of )?(?:the year )?(${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => {
      const half = Number(m[1] ?? (/first|1st/.test(m[2] ?? '') ? 1 : 2));
      if (half !== 1 && half !== 2) {
        out.problems.push(`"${m[0].trim()}" is not a half-year (H1 or H2)`);
        return null;
      }
      return { kind: 'half', year: toYear(m[3], yearFor(half === 1 ? 1 : 7, asOf)), half };
    },
  },
  {
    // "oct 3 to 9 2025", "nov 1 - 15": days of one month.
    pattern: new RegExp(
      `\\b(?:from |between )?(${monthPattern}) (\\d{1,2})(?:st|nd|rd|th)? ?(?:to|and|until|through|thru|-) ?(\\d{1,2})(?:st|nd|rd|th)?(?:,? (${yearPattern}))?\\b(?! ?(?:${monthPattern})\\b)`,
      'g',
    ),
    apply: (m, asOf, out) => dayRange(m[0], [m[1], m[2], m[4]], [m[1], m[3], m[4]], asOf, out),
  },
  {
    // "between 1 and 15 nov", "3-9 oct 2025".
    pattern: new RegExp(
      `\\b(?:from |between )?(\\d{1,2})(?:st|nd|rd|th)? ?(?:to|and|until|through|thru|-) ?(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${monthPattern})(?:,? (${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => dayRange(m[0], [m[3], m[1], m[4]], [m[3], m[2], m[4]], asOf, out),
  },
  {
    // "sept 1 to sept 30 2024", "oct 28 2025 - nov 3 2025".
    pattern: new RegExp(
      `\\b(?:from |between )?(${monthPattern}) (\\d{1,2})(?:st|nd|rd|th)?(?:,? (${yearPattern}))? ?(?:to|and|until|through|thru|-) ?(${monthPattern}) (\\d{1,2})(?:st|nd|rd|th)?(?:,? (${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => dayRange(m[0], [m[1], m[2], m[3] ?? m[6]], [m[4], m[5], m[6]], asOf, out),
  },
  {
    // "1 sept to 30 sept 2024".
    pattern: new RegExp(
      `\\b(?:from |between )?(\\d{1,2})(?:st|nd|rd|th)? (${monthPattern})(?:,? (${yearPattern}))? ?(?:to|and|until|through|thru|-) ?(\\d{1,2})(?:st|nd|rd|th)? (${monthPattern})(?:,? (${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => dayRange(m[0], [m[2], m[1], m[3] ?? m[6]], [m[5], m[4], m[6]], asOf, out),
  },
  {
    // "3/2025", "03/2025", "2025/03", "2025-03": a month written with numbers.
    pattern:
      /\b(?:(0?[1-9]|1[0-2])\/((?:19|20|21)\d{2})|((?:19|20|21)\d{2})[/-](0?[1-9]|1[0-2]))\b(?![-/]\d)/g,
    apply: (m, _asOf, out) => {
      const month = Number(m[1] ?? m[4]);
      const year = Number(m[2] ?? m[3]);
      if (month < 1 || month > 12) {
        out.problems.push(`"${m[0].trim()}" is not a month`);
        return null;
      }
      return { kind: 'month', year, month };
    },
  },
  {
    // "2024 to 2025", "2024-25": whole years.
    pattern:
      /\b(?:between ((?:19|20|21)\d{2}) and ((?:19|20|21)\d{2})|(?:from )?((?:19|20|21)\d{2}) ?(?:to|until|through|thru|-) ?((?:19|20|21)?\d{2}))\b(?![-/]\d)/g,
    apply: (m, _asOf, out) => {
      const first = Number(m[1] ?? m[3]);
      const raw = m[2] ?? m[4] ?? '';
      const last = raw.length === 2 ? Math.floor(first / 100) * 100 + Number(raw) : Number(raw);
      if (last < first) {
        out.problems.push(`"${m[0].trim()}" is not a valid range of years`);
        return null;
      }
      return { kind: 'range', start: isoDate(first, 1, 1), end: isoDate(last, 12, 31) };
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:from |between )?(${monthPattern})(?: (${yearPattern}))? ?(?:to|and|until|through|thru|-) ?(${monthPattern})(?: (${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf) => {
      const first = months[m[1] ?? ''] ?? 1;
      const last = months[m[3] ?? ''] ?? 12;
      const endYear = toYear(m[4] ?? m[2], yearFor(last, asOf));
      const startYear = toYear(m[2], first > last ? endYear - 1 : endYear);
      const end = isoDate(endYear, last + 1, 0);
      return { kind: 'range', start: isoDate(startYear, first, 1), end };
    },
  },
  {
    // "15 nov 2025", "the 5th of nov": a single day written day first (before "nov" alone takes the month).
    pattern: new RegExp(
      `(?<!\\b(?:top|bottom|best|worst|highest|lowest|biggest|largest|smallest|first|last|past|next) )\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${monthPattern})(?:,? (${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => dayRange(m[0], [m[2], m[1], m[3]], [m[2], m[1], m[3]], asOf, out),
  },
  {
    pattern: new RegExp(
      `\\b(${monthPattern})(?: (\\d{1,2})(?:st|nd|rd|th)?)?,?(?: (${yearPattern}))?\\b`,
      'g',
    ),
    apply: (m, asOf, out) => {
      const month = months[m[1] ?? ''] ?? 1;
      const year = toYear(m[3], yearFor(month, asOf));
      if (m[2]) {
        const day = isoDate(year, month, Number(m[2]));
        if (!day.startsWith(`${year}-${String(month).padStart(2, '0')}`)) {
          out.problems.push(`"${m[0].trim()}" is not a valid date`);
          return null;
        }
        return { kind: 'range', start: day, end: day };
      }
      return { kind: 'month', year, month };
    },
  },
  {
    // "14/3", "25/12/2024": day and month in numbers. Both orders are common in our markets, so a
    // date that reads two ways ("9/8") is asked about, never guessed.
    pattern: /\b(\d{1,2})\/(\d{1,2})(?:\/((?:19|20)?\d{2}))?\b(?![/-]\d)/g,
    apply: (m, asOf, out) => {
      const [a, b] = [Number(m[1]), Number(m[2])];
      const raw = m[3];
      const readings = [
        { day: a, month: b },
        { day: b, month: a },
      ].filter((r) => r.month >= 1 && r.month <= 12 && r.day >= 1 && r.day <= 31);
      const distinct = readings.filter((r, i) => i === 0 || r.day !== readings[0]?.day);
      if (distinct.length !== 1) {
        out.problems.push(
          distinct.length === 0
            ? `"${m[0]}" is not a date`
            : `"${m[0]}" could be ${distinct.map((r) => `${r.day} ${monthWord(r.month)}`).join(' or ')}: write the month as a word, for example "${distinct[0]?.day} ${monthWord(distinct[0]?.month ?? 1)}"`,
        );
        return null;
      }
      const { day, month } = distinct[0] as { day: number; month: number };
      const year = raw ? (raw.length === 2 ? 2000 + Number(raw) : Number(raw)) : yearFor(month, asOf);
      const iso = isoDate(year, month, day);
      if (!isValidIsoDate(iso) || Number(iso.slice(8)) !== day) {
        out.problems.push(`"${m[0]}" is not a valid date`);
        return null;
      }
      return { kind: 'range', start: iso, end: iso };
    },
  },
  {
    // "fy2024", "fy 24": Scout's fiscal year is the calendar year.
    pattern: /\bfy ?'?((?:19|20|21)?\d{2})\b/g,
    apply: (m) => {
      const raw = m[1] ?? '';
      return { kind: 'year', year: raw.length === 2 ? 2000 + Number(raw) : Number(raw) };
    },
  },
  {
    pattern: /\b((?:19|20|21)\d{2})\b(?!-)/g,
    apply: (m) => ({ kind: 'year', year: Number(m[1]) }),
  },
];

const comparePreviousYear =
  /\b(?:year over year|year-over-year|yoy|y\/y|(?:vs\.?|versus|compared (?:to|with)|against) (?:the )?(?:last|previous|prior) (?:ytd|year to date|mtd|qtd)|(?:vs\.?|versus|compared (?:to|with)|against|than) (?:the )?(?:same (?:period|time|month|quarter) )?(?:a year (?:ago|before|earlier)|last year|(?:the )?(?:previous|prior) year))\b/g;
const comparePreviousPeriod =
  /\b(?:(?:vs\.?|versus|compared (?:to|with)|against) (?:the )?(?:last|previous|prior|preceding)(?: one)?(?= *$| +(?:by|for|in|on|per|across|and|\?))|month over month|mom|m\/m|quarter over quarter|qoq|q\/q|week over week|wow|period over period|pop|(?:vs\.?|versus|compared (?:to|with)|against|than) (?:the )?(?:previous|prior|preceding) (?:period|day|week|month|quarter)|(?:vs\.?|versus|compared (?:to|with)) (?:the )?(?:period|month|quarter|week) before)\b/g;

const grainWords: [RegExp, TimeGrain][] = [
  [
    /\b(?:by|per|each|every|for each|broken down by|split by) (?:calendar )?days?\b|\bdaily\b|\bday by day\b|\bday-by-day\b/g,
    'day',
  ],
  [
    /\b(?:by|per|each|every|for each|broken down by|split by) weeks?\b|\bweekly\b|\bweek by week\b|\bweek-by-week\b/g,
    'week',
  ],
  [
    /\b(?:by|per|each|every|for each|broken down by|split by) months?\b|\bmonthly\b|\bmonth by month\b|\bmonth-by-month\b/g,
    'month',
  ],
  [
    /\b(?:by|per|each|every|for each|broken down by|split by) quarters?\b|\bquarterly\b|\bquarter by quarter\b/g,
    'quarter',
  ],
  [
    /\b(?:by|per|each|every|for each|broken down by|split by) years?\b|\byearly\b|\bannually\b|\bannual\b|\byear by year\b/g,
    'year',
  ],
];

/**
 * Where the prepositions in front of a period begin ("in 2025", "for the"): they belong to the
 * period, and left behind they would make the next word look like a name ("in … pretty").
 */
function leadingPreposition(text: string, index: number): number {
  const before = /(?:\b(?:in|for|during|over|of|from|on|at|the|within)\s+)+$/.exec(text.slice(0, index));
  return before ? before.index : index;
}

/** Finds every time phrase in the normalised question, most specific patterns first. */
export function findTime(normalized: string, asOf: string): TimeFindings {
  const out: TimeFindings = { text: normalized, periods: [], wantsSeries: false, problems: [] };
  for (const [pattern, kind] of [
    [comparePreviousYear, 'previous_year'],
    [comparePreviousPeriod, 'previous_period'],
  ] as const) {
    for (const m of out.text.matchAll(pattern)) {
      out.compare ??= kind;
      out.text = blank(out.text, m.index, m.index + m[0].length);
    }
  }
  for (const [pattern, grain] of grainWords) {
    for (const m of out.text.matchAll(pattern)) {
      out.grain ??= grain;
      out.text = blank(out.text, m.index, m.index + m[0].length);
    }
  }
  for (const m of out.text.matchAll(
    /\b(?:over time|trend|trends|trending|time series|timeline|evolution|trajectory)\b/g,
  )) {
    out.wantsSeries = true;
    out.text = blank(out.text, m.index, m.index + m[0].length);
  }
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (const m of out.text.matchAll(rule.pattern)) {
      const spec = rule.apply(m as RegExpExecArray, asOf, out);
      if (spec) out.periods.push({ spec, start: m.index, end: m.index + m[0].length });
      out.text = blank(out.text, leadingPreposition(out.text, m.index), m.index + m[0].length);
    }
  }
  out.periods.sort((a, b) => a.start - b.start);
  readSpanRestatement(out);
  for (const found of out.periods) {
    if (
      /\b(?:vs\.?|versus|compared (?:to|with)|against|than|relative to)\s+(?:the\s+|in\s+)*$/.test(
        normalized.slice(0, found.start),
      )
    )
      found.against = true;
  }
  return out;
}

/** Months each calendar period kind spans, for checking "the 3 months" against "q4". */
const monthsSpanned: Partial<Record<TimeSpec['kind'], number>> = { month: 1, quarter: 3, half: 6, year: 12 };

/**
 * "over the 4 full weeks dec 1-28": a length said beside the one period it describes is placed when
 * it agrees with that period, and is a problem when it does not — never silently dropped.
 */
function readSpanRestatement(out: TimeFindings): void {
  // "the 4 weeks", "4 full weeks" — but "top 3 days" ranks days and is not a length.
  const m =
    /\b(?:(?:over|across|in|for|during) )?(?:(?:the|those|these) (\d{1,2}) (?:(?:full|complete|whole|calendar) )?|(?<!\b(?:top|bottom|best|worst|highest|lowest) )(\d{1,2}) (?:full|complete|whole|calendar) )(days?|weeks?|months?)\b/.exec(
      out.text,
    );
  const only = out.periods.length === 1 ? out.periods[0]?.spec : undefined;
  if (!m || !only) return;
  const n = Number(m[1] ?? m[2]);
  const unit = unitOf(m[3] ?? '');
  const days = daysOf(only);
  const agrees =
    unit === 'month'
      ? monthsSpanned[only.kind] === n
      : days !== null && days === n * (unit === 'week' ? 7 : 1);
  if (agrees) out.text = blank(out.text, m.index, m.index + m[0].length);
  else out.problems.push(`"${m[0].trim()}" does not match the period named beside it`);
}

/** Days in a fixed period; null for open or relative ones, whose length the text cannot check here. */
function daysOf(spec: TimeSpec): number | null {
  switch (spec.kind) {
    case 'range':
      return daysBetweenInclusive(spec.start, spec.end);
    case 'month':
      return daysBetweenInclusive(isoDate(spec.year, spec.month, 1), lastDayOfMonth(spec.year, spec.month));
    case 'quarter':
      return daysBetweenInclusive(
        isoDate(spec.year, spec.quarter * 3 - 2, 1),
        lastDayOfMonth(spec.year, spec.quarter * 3),
      );
    default:
      return null;
  }
}

/** The calendar period right after a named one: "growth vs 2024" asks about 2025. */
export function followingPeriod(spec: TimeSpec): TimeSpec | null {
  switch (spec.kind) {
    case 'year':
      return { kind: 'year', year: spec.year + 1 };
    case 'half':
      return spec.half === 1 ? { ...spec, half: 2 } : { kind: 'half', year: spec.year + 1, half: 1 };
    case 'quarter':
      return spec.quarter < 4
        ? { ...spec, quarter: spec.quarter + 1 }
        : { kind: 'quarter', year: spec.year + 1, quarter: 1 };
    case 'month':
      return spec.month < 12
        ? { ...spec, month: spec.month + 1 }
        : { kind: 'month', year: spec.year + 1, month: 1 };
    case 'relative':
      return spec.offset < 0 ? { ...spec, offset: spec.offset + 1 } : null;
    default:
      return null;
  }
}

/** A day range from [month word, day, year] parts; a missing year is the latest one that has started. */
function dayRange(
  phrase: string,
  from: (string | undefined)[],
  to: (string | undefined)[],
  asOf: string,
  out: TimeFindings,
): TimeSpec | null {
  const toMonth = months[to[0] ?? ''] ?? 1;
  const fromMonth = months[from[0] ?? ''] ?? 1;
  const endYear = toYear(to[2] ?? from[2], yearFor(toMonth, asOf));
  const startYear = toYear(from[2], fromMonth > toMonth ? endYear - 1 : endYear);
  const start = isoDate(startYear, fromMonth, Number(from[1]));
  const end = isoDate(endYear, toMonth, Number(to[1]));
  const valid = (iso: string, month: number, day: string | undefined) =>
    isValidIsoDate(iso) && Number(iso.slice(5, 7)) === month && Number(iso.slice(8)) === Number(day);
  if (!valid(start, fromMonth, from[1]) || !valid(end, toMonth, to[1]) || start > end) {
    out.problems.push(`"${phrase.trim()}" is not a valid date range`);
    return null;
  }
  return { kind: 'range', start, end };
}

function monthWord(month: number): string {
  return Object.keys(months).find((name) => months[name] === month && name.length === 3) ?? String(month);
}

/**
 * "the last 8 full weeks": the n whole weeks (Monday to Sunday) or calendar months that ended by
 * the as-of date; the one still running is left out, so an average is not pulled down by it.
 */
function completePeriods(unit: 'week' | 'month', n: number, asOf: string): TimeSpec {
  if (unit === 'week') {
    const end = addDays(startOfWeek(addDays(asOf, 1)), -1);
    return { kind: 'range', start: addDays(end, -7 * n + 1), end };
  }
  const { year, month } = parseIsoDate(asOf);
  const complete = lastDayOfMonth(year, month) === asOf;
  const endMonth = complete ? month : month - 1;
  const end = lastDayOfMonth(year + Math.floor((endMonth - 1) / 12), ((endMonth - 1 + 12) % 12) + 1);
  const startMonthIndex = year * 12 + (endMonth - 1) - (n - 1);
  return {
    kind: 'range',
    start: isoDate(Math.floor(startMonthIndex / 12), (startMonthIndex % 12) + 1, 1),
    end,
  };
}
