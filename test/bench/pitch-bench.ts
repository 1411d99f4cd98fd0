/**
 * Sales pitches in Slack (offline engine, scale 1, one process): time from a signed /pitch to the
 * posted pitch, against two baselines measured in the same process on the same app — the
 * pipeline alone (no Slack) and /ask to a posted answer — and a "Shorter" re-write.
 */
import { composePitch } from '../../src/compose/pitch.ts';
import { draftPitch } from '../../src/usecases/pitch/draft-pitch.ts';
import { blockAction, sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { okPosts, type SlackHarness, signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';
import { ms, percentile, versus } from './stats.ts';

const BRANDS = [
  'Harbourline Bank',
  'Velora EV',
  'Saffron Spoon Kitchens',
  'Lumina Mart',
  'Aurelia Skin',
  'Nebula Forge',
];
const ROUNDS = 2;

const pitchPosts = (h: SlackHarness) =>
  h.fake
    .callsTo('chat.update')
    .filter(
      (c) => c.status === 200 && !c.error && JSON.stringify(c.args.blocks ?? []).includes('pitch_shorter'),
    );
const filesShared = (h: SlackHarness) =>
  h.fake.callsTo('files.completeUploadExternal').filter((c) => c.status === 200 && !c.error).length;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

const summary = (samples: number[]) =>
  `p50 ${ms(percentile(samples, 50))}, max ${ms(Math.max(...samples))} (n=${samples.length})`;

console.log('\n## Sales pitches in Slack (offline engine, scale 1)');
const h = await startSlackHarness();
try {
  const pipeline: number[] = [];
  const posted: number[] = [];
  const asked: number[] = [];
  const rewrites: number[] = [];
  const deps = composePitch(h.analyst);
  // One warm-up of each path, so the first query plans and module loads are not counted.
  await draftPitch(deps, { brand: BRANDS[0] ?? '' });
  for (let round = 0; round < ROUNDS; round++) {
    for (const brand of BRANDS) {
      pipeline.push(await timed(() => draftPitch(deps, { brand })));

      h.fake.reset();
      posted.push(
        await timed(async () => {
          await sendSlackRequest(
            h.url,
            'command',
            slashCommand({ command: '/pitch', text: brand, response_url: h.fake.responseUrl() }),
            { signingSecret },
          );
          await h.fake.waitFor(() => pitchPosts(h).length === 1 && filesShared(h) === 1, 30_000);
        }),
      );
      const pitch = pitchPosts(h)[0];
      const pitchId = (
        (pitch?.args.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]
      )
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.action_id === 'pitch_shorter')?.value;
      rewrites.push(
        await timed(async () => {
          await sendSlackRequest(
            h.url,
            'interactive',
            blockAction({
              action_id: 'pitch_shorter',
              value: pitchId ?? '',
              message_ts: String(pitch?.args.ts),
            }),
            { signingSecret },
          );
          await h.fake.waitFor(() => pitchPosts(h).length === 2 && filesShared(h) === 2, 30_000);
        }),
      );

      h.fake.reset();
      asked.push(
        await timed(async () => {
          await sendSlackRequest(
            h.url,
            'command',
            slashCommand({
              command: '/ask',
              text: `total spend for ${brand} last quarter`,
              response_url: h.fake.responseUrl(),
            }),
            { signingSecret },
          );
          await h.fake.waitFor(() => okPosts(h).length === 1, 30_000);
        }),
      );
    }
  }
  const p50 = percentile(posted, 50);
  console.log(`pipeline alone (draftPitch, no Slack): ${summary(pipeline)}`);
  console.log(`baseline /ask to posted answer: ${summary(asked)}`);
  console.log(
    `time from /pitch to posted pitch and its file: ${summary(posted)} (${versus(p50 / 1000, 2)} < 2 s; Slack side ${ms(p50 - percentile(pipeline, 50))} over the pipeline)`,
  );
  console.log(
    `"Shorter" re-write, click to posted version: ${summary(rewrites)} (no queries: replayed results)`,
  );
} finally {
  await h.close();
}
