import { describe, expect, it } from 'vitest';
import {
  checkCommandText,
  checkQuestion,
  MAX_MESSAGE_CHARS,
  MAX_QUESTION_CHARS,
} from '../../src/domain/input-limits.ts';
import { BODY_ONLY_DEDUPE_SECONDS, commandDedupeClaim } from '../../src/domain/request-identity.ts';

describe('input limits', () => {
  it('passes a question up to the limit, cleaned and trimmed', () => {
    expect(checkQuestion('  <@U0BOT> CTR by channel ', (t) => t.replace('<@U0BOT>', ''))).toEqual({
      ok: true,
      text: 'CTR by channel',
    });
    expect(checkQuestion('q'.repeat(MAX_QUESTION_CHARS)).ok).toBe(true);
  });

  it('refuses an oversized message without handing it to the cleaner', () => {
    let cleaned = false;
    const checked = checkQuestion('w'.repeat(MAX_MESSAGE_CHARS + 1), (t) => {
      cleaned = true;
      return t;
    });
    expect(cleaned).toBe(false);
    expect(checked).toMatchObject({ ok: false, length: MAX_MESSAGE_CHARS + 1 });
  });

  it('refuses a question over the limit once cleaned, with a friendly message', () => {
    const checked = checkQuestion(`<@U0BOT> ${'q'.repeat(MAX_QUESTION_CHARS + 1)}`, (t) => t.slice(9));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(/^That message is 501 characters long; .* up to 500/);
  });

  it('bounds command arguments', () => {
    expect(checkCommandText('schedules').ok).toBe(true);
    expect(checkCommandText('x'.repeat(301))).toMatchObject({ ok: false, length: 301 });
  });
});

describe('slash command identity', () => {
  const base = { team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/ask', text: 'total spend' };

  it('uses the trigger id when Slack sent one', () => {
    expect(commandDedupeClaim({ ...base, trigger_id: '123.456.abc' }).key).toBe('command:123.456.abc');
  });

  it('hashes the identifying fields otherwise: the same delivery, the same key; the text never shows', () => {
    const url = 'https://hooks.slack.com/commands/T1/1/abc';
    const first = commandDedupeClaim({ ...base, response_url: url });
    expect(commandDedupeClaim({ ...base, response_url: url })).toEqual(first);
    expect(first.key).toMatch(/^command:body:[0-9a-f]{32}$/);
    expect(first.key).not.toContain('spend');
    expect(commandDedupeClaim({ ...base, response_url: `${url}x` }).key).not.toBe(first.key);
    expect(commandDedupeClaim({ ...base, text: 'total spend in 2024', response_url: url }).key).not.toBe(
      first.key,
    );
  });

  it('holds a claim without trigger id or response_url only briefly, so a repeated question is answered', () => {
    expect(commandDedupeClaim(base).ttlSeconds).toBe(BODY_ONLY_DEDUPE_SECONDS);
  });
});
