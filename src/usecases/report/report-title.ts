import type { ReportRequest } from '../../domain/report/report-request.ts';
import { resolvePeriod } from '../../domain/time/resolve-period.ts';

/** "Gaming report — Q3 2025" */
export function reportTitle(request: ReportRequest, asOf: string): string {
  const period = resolvePeriod(request.time, asOf);
  return `${request.industry} report — ${period?.label.replace(/ \(.*\)$/, '') ?? 'latest period'}`;
}

/** The job id derived from the request: the same report ordered twice while running is one job. */
export function reportJobId(request: ReportRequest, channel: string, asOf: string): string {
  const period = resolvePeriod(request.time, asOf);
  const slug = request.industry.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  // No ':' in BullMQ job ids.
  return `report-${slug}-${period?.start ?? 'x'}-${period?.end ?? 'x'}-${request.compare}-${channel}`.replace(
    /[^\w.-]/g,
    '-',
  );
}
