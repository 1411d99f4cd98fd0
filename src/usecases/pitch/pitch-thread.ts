import { DELIVERY_DEDUPE_SECONDS } from '../../domain/request-identity.ts';
import { toScoutError } from '../../errors.ts';
import type { SlackPitchDeps } from './pitch-in-slack.ts';
import { type PitchMemory, pitchOfThread } from './pitch-memory.ts';
import { answerPitchObjection, type ObjectionAnswer } from './pitch-objection.ts';
import { buildObjectionRecord } from './pitch-record.ts';

/** The pitch a thread belongs to, or null (then the reply is an ordinary follow-up, or not Scout's). */
export function pitchThread(deps: Pick<SlackPitchDeps, 'memory'>, channel: string, threadTs: string) {
  return pitchOfThread(deps.memory, channel, threadTs);
}

/**
 * A reply in a pitch's thread: answered from the pitch's facts, its program's terms and new
 * queries (never a figure that is not one of them), posted in the thread, recorded for `why`.
 */
export async function answerInPitchThread(
  deps: SlackPitchDeps,
  input: {
    pitch: PitchMemory;
    question: string;
    user: string;
    team?: string;
    dedupeKey?: string;
  },
): Promise<ObjectionAnswer | null> {
  const { pitch } = input;
  const log = deps.logger.child({ useCase: 'pitch-thread', user: input.user, pitchId: pitch.id });
  if (input.dedupeKey) {
    const first = await deps.dedupe.claim(input.dedupeKey, DELIVERY_DEDUPE_SECONDS).catch(() => true);
    if (!first) return null;
  }
  const started = performance.now();
  await deps.chat
    .setStatus({ channel: pitch.channel, threadTs: pitch.threadTs, status: 'is checking the numbers…' })
    .catch((error: unknown) => log.debug({ err: error }, 'status not shown'));
  const answer = await answerPitchObjection(deps.pitch, pitch, input.question);
  const record = buildObjectionRecord(
    answer,
    { question: input.question, pitchId: pitch.id, brand: pitch.brand },
    {
      asker: { user: input.user, ...(input.team ? { team: input.team } : {}) },
      conversation: { channel: pitch.channel, threadTs: pitch.threadTs },
      latencyMs: performance.now() - started,
      createdAt: deps.now(),
    },
  );
  await deps.answers
    .save(record)
    .catch((error: unknown) => log.error({ err: toScoutError(error) }, 'objection record not stored'));
  await deps.chat.postMessage({
    channel: pitch.channel,
    threadTs: pitch.threadTs,
    ...deps.render.objection(answer, pitch),
  });
  log.info(
    { answerId: answer.id, status: answer.status, dropped: answer.dropped.length },
    'pitch question answered',
  );
  return answer;
}
