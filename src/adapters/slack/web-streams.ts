import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { AgentSurface, ChatStreams, StreamTask } from '../../ports.ts';
import { call } from './web-chat.ts';

const startedSchema = z.object({ ok: z.literal(true), channel: z.string(), ts: z.string() });

/** Slack's `task_update` chunk; its title and output are cut to Slack's 256 characters. */
function taskChunk(task: StreamTask) {
  return {
    type: 'task_update' as const,
    id: task.id,
    title: task.title.slice(0, 256),
    status: task.status,
    ...(task.output ? { output: task.output.slice(0, 256) } : {}),
  };
}

/** The ChatStreams port on chat.startStream / appendStream / stopStream. */
export function createSlackStreams(client: webApi.WebClient): ChatStreams {
  return {
    async start({ channel, threadTs, recipientUserId, recipientTeamId, tasks }) {
      const response = await call('chat.startStream', () =>
        client.chat.startStream({
          channel,
          thread_ts: threadTs,
          // Tasks shown together as one plan rather than a growing timeline.
          task_display_mode: 'plan',
          chunks: tasks.map(taskChunk),
          ...(recipientUserId ? { recipient_user_id: recipientUserId } : {}),
          ...(recipientTeamId ? { recipient_team_id: recipientTeamId } : {}),
        }),
      );
      const parsed = startedSchema.safeParse(response);
      if (!parsed.success)
        throw new ScoutError('slack_failed', 'chat.startStream returned no ts', { retryable: true });
      return { channel: parsed.data.channel, ts: parsed.data.ts };
    },
    async append({ channel, ts, tasks, text }) {
      const chunks = [
        ...(tasks ?? []).map(taskChunk),
        ...(text ? [{ type: 'markdown_text' as const, text: text.slice(0, 12_000) }] : []),
      ];
      if (chunks.length === 0) return;
      await call('chat.appendStream', () => client.chat.appendStream({ channel, ts, chunks }));
    },
    async stop({ channel, ts, blocks }) {
      await call('chat.stopStream', () =>
        client.chat.stopStream({
          channel,
          ts,
          // Plain JSON blocks built by the presentation code; Slack validates them.
          ...(blocks?.length ? { blocks: blocks.slice(0, 50) as unknown as webApi.KnownBlock[] } : {}),
        }),
      );
    },
  };
}

/** The AgentSurface port: suggested prompts in the DM, the Home tab, modals. */
export function createSlackAgentSurface(client: webApi.WebClient): AgentSurface {
  return {
    async setSuggestedPrompts({ channel, title, prompts }) {
      // No thread_ts: under agent_view the prompts belong to the DM itself (with one, Slack ignores them).
      await call('assistant.threads.setSuggestedPrompts', () =>
        client.assistant.threads.setSuggestedPrompts({
          channel_id: channel,
          title,
          prompts: prompts.slice(0, 4),
        }),
      );
    },
    async publishHome({ user, view }) {
      await call('views.publish', () =>
        // A Home view built by the presentation code as plain JSON; Slack validates it.
        client.views.publish({ user_id: user, view: view as unknown as webApi.HomeView }),
      );
    },
    async openModal({ triggerId, view }) {
      await call('views.open', () =>
        // A modal built by the presentation code as plain JSON; Slack validates it.
        client.views.open({ trigger_id: triggerId, view: view as unknown as webApi.ModalView }),
      );
    },
  };
}
