import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { Chat, PostedMessage } from '../../ports.ts';
import { slackErrorToScout } from './slack-errors.ts';

const postedSchema = z.object({ ok: z.literal(true), channel: z.string(), ts: z.string() });
const uploadSchema = z.object({
  files: z.array(z.object({ files: z.array(z.object({ id: z.string() })).min(1) })).min(1),
});

export async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw slackErrorToScout(method, error);
  }
}

/** The Chat port on Slack's Web API (the real WebClient; tests point it at a local fake). */
export function createSlackChat(client: webApi.WebClient): Chat {
  return {
    async postMessage({ channel, threadTs, text, blocks }): Promise<PostedMessage> {
      const response = await call('chat.postMessage', () =>
        client.chat.postMessage({
          channel,
          text,
          ...(blocks ? { blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          // Answers never unfurl: a brand URL in a value must not turn into a preview.
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      const parsed = postedSchema.safeParse(response);
      if (!parsed.success)
        throw new ScoutError('slack_failed', 'chat.postMessage returned no ts', { retryable: true });
      return { channel: parsed.data.channel, ts: parsed.data.ts };
    },
    async updateMessage({ channel, ts, text, blocks }) {
      await call('chat.update', () =>
        client.chat.update({ channel, ts, text, ...(blocks ? { blocks } : {}) }),
      );
    },
    async postEphemeral({ channel, user, threadTs, text, blocks }) {
      await call('chat.postEphemeral', () =>
        client.chat.postEphemeral({
          channel,
          user,
          text,
          ...(blocks ? { blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
      );
    },
    async uploadImage({ bytes, filename, title }) {
      // No channel: the file stays private to the app and is shown through a slack_file image block.
      const response = await call('files.uploadV2', () =>
        client.filesUploadV2({ file: Buffer.from(bytes), filename, title }),
      );
      const parsed = uploadSchema.safeParse(response);
      const id = parsed.success ? parsed.data.files[0]?.files[0]?.id : undefined;
      if (!id)
        throw new ScoutError('slack_failed', 'files.uploadV2 returned no file id', { retryable: true });
      return { fileId: id };
    },
    async shareFile({ bytes, filename, title, channel, threadTs, comment }) {
      const common = {
        file: Buffer.from(bytes),
        filename,
        title,
        channel_id: channel,
        ...(comment ? { initial_comment: comment } : {}),
      };
      const response = await call('files.uploadV2', () =>
        client.filesUploadV2(threadTs ? { ...common, thread_ts: threadTs } : common),
      );
      const parsed = uploadSchema.safeParse(response);
      const id = parsed.success ? parsed.data.files[0]?.files[0]?.id : undefined;
      if (!id)
        throw new ScoutError('slack_failed', 'files.uploadV2 returned no file id', { retryable: true });
      return { fileId: id };
    },
    async setStatus({ channel, threadTs, status, loadingMessages }) {
      await call('assistant.threads.setStatus', () =>
        client.assistant.threads.setStatus({
          channel_id: channel,
          thread_ts: threadTs,
          status,
          // Slack rotates at most 10 of these while the status shows.
          ...(loadingMessages?.length ? { loading_messages: loadingMessages.slice(0, 10) } : {}),
        }),
      );
    },
  };
}
