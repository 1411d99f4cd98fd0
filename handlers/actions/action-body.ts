import { z } from 'zod';

/** The parts of a block_actions payload the listeners read. */
export const blockActionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  team: z.object({ id: z.string() }).nullish(),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z
    .object({
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
      channel_id: z.string().optional(),
    })
    .optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

export type BlockActionBody = z.infer<typeof blockActionSchema>;
