import type { App, webApi } from '@slack/bolt';
import { z } from 'zod';
import { pitchModalIds, renderOptions, renderPitchModal } from '../../src/presentation/slack/pitch-modal.ts';
import { pitchInSlack } from '../../src/usecases/pitch/pitch-in-slack.ts';
import {
  pitchBrandOptions,
  pitchPrefill,
  pitchProgramOptions,
} from '../../src/usecases/pitch/pitch-options.ts';
import type { HandlerDeps } from '../deps.ts';
import { queueAnswer } from '../queued-answer.ts';

export const pitchShortcuts = { global: 'pitch_global', message: 'pitch_from_message' } as const;
export const MAX_GOAL_CHARS = 500;
/** The prefill may not hold up `views.open`: the trigger id expires 3 s after the shortcut. */
const PREFILL_DEADLINE_MS = 1200;

const shortcutSchema = z.object({
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  message: z.object({ text: z.string().default('') }).optional(),
});

/** Where the submission posts: the message's or command's channel, or (global) the one picked, else a DM. */
const metadataSchema = z.object({
  source: z.enum(['global', 'message', 'command']),
  channel: z.string().optional(),
});

/** Opens the pitch modal with whatever prefill was found in time; a failure is logged, not shown. */
export async function openPitchModal(
  client: webApi.WebClient,
  deps: HandlerDeps,
  input: {
    triggerId: string;
    user: string;
    channel?: string;
    messageText?: string;
    source?: 'message' | 'command' | 'global';
  },
): Promise<void> {
  const source = input.source ?? 'command';
  const prefill = input.messageText
    ? await Promise.race([
        pitchPrefill(deps.pitches.pitch, input.messageText).catch(() => null),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), PREFILL_DEADLINE_MS)),
      ])
    : null;
  const view = renderPitchModal({
    brand: prefill?.brand ?? null,
    program: prefill?.program ?? null,
    goal: prefill?.goal ?? null,
    askChannel: source === 'global',
    privateMetadata: JSON.stringify({ source, ...(input.channel ? { channel: input.channel } : {}) }),
  });
  // The modal's JSON is ours; Bolt's view type is a union we do not restate here.
  await client.views.open({ trigger_id: input.triggerId, view: view as never }).catch((error: unknown) => {
    deps.logger.warn({ listener: 'pitch modal', user: input.user, err: error }, 'pitch modal not opened');
  });
}

const optionsSchema = z.object({ value: z.string().default('') });

function registerOptions(app: App, deps: HandlerDeps): void {
  app.options(pitchModalIds.brand, async ({ ack, body }) => {
    const typed = optionsSchema.safeParse(body).data?.value ?? '';
    const brands = await pitchBrandOptions(deps.pitches.pitch, typed.slice(0, 100)).catch(() => []);
    await ack(renderOptions(brands.map((b) => ({ label: b, value: b }))));
  });
  app.options(pitchModalIds.program, async ({ ack, body }) => {
    const typed = optionsSchema.safeParse(body).data?.value ?? '';
    const programs = await pitchProgramOptions(deps.pitches.pitch, typed.slice(0, 100)).catch(() => []);
    await ack(
      renderOptions(programs.map((p) => ({ label: `${p.programId} ${p.name}`, value: p.programId }))),
    );
  });
}

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const typedText = z.object({ value: z.string().nullish() });
const conversation = z.object({ selected_conversation: z.string().nullish() });

/** The submitted modal; each input's state is read on its own below, so each problem is named on its field. */
const submissionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({
    id: z.string().min(1),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
});

/** One input's state (block and action share the id), read through its element's schema. */
function inputState<T>(values: Record<string, Record<string, unknown>>, id: string, schema: z.ZodType<T>) {
  const parsed = schema.safeParse(values[id]?.[id]);
  return parsed.success ? parsed.data : null;
}

