import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Workspace } from '../../ports.ts';
import { slackErrorToScout } from './slack-errors.ts';

const userSchema = z.object({
  user: z.object({
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
  }),
});
const membersSchema = z.object({
  members: z.array(z.string()).default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** Pages of 1,000 members; past this many the answer is "not a member" (fail closed). */
const MAX_MEMBER_PAGES = 50;

/** The Workspace port on Slack's Web API (users.info, conversations.members). */
export function createSlackWorkspace(client: webApi.WebClient): Workspace {
  return {
    async isAdmin(user) {
      const response = await client.users.info({ user }).catch((error: unknown) => {
        throw slackErrorToScout('users.info', error);
      });
      const parsed = userSchema.safeParse(response);
      if (!parsed.success) return false;
      const { is_admin, is_owner, is_primary_owner } = parsed.data.user;
      return is_admin === true || is_owner === true || is_primary_owner === true;
    },
    async isMember(channel, user) {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
        const response = await client.conversations
          .members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) })
          .catch((error: unknown) => {
            throw slackErrorToScout('conversations.members', error);
          });
        const parsed = membersSchema.safeParse(response);
        if (!parsed.success) return false;
        if (parsed.data.members.includes(user)) return true;
        cursor = parsed.data.response_metadata?.next_cursor || undefined;
        if (!cursor) return false;
      }
      return false;
    },
  };
}
