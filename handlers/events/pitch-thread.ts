import type { webApi } from '@slack/bolt';
import type { LimitCheck } from '../../src/domain/input-limits.ts';
import { answerInPitchThread, pitchThread } from '../../src/usecases/pitch/pitch-thread.ts';
import type { HandlerDeps } from '../deps.ts';
import { rateLimitReply } from '../rate-limit.ts';
import { replyWithLimit } from '../reply-errors.ts';

/**
 * A reply in a pitch's thread is a question or objection about that pitch: answered from its
 * facts, not as a new data question. Returns false when the thread is not a pitch's.
 */
export async function repliedInPitchThread(
  deps: HandlerDeps,
  client: webApi.WebClient,
  input: {
    user: string;
    channel: string;
    threadTs: string;
    team?: string;
    checked: LimitCheck;
    dedupeKey: string;
  },
): Promise<boolean> {
  const { user, channel, threadTs } = input;
  const pitch = await pitchThread(deps.pitches, channel, threadTs).catch((error: unknown) => {
    deps.logger.warn(
      { listener: 'message', channel, err: error },
      "cannot tell whether the thread is a pitch's",
    );
    return null;
  });
  if (!pitch) return false;
  if (!input.checked.ok) {
    await replyWithLimit(client, { channel, user, thread_ts: threadTs, text: input.checked.message }, deps);
    return true;
  }
  const limited = await rateLimitReply(deps, user);
  if (limited) {
    await client.chat.postEphemeral({ channel, user, thread_ts: threadTs, ...limited });
    return true;
  }
  await answerInPitchThread(deps.pitches, {
    pitch,
    question: input.checked.text,
    user,
    ...(input.team ? { team: input.team } : {}),
    dedupeKey: input.dedupeKey,
  });
  return true;
}
