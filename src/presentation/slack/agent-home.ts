import type { SlackBlock } from '../../ports.ts';
import type { HomeContent } from '../../usecases/agent-home.ts';
import { context, section } from './answer-message.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

export const homeActionIds = { unschedule: 'home_unschedule' } as const;

const examples = [
  '`top 5 brands by spend in Gaming last quarter`',
  '`CTR by channel this year vs last year`',
  '`what share of spend went to CTV in 2025`',
  '`what did the Q3 Travel post-mortem recommend?`',
];

function recentBlocks(content: HomeContent): SlackBlock[] {
  if (content.recent.length === 0)
    return [context('No answers yet. Ask in my DM, mention @Scout in a channel, or use `/ask`.')];
  return content.recent.map((r) => {
    const where = r.conversation.channel ? ` · in <#${r.conversation.channel}>` : '';
    return context(
      `*${escapeMrkdwn(truncate(r.question, 150))}* · ${r.status} · ${r.createdAt.slice(0, 10)}${where} · \`/scout why ${r.id}\``,
    );
  });
}

function scheduleBlocks(content: HomeContent): SlackBlock[] {
  if (content.schedules.length === 0)
    return [
      context('No report schedules. Set one up with `/report schedule weekly mon 09:00 Asia/Taipei gaming`.'),
    ];
  return content.schedules.map((s) => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `\`${escapeMrkdwn(s.id)}\` · ${escapeMrkdwn(s.industry)} in <#${s.channel}> · cron \`${escapeMrkdwn(s.pattern)}\` ${escapeMrkdwn(s.tz)}${s.mine ? '' : ' · (set up by someone else)'}`,
    },
    accessory: {
      type: 'button',
      action_id: homeActionIds.unschedule,
      text: { type: 'plain_text', text: 'Remove' },
      style: 'danger',
      value: `${s.channel} ${s.id}`,
      confirm: {
        title: { type: 'plain_text', text: 'Remove this schedule?' },
        text: { type: 'plain_text', text: truncate(`No more ${s.industry} reports from ${s.id}.`, 300) },
        confirm: { type: 'plain_text', text: 'Remove' },
        deny: { type: 'plain_text', text: 'Keep' },
      },
    },
  }));
}

function adminBlocks(admin: NonNullable<HomeContent['admin']>): SlackBlock[] {
  const votes = Object.entries(admin.feedback)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${escapeMrkdwn(key)}: ${n}`);
  return [
    { type: 'header', text: { type: 'plain_text', text: 'For admins' } },
    section(
      [
        `*Report schedules in the workspace:* ${admin.schedules}`,
        `*Feedback by prompt version* (version · vote · reason): ${votes.length > 0 ? votes.join(' · ') : 'none yet'}`,
      ].join('\n'),
    ),
    context('Usage and cost per user and model: `scout usage --json` (the LLMOps ledger).'),
  ];
}

/** The Home tab: what Scout can do, the user's recent answers and schedules, and for admins counts. */
export function renderHome(content: HomeContent): Record<string, unknown> {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Scout, your advertising analyst' } },
    section(
      `Ask about spend, CTR, ROAS and more, by brand, channel, market or period. Every number comes from a query I ran; "How I got this" shows it.\n${examples.map((e) => `• ${e}`).join('\n')}`,
    ),
    section(
      '*Order a report:* `/report gaming Q3 2025` in a channel, or "@Scout make a report on gaming Q3 2025".\n*Draft a pitch:* `/pitch <brand>`, or the "Draft a sales pitch" shortcut.',
    ),
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Your recent answers' } },
    ...recentBlocks(content),
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Report schedules' } },
    ...scheduleBlocks(content),
    ...(content.admin ? [{ type: 'divider' }, ...adminBlocks(content.admin)] : []),
    context(':robot_face: Scout is an AI assistant; its answers are AI-generated.'),
  ];
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
