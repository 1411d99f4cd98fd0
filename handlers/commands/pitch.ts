import type { App } from '@slack/bolt';
import { checkCommandText } from '../../src/domain/input-limits.ts';
import { parsePitchCommand } from '../../src/domain/pitch/pitch-command.ts';
import { commandDedupeClaim } from '../../src/domain/request-identity.ts';
import { pitchInSlack } from '../../src/usecases/pitch/pitch-in-slack.ts';
import { programIdOf } from '../../src/usecases/pitch/pitch-options.ts';
import type { HandlerDeps } from '../deps.ts';
import { busyReply } from '../queued-answer.ts';
import { rateLimitReply } from '../rate-limit.ts';
import { withFriendlyErrors } from '../reply-errors.ts';
import { MAX_GOAL_CHARS, openPitchModal } from '../shortcuts/pitch.ts';
import { answeringCommandSchema } from './command-body.ts';

export const pitchUsage =
  'Draft a sales pitch grounded in a brand’s own numbers: `/pitch Harbourline Bank`, `/pitch Harbourline Bank for PRG-02`, `/pitch Harbourline Bank goal grow CTV`. `/pitch` alone opens the form.';

/** `/pitch <brand> [for <program>] [goal …]`: ack at once, draft from the answer queue; `/pitch` alone opens the modal. */
export function registerPitchCommand(app: App, deps: HandlerDeps): void {
  app.command('/pitch', async ({ command, ack, respond, client }) => {
    const parsed = answeringCommandSchema.safeParse(command);
    const checked = checkCommandText(parsed.success ? parsed.data.text : '');
    if (!checked.ok) {
      await ack({ response_type: 'ephemeral', text: checked.message });
      return;
    }
    if (!parsed.success || /^\s*help\s*$/i.test(checked.text)) {
      await ack({ response_type: 'ephemeral', text: pitchUsage });
      return;
    }
    const { user_id: user, channel_id: channel, team_id: team, trigger_id: triggerId } = parsed.data;
    const request = parsePitchCommand(checked.text);
    if (!request) {
      await ack();
      if (triggerId) await openPitchModal(client, deps, { triggerId, channel, user });
      return;
    }
    if ((request.goal ?? '').length > MAX_GOAL_CHARS) {
      await ack({ response_type: 'ephemeral', text: `A goal is limited to ${MAX_GOAL_CHARS} characters.` });
      return;
    }
    const limited = await rateLimitReply(deps, user);
    if (limited) {
      await ack({ response_type: 'ephemeral', text: limited.text });
      return;
    }
    const scope = { listener: 'command:/pitch', user, channel };
    const claim = commandDedupeClaim(parsed.data);
    const admission = deps.answering.offer(() =>
      withFriendlyErrors(
        deps,
        scope,
        {
          ephemeral: (message) =>
            respond({ response_type: 'ephemeral', replace_original: false, ...message }),
        },
        async () => {
          await pitchInSlack(deps.pitches, {
            brand: request.brand,
            program: await programIdOf(deps.pitches.pitch, request.program),
            goal: request.goal,
            user,
            ...(team ? { team } : {}),
            channel,
            surface: 'slash_command',
            dedupeKey: claim.key,
          });
        },
      ),
    );
    if (!admission.accepted) {
      await ack({ response_type: 'ephemeral', ...busyReply(deps, scope) });
      return;
    }
    await ack({
      response_type: 'ephemeral',
      text: ':mag: Drafting the pitch; it will appear in this channel.',
    });
  });
}
