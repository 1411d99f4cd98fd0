import { z } from 'zod';
import { type TimeSpec, timeSpecSchema } from '../metric-query.ts';
import { chooseTime, type ParseContext } from '../parser/parse-question.ts';
import { scanTerms } from '../parser/scan-terms.ts';
import { closest, normalizeText } from '../parser/text.ts';
import { findTime } from '../parser/time-expressions.ts';

/** A validated order for an industry report; job data carries exactly this. */
export const reportRequestSchema = z.object({
  industry: z.string().min(1),
  time: timeSpecSchema,
  compare: z.enum(['previous_period', 'previous_year']),
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

export type ReportCommand =
  | { kind: 'order'; request: ReportRequest }
  | {
      kind: 'schedule';
      request: Omit<ReportRequest, 'time'> & { cadence: 'weekly' | 'monthly' };
      cron: string;
      tz: string;
      description: string;
    }
  | { kind: 'list_schedules' }
  | { kind: 'unschedule'; id: string }
  | { kind: 'help' }
  | { kind: 'invalid'; message: string; suggestions: string[] };

const examples = [
  '/report gaming Q3 2025',
  '/report beauty 2025 vs 2024',
  '/report schedule weekly mon 09:00 Asia/Taipei gaming',
];
const days: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

function invalid(message: string, suggestions: string[] = examples): ReportCommand {
  return { kind: 'invalid', message, suggestions };
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The industry named in the text, by value or alias ("gaming", "cars", "beauty"). */
function findIndustry(text: string, ctx: ParseContext): { industry?: string; unknown: string[] } {
  const normalized = normalizeText(text);
  // A report is a long job: an industry is named exactly, and a near miss gets "did you mean".
  const scan = scanTerms(normalized, text, ctx.lexicon, { tolerant: false });
  const industries = [
    ...new Set(
      scan.matches.flatMap((m) =>
        m.entry.kind === 'value' && m.entry.dimension === 'industry' ? [m.entry.value] : [],
      ),
    ),
  ];
  const unknown = scan.unknown
    .map((t) => t.text)
    .filter((w) => !/^(report|reports|on|for|about|make|a|an|the|industry)$/.test(w));
  return { ...(industries.length === 1 ? { industry: industries[0] } : {}), unknown };
}

/**
 * `/report <industry> [period] [vs period]`, `/report schedule weekly|monthly …`,
 * `/report schedules`, `/report unschedule <id>`: deterministic, with specific messages.
 */
export function parseReportCommand(text: string, ctx: ParseContext): ReportCommand {
  const trimmed = text.trim();
  if (trimmed === '' || /^(help|\?)$/i.test(trimmed)) return { kind: 'help' };
  if (/^schedules$/i.test(trimmed)) return { kind: 'list_schedules' };
  const unschedule = /^unschedule\s+(\S+)$/i.exec(trimmed);
  if (unschedule) return { kind: 'unschedule', id: unschedule[1] ?? '' };
  if (/^unschedule\b/i.test(trimmed))
    return invalid(
      'Which schedule? Use `/report schedules` to see their ids, then `/report unschedule <id>`.',
      ['/report schedules'],
    );

  const schedule = /^schedule\s+(weekly|monthly)\s+(.*)$/i.exec(trimmed);
  if (/^schedule\b/i.test(trimmed) && !schedule) {
    return invalid(
      'Say how often: `/report schedule weekly mon 09:00 Asia/Taipei gaming` or `/report schedule monthly 1 09:00 Asia/Taipei gaming`.',
    );
  }
  if (schedule) {
    const cadence = (schedule[1] ?? 'weekly').toLowerCase() as 'weekly' | 'monthly';
    const rest = schedule[2] ?? '';
    const when =
      cadence === 'weekly'
        ? /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+(\d{1,2}):(\d{2})\s+(\S+)\s+(.+)$/i.exec(rest)
        : /^(\d{1,2})(?:st|nd|rd|th)?\s+(\d{1,2}):(\d{2})\s+(\S+)\s+(.+)$/i.exec(rest);
    if (!when) {
      return invalid(
        cadence === 'weekly'
          ? 'Weekly schedules need a day, a time, a time zone and an industry: `/report schedule weekly mon 09:00 Asia/Taipei gaming`.'
          : 'Monthly schedules need a day of the month, a time, a time zone and an industry: `/report schedule monthly 1 09:00 Asia/Taipei gaming`.',
      );
    }
    const [, dayText = '', hourText = '', minuteText = '', tz = '', industryText = ''] = when;
    const hour = Number(hourText);
    const minute = Number(minuteText);
    if (hour > 23 || minute > 59)
      return invalid(`${hourText}:${minuteText} is not a time of day (00:00–23:59).`);
    if (!validTimeZone(tz))
      return invalid(
        `"${tz}" is not a time zone I know. Use an IANA name such as Asia/Taipei or Asia/Singapore.`,
      );
    const found = findIndustry(industryText, ctx);
    if (!found.industry) return unknownIndustry(industryText, ctx);
    const dayOfMonth = Number(dayText);
    if (cadence === 'monthly' && (dayOfMonth < 1 || dayOfMonth > 28)) {
      return invalid('Pick a day of the month from 1 to 28, so the schedule fires every month.');
    }
    const cron =
      cadence === 'weekly'
        ? `${minute} ${hour} * * ${days[dayText.slice(0, 3).toLowerCase()] ?? 1}`
        : `${minute} ${hour} ${dayOfMonth} * *`;
    const at = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} ${tz}`;
    const description =
      cadence === 'weekly'
        ? `every ${dayText.slice(0, 3)} at ${at}`
        : `on day ${dayOfMonth} of every month at ${at}`;
    return {
      kind: 'schedule',
      request: {
        industry: found.industry,
        compare: cadence === 'weekly' ? 'previous_period' : 'previous_year',
        cadence,
      },
      cron,
      tz,
      description,
    };
  }

  const found = findIndustry(trimmed, ctx);
  if (!found.industry) return unknownIndustry(trimmed, ctx);
  const time = findTime(normalizeText(trimmed), ctx.asOf);
  if (time.problems.length > 0) return invalid(`${time.problems.join('; ')}.`);
  let spec: TimeSpec = { kind: 'relative', unit: 'quarter', offset: -1 };
  let compare: ReportRequest['compare'] = 'previous_year';
  if (time.periods.length > 0 || time.compare) {
    const chosen = chooseTime(time.periods, time.compare, ctx, normalizeText(trimmed), false);
    if ('missing' in chosen)
      return invalid(chosen.missing, [`/report ${found.industry.toLowerCase()} Q3 2025 vs Q3 2024`]);
    spec = chosen.time;
    if (chosen.compare) compare = chosen.compare;
  }
  if (spec.kind === 'all') return invalid('A report covers one period, for example `Q3 2025` or `2025`.');
  return { kind: 'order', request: { industry: found.industry, time: spec, compare } };
}

function unknownIndustry(text: string, ctx: ParseContext): ReportCommand {
  const industries = ctx.semanticModel.values.get('industry') ?? [];
  const words = normalizeText(text)
    .split(' ')
    .filter((w) => w.length > 2);
  const near = [...new Set(words.flatMap((w) => closest(w, industries, 2)))];
  return invalid(
    `Which industry? Reports cover one of: ${industries.join(', ')}.${near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : ''}`,
    near.length > 0 ? near.map((n) => `/report ${n.toLowerCase()} Q3 2025`) : examples,
  );
}
