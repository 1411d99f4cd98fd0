import { z } from 'zod';

/** The parts of a slash command payload the answering commands read. */
export const answeringCommandSchema = z.object({
  text: z.string().default(''),
  command: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  team_id: z.string().optional(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
});
