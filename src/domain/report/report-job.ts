import { z } from 'zod';
import { reportRequestSchema } from './report-request.ts';

/**
 * One report job: the validated request and where to post. Stored as clear text in the job
 * queue (Redis), so no secrets here; checked with this schema whenever it is read back.
 */
export const reportJobDataSchema = z.object({
  request: reportRequestSchema,
  channel: z.string().min(1),
  user: z.string().optional(),
  /** The progress message posted when the report was ordered; scheduled runs post their own. */
  progressTs: z.string().optional(),
  scheduleId: z.string().optional(),
  orderedAt: z.string(),
});
export type ReportJobData = z.infer<typeof reportJobDataSchema>;
