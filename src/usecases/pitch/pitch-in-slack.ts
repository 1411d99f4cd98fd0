import type { AnswerRecord } from '../../domain/answer-record.ts';
import type { PitchStyle } from '../../domain/pitch/story.ts';
import { DELIVERY_DEDUPE_SECONDS } from '../../domain/request-identity.ts';
import { isScoutError, toScoutError } from '../../errors.ts';
import type { AnswerStore, Chat, Dedupe, KeyValueStore, PostedMessage, SlackBlock } from '../../ports.ts';
import { draftPitch } from './draft-pitch.ts';
import type { PitchDeps } from './pitch-deps.ts';
import { type PitchMemory, pitchMemoryOf, recallPitch, rememberPitch } from './pitch-memory.ts';
import type { ObjectionAnswer } from './pitch-objection.ts';
import { buildPitchRecord } from './pitch-record.ts';
import { emptyPitch, type PitchResult } from './pitch-result.ts';
import { type RecordedQuery, recordingWarehouse, replayWarehouse } from './recorded-queries.ts';

type Rendered = { text: string; blocks: SlackBlock[] };

/** How pitches look in Slack (src/presentation/slack/pitch-message.ts), injected. */
export interface PitchRenderers {
  progress(input: { brand: string; done: string[]; current: string | null }): Rendered;
  pitch(pitch: PitchResult): Rendered;
  objection(answer: ObjectionAnswer, pitch: PitchMemory): Rendered;
}

/** The logging a pitch in Slack needs (pino's Logger has it). */
export interface Logger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface SlackPitchDeps {
  pitch: PitchDeps;
  chat: Chat;
  /** Pitches by id and by thread (Redis), for the buttons and thread questions. */
  memory: KeyValueStore;
  answers: AnswerStore;
  dedupe: Dedupe;
  render: PitchRenderers;
  ttlSeconds: number;
  logger: Logger;
  now: () => Date;
}

export interface SlackPitchRequest {
  brand: string;
  program?: string | null;
  goal?: string | null;
  style?: PitchStyle;
  user: string;
  team?: string;
  /** A channel id, or the user's id for a DM (Slack opens the app's DM with them). */
  channel: string;
  /** Post in this thread (a re-written version); without it the pitch starts its own thread. */
  threadTs?: string;
  surface: AnswerRecord['surface'];
  dedupeKey?: string;
  /** The first version's query results: a re-write runs no query of its own. */
  replay?: RecordedQuery[];
}

export type SlackPitchOutcome =
  | { outcome: 'duplicate' }
  | { outcome: 'posted'; pitch: PitchResult; message: PostedMessage; threadTs: string };

/** Progress as stages start: one message, updated in order, best effort. */
function progressReporter(deps: SlackPitchDeps, brand: string, message: PostedMessage, log: Logger) {
  const done: string[] = [];
  let current: string | null = null;
  let chain = Promise.resolve();
  return {
    onStage(stage: string) {
      if (current) done.push(current);
      current = stage;
      const view = deps.render.progress({ brand, done: [...done], current });
      chain = chain
        .then(() => deps.chat.updateMessage({ channel: message.channel, ts: message.ts, ...view }))
        .catch((error: unknown) => log.debug({ err: error }, 'pitch progress not shown'));
    },
    settled: () => chain,
  };
}

async function runPipeline(deps: SlackPitchDeps, request: SlackPitchRequest, onStage: (s: string) => void) {
  const recorder = request.replay ? null : recordingWarehouse(deps.pitch.warehouse);
  const warehouse = request.replay
    ? replayWarehouse(deps.pitch.warehouse.dialect, request.replay)
    : (recorder?.warehouse ?? deps.pitch.warehouse);
  let pitch: PitchResult;
  try {
    pitch = await draftPitch(
      { ...deps.pitch, warehouse },
      {
        brand: request.brand,
        program: request.program ?? null,
        goal: request.goal ?? null,
        ...(request.style ? { style: request.style } : {}),
        onStage,
      },
    );
  } catch (error) {
    deps.logger.error({ err: toScoutError(error) }, 'pitch failed');
    const message = isScoutError(error) ? error.userMessage : 'Scout could not draft this pitch.';
    pitch = {
      ...emptyPitch(deps.pitch.newId(), 'error', message),
      errorCode: isScoutError(error) ? error.code : 'internal',
    };
  }
  return { pitch, queries: request.replay ?? recorder?.recorded() ?? [] };
}