function readSubmission(body: unknown) {
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success)
    return { kind: 'errors' as const, errors: { [pitchModalIds.brand]: 'Please pick a brand.' } };
  const values = parsed.data.view.state.values;
  const brand = inputState(values, pitchModalIds.brand, selected)?.selected_option?.value.trim() ?? '';
  const program = inputState(values, pitchModalIds.program, selected)?.selected_option?.value ?? null;
  const goal = inputState(values, pitchModalIds.goal, typedText)?.value?.trim() ?? '';
  const tone = inputState(values, pitchModalIds.tone, selected)?.selected_option?.value ?? 'house';
  const picked = inputState(values, pitchModalIds.channel, conversation)?.selected_conversation ?? null;
  const errors: Record<string, string> = {};
  if (brand === '' || brand.length > 200) errors[pitchModalIds.brand] = 'Please pick a brand from the list.';
  if (program !== null && !/^PRG-\d{2}$/.test(program))
    errors[pitchModalIds.program] = 'Please pick a program from the list, or leave it empty.';
  if (goal.length > MAX_GOAL_CHARS)
    errors[pitchModalIds.goal] = `A goal is limited to ${MAX_GOAL_CHARS} characters.`;
  if (!['house', 'formal', 'shorter'].includes(tone)) errors[pitchModalIds.tone] = 'Please pick a tone.';
  let metadata: z.infer<typeof metadataSchema> = { source: 'global' };
  try {
    metadata = metadataSchema.parse(JSON.parse(parsed.data.view.private_metadata || '{}'));
  } catch {
    // A modal we did not open (or an old one): post as the global shortcut would, in a DM.
  }
  if (Object.keys(errors).length > 0) return { kind: 'errors' as const, errors };
  return {
    kind: 'ok' as const,
    request: {
      brand,
      program,
      goal: goal || null,
      style: {
        ...(tone === 'formal' ? { formal: true } : {}),
        ...(tone === 'shorter' ? { shorter: true } : {}),
      },
      user: parsed.data.user.id,
      ...(parsed.data.team?.id ? { team: parsed.data.team.id } : {}),
      channel: picked ?? metadata.channel ?? parsed.data.user.id,
      surface: metadata.source === 'command' ? ('slash_command' as const) : ('shortcut' as const),
      dedupeKey: `pitch-view:${parsed.data.view.id}`,
    },
  };
}

function registerSubmission(app: App, deps: HandlerDeps): void {
  app.view(pitchModalIds.callback, async ({ ack, body, client }) => {
    const read = readSubmission(body);
    if (read.kind === 'errors') {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    const { request } = read;
    const scope = { listener: 'view:pitch_modal', user: request.user, channel: request.channel };
    await queueAnswer(
      deps,
      scope,
      // A modal has no conversation of its own, and the channel picked may not take Scout's
      // messages: a failure is told in the app's DM with the user, which always can.
      { ephemeral: (message) => client.chat.postMessage({ channel: request.user, ...message }) },
      async () => {
        await pitchInSlack(deps.pitches, request);
      },
    );
  });
}

/** The two pitch shortcuts (global and on a message) open the modal; its lists and submission. */
export function registerPitchShortcuts(app: App, deps: HandlerDeps): void {
  for (const [kind, callbackId] of Object.entries(pitchShortcuts)) {
    app.shortcut(callbackId, async ({ ack, body, client }) => {
      await ack();
      const parsed = shortcutSchema.safeParse(body);
      if (!parsed.success) return;
      await openPitchModal(client, deps, {
        triggerId: parsed.data.trigger_id,
        user: parsed.data.user.id,
        source: kind === 'message' ? 'message' : 'global',
        ...(kind === 'message' && parsed.data.channel ? { channel: parsed.data.channel.id } : {}),
        ...(parsed.data.message ? { messageText: parsed.data.message.text.slice(0, 4000) } : {}),
      });
    });
  }
  registerOptions(app, deps);
  registerSubmission(app, deps);
}
