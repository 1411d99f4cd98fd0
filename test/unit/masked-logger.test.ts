import { describe, expect, it } from 'vitest';
import { createMaskedLogger, MAX_LOGGED_STRING } from '../../src/adapters/logging/masked-logger.ts';
import { ScoutError } from '../../src/errors.ts';

function capture() {
  const lines: string[] = [];
  return {
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    stream: { write: (line: string) => void lines.push(line) },
  };
}

describe('the masked logger', () => {
  it('masks personal data in messages, fields, nested values and errors (message, stack, cause)', () => {
    const out = capture();
    const logger = createMaskedLogger('info', out.stream);
    const cause = new Error('lookup of S1234567D failed');
    const error = new ScoutError('internal', 'could not answer alice@example.com', { cause });
    logger.error(
      {
        answerId: 'a-1',
        question: 'CTR for bob@example.com, call +65 9123 4567',
        nested: { card: ['4111 1111 1111 1111'] },
        err: error,
      },
      'ask failed for 0912-345-678',
    );
    logger.child({ component: 'bolt' }).warn('retrying for carol@example.org');
    const text = out.lines.join('\n');
    for (const secret of ['alice@', 'bob@', '9123 4567', '4111 1111', 'S1234567D', '0912-345-678', 'carol@'])
      expect(text).not.toContain(secret);
    const [first, second] = out.records();
    expect(first).toMatchObject({
      answerId: 'a-1',
      question: 'CTR for [email], call [phone]',
      nested: { card: ['[card]'] },
      msg: 'ask failed for [phone]',
      err: {
        type: 'ScoutError',
        message: 'could not answer [email]: lookup of [national id] failed',
        code: 'internal',
      },
    });
    expect(second).toMatchObject({ component: 'bolt', msg: 'retrying for [email]' });
  });

  it('cuts very long strings before scanning them, and still redacts secrets', () => {
    const out = capture();
    createMaskedLogger('info', out.stream).warn(
      { headers: { authorization: 'Bearer xoxb-1' }, body: 'x'.repeat(100_000) },
      'big',
    );
    const [record] = out.records();
    expect(record?.headers).toEqual({ authorization: '[Redacted]' });
    expect(String(record?.body).length).toBeLessThan(MAX_LOGGED_STRING + 50);
    expect(String(record?.body)).toMatch(/98,?000 more characters\]$/);
  });
});