/**
 * Drafts a pitch in Slack: a progress message that shows the stages, then the pitch in its
 * place (a clarification or refusal says why), the record stored first, the full Markdown in the
 * thread, and the pitch remembered for its buttons and its thread's questions.
 */
export async function pitchInSlack(
  deps: SlackPitchDeps,
  request: SlackPitchRequest,
): Promise<SlackPitchOutcome> {
  const log = deps.logger.child({ useCase: 'pitch', surface: request.surface, user: request.user });
  if (request.dedupeKey) {
    const first = await deps.dedupe.claim(request.dedupeKey, DELIVERY_DEDUPE_SECONDS).catch(() => true);
    if (!first) return { outcome: 'duplicate' };
  }
  const started = performance.now();
  const message = await deps.chat.postMessage({
    channel: request.channel,
    ...(request.threadTs ? { threadTs: request.threadTs } : {}),
    ...deps.render.progress({ brand: request.brand, done: [], current: null }),
  });
  // A DM is addressed by the user's id; Slack answers with the conversation's own id.
  const channel = message.channel;
  const threadTs = request.threadTs ?? message.ts;
  const progress = progressReporter(deps, request.brand, message, log);
  const { pitch, queries } = await runPipeline(deps, request, progress.onStage);
  await progress.settled();

  const record = buildPitchRecord(
    pitch,
    {
      brand: request.brand,
      program: request.program ?? null,
      goal: request.goal ?? null,
      ...(request.style ? { style: request.style } : {}),
    },
    {
      surface: request.surface,
      asker: { user: request.user, ...(request.team ? { team: request.team } : {}) },
      conversation: { channel, threadTs },
      latencyMs: performance.now() - started,
      createdAt: deps.now(),
    },
  );
  await deps.answers
    .save(record)
    .catch((error: unknown) =>
      log.error({ err: toScoutError(error), pitchId: pitch.id }, 'pitch record not stored'),
    );
  // Remembered before it is shown: its buttons and thread work as soon as anyone can click them.
  const memory = pitchMemoryOf(pitch, { channel, threadTs, goal: request.goal ?? null, queries });
  if (memory)
    await rememberPitch(deps.memory, memory, deps.ttlSeconds).catch((error: unknown) =>
      log.warn(
        { err: toScoutError(error), pitchId: pitch.id },
        'pitch not remembered; its buttons will not work',
      ),
    );
  await deps.chat.updateMessage({ channel, ts: message.ts, ...deps.render.pitch(pitch) });
  if (memory)
    await deps.chat
      .shareFile({
        bytes: new TextEncoder().encode(pitch.answer),
        filename: `pitch-${pitch.id}.md`,
        title: `Pitch: ${pitch.brand ?? request.brand}`,
        channel,
        threadTs,
      })
      .catch((error: unknown) =>
        log.warn({ err: toScoutError(error), pitchId: pitch.id }, 'pitch file not shared'),
      );
  log.info({ pitchId: pitch.id, status: pitch.status, latencyMs: Math.round(record.latencyMs) }, 'pitched');
  return { outcome: 'posted', pitch, message: { channel, ts: message.ts }, threadTs };
}

export type PitchChange = 'shorter' | 'formal' | 'program';

/**
 * A button under a pitch: the same facts written again (shorter, more formal, or for the next
 * program the brand may have), posted in the pitch's thread. Returns null when the pitch is no
 * longer remembered, 'no_alternative' when no other program is open to the brand.
 */
export async function rewritePitch(
  deps: SlackPitchDeps,
  input: { pitchId: string; change: PitchChange; user: string; team?: string; dedupeKey?: string },
): Promise<SlackPitchOutcome | 'no_alternative' | null> {
  const memory = await recallPitch(deps.memory, input.pitchId);
  if (!memory) return null;
  const program = input.change === 'program' ? memory.alternatives[0] : memory.program.program_id;
  if (!program) return 'no_alternative';
  const style: PitchStyle = {
    ...memory.style,
    ...(input.change === 'shorter' ? { shorter: true } : {}),
    ...(input.change === 'formal' ? { formal: true } : {}),
  };
  return pitchInSlack(deps, {
    brand: memory.brand,
    program,
    goal: memory.goal,
    style,
    user: input.user,
    ...(input.team ? { team: input.team } : {}),
    channel: memory.channel,
    threadTs: memory.threadTs,
    surface: 'button',
    ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}),
    replay: memory.queries,
  });
}
