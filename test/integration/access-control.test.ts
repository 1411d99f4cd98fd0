import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/fake-slack.ts';
import { eventCallback, sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { cli } from '../fixtures/cli-harness.ts';
import { writeRestrictedKb } from '../fixtures/restricted-kb.ts';
import {
  blockText,
  okPosts,
  type SlackHarness,
  signingSecret,
  startSlackHarness,
} from '../fixtures/slack-harness.ts';

/**
 * Restricted knowledge-base documents on every path that reads documents, over the fixture
 * corpus (a deal note for channel C0DEALS, a plan for users U0BOARD and U0CFO): the real Slack
 * app against the Slack fake (slash command, DM, mention, report job) and the CLI.
 */

const dir = mkdtempSync(join(tmpdir(), 'scout-access-'));
const kbEnv = { SCOUT_KB_DIR: writeRestrictedKb(join(dir, 'kb')), SCOUT_KB_INDEX: join(dir, 'index') };
const DEAL = '12% discount';
const PLAN = 'Zephyrine';

let h: SlackHarness;
beforeAll(async () => {
  // Default worker locks: a 1 s lock is lost whenever a loaded machine blocks the loop that long,
  // and the report is then taken over mid-run; nothing here tests takeover.
  h = await startSlackHarness(kbEnv);
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => h.fake.reset());

const posts = () => okPosts(h);
const postedText = (call: RecordedCall | undefined) =>
  `${String(call?.args.text ?? '')}\n${blockText((call?.args.blocks ?? []) as never)}`;

async function slashAsk(text: string, channel: string, user = 'U0001') {
  await sendSlackRequest(
    h.url,
    'command',
    slashCommand({
      command: '/ask',
      text,
      channel_id: channel,
      user_id: user,
      response_url: h.fake.responseUrl(),
    }),
    { signingSecret },
  );
  await h.fake.waitFor(() => posts().length === 1, 15_000);
  return postedText(posts()[0]);
}

async function event(payload: Record<string, unknown>, id: string) {
  await sendSlackRequest(h.url, 'event', eventCallback({ type: 'message', ...payload }, { event_id: id }), {
    signingSecret,
  });
  await h.fake.waitFor(() => posts().length === 1, 15_000);
  return postedText(posts()[0]);
}

describe('ask in Slack', () => {
  it('quotes a channel-restricted document only in that channel, and says the same "not found" elsewhere', async () => {
    const elsewhere = await slashAsk('What are the Acme renewal terms?', 'C0001');
    expect(elsewhere).not.toContain(DEAL);
    expect(elsewhere).not.toContain('Acme renewal terms]');
    expect(elsewhere).toContain("couldn't find");
    h.fake.reset();
    expect(await slashAsk('What are the Acme renewal terms?', 'C0DEALS')).toContain(DEAL);
  });

  it('quotes a user-restricted document to that user in a DM only', async () => {
    const dm = (user: string, id: string) =>
      event(
        {
          channel_type: 'im',
          channel: 'D0BOARD',
          user,
          text: 'What did the board approve?',
          ts: `17000005${id}.0001`,
        },
        `Ev-access-${id}`,
      );
    expect(await dm('U0BOARD', '01')).toContain(PLAN);
    h.fake.reset();
    expect(await dm('U0INTERN', '02')).not.toContain(PLAN);
    h.fake.reset();
    // In a channel the other readers are unknown: not there, even for the allowed user.
    const mention = await event(
      {
        type: 'app_mention',
        channel: 'C0001',
        user: 'U0BOARD',
        text: '<@U0BOT0001> What did the board approve?',
        ts: '1700000503.0001',
      },
      'Ev-access-03',
    );
    expect(mention).not.toContain(PLAN);
    h.fake.reset();
    // Nor with /ask in a D… conversation, which may be a DM between two people.
    expect(await slashAsk('What did the board approve?', 'D0BOARD', 'U0BOARD')).not.toContain(PLAN);
  });
});

describe('reports', () => {
  const markdown = () => h.fake.uploads.find((u) => u.filename.endsWith('.md'))?.bytes.toString() ?? '';
  async function reportIn(channel: string) {
    await sendSlackRequest(
      h.url,
      'command',
      slashCommand({
        command: '/report',
        text: 'gaming Q3 2025',
        channel_id: channel,
        response_url: h.fake.responseUrl(),
      }),
      { signingSecret },
    );
    await h.fake.waitFor(() => markdown() !== '', 70_000);
    return markdown();
  }

  it('cites a restricted document only in a report posted to a channel allowed to see it', async () => {
    const general = await reportIn('C0001');
    expect(general).toContain('Gaming CTV brief');
    expect(general).not.toContain('Acme renewal terms');
    h.fake.reset();
    expect(await reportIn('C0DEALS')).toContain('Acme renewal terms');
  }, 150_000);
});

describe('scout ask', () => {
  const ask = async (...argv: string[]) => JSON.parse((await cli(['ask', '--json', ...argv], kbEnv)).stdout);

  it('answers from internal documents only, unless --as-channel or --as-user say who asks', async () => {
    const plain = await ask('What are the Acme renewal terms?');
    expect(plain.answer).not.toContain(DEAL);
    expect(plain.citations).toEqual([]);
    const asChannel = await ask('--as-channel', 'C0DEALS', 'What are the Acme renewal terms?');
    expect(asChannel.answer).toContain(DEAL);
    expect(asChannel.citations.map((c: { source: string }) => c.source)).toContain(
      'data/kb/acme-deal.md#renewal-pricing',
    );
    expect((await ask('--as-user', 'U0BOARD', 'What did the board approve?')).answer).toContain(PLAN);
    expect((await ask('--as-channel', 'C0DEALS', 'What did the board approve?')).answer).not.toContain(PLAN);
  });

  it('refuses a malformed --as-channel with one line and a non-zero exit', async () => {
    const run = await cli(['ask', '--as-channel', '#deals', 'What are the Acme renewal terms?'], kbEnv);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--as-channel must be a Slack conversation id/);
  });
});
