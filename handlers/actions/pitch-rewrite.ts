import type { App } from '@slack/bolt';
import { pitchActionIds } from '../../src/presentation/slack/pitch-message.ts';
import { type PitchChange, rewritePitch } from '../../src/usecases/pitch/pitch-in-slack.ts';
import type { HandlerDeps } from '../deps.ts';
import { queueAnswer } from '../queued-answer.ts';
import { refusedOverLimit } from '../rate-limit.ts';
import { blockActionSchema } from './action-body.ts';

const changes: [string, PitchChange][] = [
  [pitchActionIds.shorter, 'shorter'],
  [pitchActionIds.formal, 'formal'],
  [pitchActionIds.otherProgram, 'program'],
];

/** "Shorter", "More formal", "Another program": the pitch written again from its numbers, in its thread. */
export function registerPitchRewrites(app: App, deps: HandlerDeps): void {
  for (const [actionId, change] of changes) {
    app.action(actionId, async ({ ack, body, respond }) => {
      await ack();
      const parsed = blockActionSchema.safeParse(body);
      if (!parsed.success) return;
      const { user, team, actions, message, container } = parsed.data;
      const pitchId = actions[0]?.value ?? '';
      const scope = { listener: `action:${actionId}`, user: user.id };
      const target = {
        ephemeral: (reply: { text: string }) =>
          respond({ response_type: 'ephemeral', replace_original: false, ...reply }),
      };
      if (!/^p-[0-9a-f]{10}$/.test(pitchId)) return;
      if (await refusedOverLimit(deps, user.id, target, scope)) return;
      await queueAnswer(deps, scope, target, async () => {
        const outcome = await rewritePitch(deps.pitches, {
          pitchId,
          change,
          user: user.id,
          ...(team?.id ? { team: team.id } : {}),
          // A double click on the same button gets one new version.
          dedupeKey: `pitch-rewrite:${pitchId}:${change}:${message?.ts ?? container?.message_ts ?? ''}`,
        });
        if (outcome === null)
          await target.ephemeral({
            text: 'I no longer have the numbers behind that pitch; draft it again with `/pitch`.',
          });
        if (outcome === 'no_alternative')
          await target.ephemeral({ text: 'No other program is open to this brand right now.' });
      });
    });
  }
}
