import { formatDay } from '../time/calendar.ts';

export {
  formatBucket,
  formatChange,
  formatForTable,
  formatForText,
  formatPercent,
} from '../answer/format-value.ts';

/** "Sep 8, 2025" or "Sep 8, 2025 – Sep 10, 2025". */
export function formatDayRange(start: string, end: string): string {
  return start === end ? `on ${formatDay(start)}` : `from ${formatDay(start)} to ${formatDay(end)}`;
}
